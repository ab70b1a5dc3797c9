/** Errors of the alert area: formatting options and SNS publishing. */
export class AlertError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AlertError';
  }
}

/** Bad `AlertOptions`: a programming or configuration mistake, never a report's content. */
export class AlertOptionsError extends AlertError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AlertOptionsError';
  }
}

/** SNS refused or failed the Publish call; `cause` is the SDK's error. */
export class AlertPublishError extends AlertError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AlertPublishError';
  }
}
