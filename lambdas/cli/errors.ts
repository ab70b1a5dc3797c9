/** A mistake the user can fix: printed as one line, exit code 2, never a stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit codes a CI job can rely on. */
export const EXIT = { clean: 0, unauthenticatedFound: 1, error: 2 } as const;
