import { describe, expect, it } from 'vitest';
import { ConnectError, expectedOutcome } from '../../../lambdas/probe/errors.js';

describe('Function: expectedOutcome', () => {
  it('builds the error without stack frames and keeps its message, kind and cause', () => {
    const cause = new Error('connect ECONNREFUSED 127.0.0.1:9');
    const error = expectedOutcome(() => new ConnectError('refused', 'connection refused', { cause }));
    expect(error).toBeInstanceOf(ConnectError);
    expect(error).toMatchObject({ kind: 'refused', message: 'connection refused', cause });
    expect(error.stack?.split('\n')).toEqual(['ConnectError: connection refused']);
  });

  it('leaves stack traces on for every other error, even when building one throws', () => {
    const limit = Error.stackTraceLimit;
    expect(() =>
      expectedOutcome(() => {
        throw new Error('bug');
      }),
    ).toThrow('bug');
    expect(Error.stackTraceLimit).toBe(limit);
    expect(new Error('elsewhere').stack?.split('\n').length).toBeGreaterThan(1);
  });
});
