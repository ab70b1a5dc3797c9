/** Errors of the inventory area. `inventoryScope` turns every one of them into `{ ok: false, error }`. */

export class InventoryError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InventoryError';
  }
}

/** An AWS API call failed after the SDK's own retries. The message reads "<service>:<operation> failed: <why>". */
export class AwsCallError extends InventoryError {
  readonly service: string;
  readonly operation: string;

  constructor(service: string, operation: string, cause: unknown) {
    super(`${service}:${operation} failed: ${describeError(cause)}`, { cause });
    this.name = 'AwsCallError';
    this.service = service;
    this.operation = operation;
  }
}

/** The listing came back but cannot be complete, e.g. an interface names a security group AWS did not return. */
export class IncompleteListingError extends InventoryError {
  constructor(message: string) {
    super(message);
    this.name = 'IncompleteListingError';
  }
}

/** "AccessDeniedException: User … is not authorized", or the network error's code when the message is empty. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Node's connect attempts to several addresses fail as an AggregateError with an empty message.
  if (error instanceof AggregateError && !error.message && error.errors[0] !== undefined) return describeError(error.errors[0]);
  const code = (error as { code?: unknown }).code;
  const message = error.message || (typeof code === 'string' ? code : '') || 'no message';
  const generic = error.name === 'Error' || error.name === 'AggregateError';
  return generic ? message : `${error.name}: ${message}`;
}

/**
 * The call failed because the endpoint's name does not resolve: how a regional endpoint of a service that is not
 * offered in that region fails (its DNS name does not exist).
 */
export function endpointNameDoesNotResolve(error: unknown): boolean {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    if ((cause as { code?: unknown }).code === 'ENOTFOUND') return true;
    if (cause instanceof AggregateError && cause.errors.some((inner) => endpointNameDoesNotResolve(inner))) return true;
  }
  return false;
}

/** Runs one AWS call (or one whole paginated listing) and names it when it fails. */
export async function awsCall<T>(service: string, operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new AwsCallError(service, operation, error);
  }
}
