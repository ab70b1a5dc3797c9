/** Errors of the state area: one base class, so callers can catch "anything the store refused". */
export class StateError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StateError';
  }
}

/** Concurrent writers kept moving an item's revision; the scan may be retried as a whole. */
export class StateConflictError extends StateError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StateConflictError';
  }
}

/** The scan workspace is missing or cannot hold what was asked (unknown batch, item too large). */
export class ScanWorkspaceError extends StateError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ScanWorkspaceError';
  }
}

/** The embedded local store (dynalite on disk) could not start or stop. */
export class LocalStoreError extends StateError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LocalStoreError';
  }
}
