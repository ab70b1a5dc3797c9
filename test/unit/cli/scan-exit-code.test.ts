import { describe, expect, it } from 'vitest';
import { scanExitCode } from '../../../lambdas/cli/commands/scan.js';
import type { ScanReport } from '../../../lambdas/shared/model.js';

const scope = (ok: boolean) => ({ scope: { accountId: '111122223333', region: 'eu-west-1' }, ok, targets: 0 });
const exposure = (verdict: 'unauthenticated' | 'auth-required', accepted = false) =>
  ({
    snapshot: { verdict },
    firstSeen: '',
    lastSeen: '',
    target: {},
    ...(accepted && { accepted: { reason: 'public demo', until: '2027-01-31', accepts: 'unauthenticated' } }),
  }) as unknown as ScanReport['currentExposures'][number];

describe('Function: scanExitCode', () => {
  it.each([
    ['clean', [scope(true)], [], 0],
    ['auth-required only', [scope(true)], [exposure('auth-required')], 0],
    ['unauthenticated', [scope(true)], [exposure('unauthenticated')], 1],
    ['unauthenticated and accepted', [scope(true)], [exposure('unauthenticated', true)], 0],
    ['unauthenticated, one of two accepted', [scope(true)], [exposure('unauthenticated', true), exposure('unauthenticated')], 1],
    ['unauthenticated and a failed scope', [scope(true), scope(false)], [exposure('unauthenticated')], 1],
    ['a failed scope, nothing unauthenticated seen', [scope(true), scope(false)], [exposure('auth-required')], 2],
    ['a scope listed but for its function URLs', [{ ...scope(true), unlisted: [{ what: 'Lambda function URLs', error: 'AccessDenied' }] }], [], 2],
  ] as const)('%s → %i', (_, scopes, currentExposures, code) => {
    expect(scanExitCode({ scopes: [...scopes], currentExposures: [...currentExposures] })).toBe(code);
  });
});
