/** Errors of the probe engine. A target's own misbehaviour is never an error: it becomes a verdict. */

export class ProbeError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ProbeError';
  }
}

/** The prober was configured wrongly (budgets, address map): thrown by `createProber`. */
export class ProberConfigError extends ProbeError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ProberConfigError';
  }
}

/** Abort reason: the target used up `targetTimeoutMs`. */
export class TargetTimeBudgetExceeded extends ProbeError {
  constructor(budgetMs: number) {
    super(`target time budget of ${budgetMs} ms exhausted`);
    this.name = 'TargetTimeBudgetExceeded';
  }
}

/** Abort reason: the caller aborted the run or its deadline passed; unfinished targets are partial. */
export class ProbeRunInterrupted extends ProbeError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ProbeRunInterrupted';
  }
}

/** A TCP/TLS connection attempt failed; `kind` decides the verdict. */
export class ConnectError extends ProbeError {
  constructor(
    readonly kind: 'refused' | 'unreachable' | 'aborted' | 'other',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ConnectError';
  }
}

/** Abort reason of one request: no headers, or the body stalled, within the budget. */
export class ExchangeTimeout extends ProbeError {
  constructor(
    readonly phase: 'headers' | 'body',
    message: string,
  ) {
    super(message);
    this.name = 'ExchangeTimeout';
  }
}

/**
 * Builds an error that is an expected outcome, not a bug (a refused port), without a stack trace:
 * V8 captures one for every Error (tens of microseconds), and a scan meets thousands of closed ports.
 */
export function expectedOutcome<E extends Error>(make: () => E): E {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
