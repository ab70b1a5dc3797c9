import { describe, expect, it } from 'vitest';
import { ConfigError, readRuntimeConfig } from '../../../lambdas/shared/runtime-config.js';

const valid = { TABLE_NAME: 'ai-exposure', TOPIC_ARN: 'arn:aws:sns:eu-west-1:111122223333:alerts' };

describe('readRuntimeConfig', () => {
  it('applies documented defaults', () => {
    const config = readRuntimeConfig(valid);
    expect(config).toMatchObject({
      tableName: 'ai-exposure',
      regions: 'all',
      accounts: [],
      extraPorts: [],
      batchSize: 100,
      workspaceTtlDays: 2,
      historyRetentionDays: 0,
      planSchedule: { scanIntervalMinutes: 15, fullPlanEveryHours: 24 },
    });
  });

  it('parses lists', () => {
    const config = readRuntimeConfig({ ...valid, REGIONS: 'eu-west-1, us-east-1', ACCOUNTS: '222233334444', CROSS_ACCOUNT_ROLE_NAME: 'AiExposureReader', EXTRA_PORTS: '8080,9000' });
    expect(config).toMatchObject({ regions: ['eu-west-1', 'us-east-1'], accounts: ['222233334444'], extraPorts: [8080, 9000], crossAccountRoleName: 'AiExposureReader' });
  });

  it.each([
    [{ TABLE_NAME: '' }, 'TABLE_NAME'],
    [{ TOPIC_ARN: 'not-an-arn' }, 'TOPIC_ARN'],
    [{ REGIONS: 'Europe' }, 'REGIONS'],
    [{ ACCOUNTS: '1234' }, 'ACCOUNTS'],
    [{ EXTRA_PORTS: '8080,70000' }, 'EXTRA_PORTS'],
    [{ EXTRA_PORTS: 'http' }, 'EXTRA_PORTS'],
    [{ BATCH_SIZE: '0' }, 'BATCH_SIZE'],
    [{ PROBE_MAX_CONCURRENCY: '5000' }, 'PROBE_MAX_CONCURRENCY'],
    [{ ACCOUNTS: '222233334444' }, 'CROSS_ACCOUNT_ROLE_NAME'],
    [{ HISTORY_RETENTION_DAYS: '-1' }, 'HISTORY_RETENTION_DAYS'],
    [{ SCAN_INTERVAL_MINUTES: '0' }, 'SCAN_INTERVAL_MINUTES'],
    [{ FULL_PLAN_EVERY_HOURS: 'daily' }, 'FULL_PLAN_EVERY_HOURS'],
  ])('rejects %o naming %s', (override, variable) => {
    expect(() => readRuntimeConfig({ ...valid, ...override })).toThrow(ConfigError);
    expect(() => readRuntimeConfig({ ...valid, ...override })).toThrow(variable);
  });
});
