import { describe, expect, it } from 'vitest';
import { defaultBudgets, resolveBudgets } from '../../../lambdas/probe/budgets.js';
import { ProberConfigError } from '../../../lambdas/probe/errors.js';

describe('Function: resolveBudgets', () => {
  it('fills unspecified budgets from the defaults', () => {
    expect(resolveBudgets({ targetTimeoutMs: 500 })).toEqual({ ...defaultBudgets, targetTimeoutMs: 500 });
    expect(resolveBudgets(undefined)).toEqual(defaultBudgets);
  });

  it.each([
    [{ connectTimeoutMs: 0 }, 'budgets.connectTimeoutMs'],
    [{ maxBodyBytes: 1.5 }, 'budgets.maxBodyBytes'],
    [{ maxConcurrentTargets: 2000 }, 'budgets.maxConcurrentTargets'],
    [{ maxHeaderBytes: 10 }, 'budgets.maxHeaderBytes'],
    [{ targetTimeoutMs: -1 }, 'budgets.targetTimeoutMs'],
  ])('rejects %j naming the field', (overrides, field) => {
    expect(() => resolveBudgets(overrides)).toThrow(ProberConfigError);
    expect(() => resolveBudgets(overrides)).toThrow(field);
  });

  it('rejects unknown fields (typos)', () => {
    expect(() => resolveBudgets({ targetTimeoutMS: 5 } as never)).toThrow(/targetTimeoutMS|Unrecognized/);
  });

  it('keeps the socket cap well under the 1,024 descriptors of a Lambda', () => {
    expect(defaultBudgets.maxConcurrentTargets).toBeLessThanOrEqual(512);
    expect(defaultBudgets.targetTimeoutMs).toBeGreaterThan(defaultBudgets.connectTimeoutMs + defaultBudgets.tlsTimeoutMs);
  });
});

describe('Politeness defaults', () => {
  it('lets one target’s whole plan go out in one burst per address', async () => {
    const { catalog } = await import('../../../lambdas/probe/fingerprints/index.js');
    const { planRequests } = await import('../../../lambdas/probe/catalog-plan.js');
    expect(defaultBudgets.maxRequestsPerSecondPerAddress).toBeGreaterThanOrEqual(planRequests(catalog, 80).length);
  });
});
