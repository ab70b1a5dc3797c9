/** Which scans run the full plan: pure arithmetic on the scan id's start time. */
import { describe, expect, it } from 'vitest';
import { newScanId, planDepthOfScan, scanStartOf } from '../../../lambdas/pipeline/stages.js';

const daily = { scanIntervalMinutes: 15, fullPlanEveryHours: 24 };
const scanAt = (iso: string): string => newScanId(new Date(iso));

describe('scanStartOf', () => {
  it('reads back the second a scan id was made', () => {
    expect(scanStartOf(scanAt('2026-11-26T17:04:09.512Z'))?.toISOString()).toBe('2026-11-26T17:04:09.000Z');
  });

  it('gives nothing for an id of another shape', () => {
    expect(scanStartOf('manual-run-1')).toBeUndefined();
  });
});

describe('planDepthOfScan', () => {
  it('runs exactly one full scan a day whatever minute the schedule started on', () => {
    for (const offsetMinutes of [0, 3, 7, 14]) {
      // Act: a day of scans every 15 minutes, starting `offsetMinutes` after midnight UTC.
      const plans = Array.from({ length: 96 }, (_, i) => planDepthOfScan(scanAt(new Date(Date.UTC(2026, 10, 26, 0, offsetMinutes + 15 * i, 20)).toISOString()), daily));
      // Assess
      expect(plans.filter((plan) => plan === 'full')).toHaveLength(1);
    }
  });

  it('runs the scan right after midnight UTC full and the next ones as sweeps', () => {
    expect(planDepthOfScan(scanAt('2026-11-26T00:09:00Z'), daily)).toBe('full');
    expect(planDepthOfScan(scanAt('2026-11-26T00:24:00Z'), daily)).toBe('sweep');
    expect(planDepthOfScan(scanAt('2026-11-26T23:59:00Z'), daily)).toBe('sweep');
  });

  it('runs every scan full when asked to, or when scans are further apart than full ones', () => {
    expect(planDepthOfScan(scanAt('2026-11-26T13:00:00Z'), { scanIntervalMinutes: 15, fullPlanEveryHours: 0 })).toBe('full');
    expect(planDepthOfScan(scanAt('2026-11-26T13:00:00Z'), { scanIntervalMinutes: 720, fullPlanEveryHours: 6 })).toBe('full');
  });

  it('runs the full plan when the scan id carries no start time', () => {
    expect(planDepthOfScan('manual-run-1', daily)).toBe('full');
  });
});
