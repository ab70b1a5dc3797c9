import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { buildMonitorApp } from '../../../lib/app.js';
import {
  CONFIG_CONTEXT_KEY,
  CONFIG_FILE_CONTEXT_KEY,
  lambdaEnvironment,
  MonitorConfigError,
  parseMonitorConfig,
  rawConfigFromContext,
  reconcileEnvironment,
} from '../../../lib/config.js';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../../lambdas/shared/metric-names.js';
import { readRuntimeConfig } from '../../../lambdas/shared/runtime-config.js';

/** A valid accepted exposure, to spoil one field at a time. */
const ACCEPTED = { service: 'gradio', resource: 'i-0demo00000000001', reason: 'public demo, SEC-1234', until: '2027-01-31' };

const rejection = (raw: unknown): string => {
  try {
    parseMonitorConfig(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(MonitorConfigError);
    return (error as Error).message;
  }
  throw new Error('the config was accepted');
};

describe('Function: parseMonitorConfig', () => {
  it('fills every default from an empty config', () => {
    // Act
    const config = parseMonitorConfig({});

    // Assess
    expect(config).toEqual({
      scanIntervalMinutes: 15,
      regions: 'all',
      accounts: [],
      crossAccountRoleName: 'AiExposureMonitorReadOnly',
      alertEmails: [],
      extraPorts: [],
      probe: { batchSize: 100, connectTimeoutMs: 3_000, targetTimeoutMs: 10_000, maxConcurrency: 100, fullPlanEveryHours: 24 },
      fanOut: { scopesPerWorkflow: 20, concurrentWorkflows: 10, concurrentBatchesPerScope: 5 },
      retention: { workspaceDays: 2, historyDays: 0, logDays: 30 },
      acceptedExposures: [],
      logLevel: 'INFO',
    });
  });

  it('keeps the values it is given', () => {
    const config = parseMonitorConfig({
      scanIntervalMinutes: 60,
      regions: ['eu-west-1', 'us-east-1'],
      accounts: ['111122223333'],
      alertEmails: ['oncall@example.com'],
      extraPorts: [8443],
      probe: { batchSize: 50 },
      retention: { historyDays: 400, logDays: 90 },
    });

    expect(config.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(config.probe).toEqual({ batchSize: 50, connectTimeoutMs: 3_000, targetTimeoutMs: 10_000, maxConcurrency: 100, fullPlanEveryHours: 24 });
    expect(config.retention).toEqual({ workspaceDays: 2, historyDays: 400, logDays: 90 });
  });

  it.each([
    ['scanIntervalMinutes', { scanIntervalMinutes: 1 }, /aiExposureMonitor\.scanIntervalMinutes: must be at least 5 minutes \(got 1\)/],
    ['scanIntervalMinutes', { scanIntervalMinutes: 1_440 }, /aiExposureMonitor\.scanIntervalMinutes: must be at most 720 minutes/],
    ['scanIntervalMinutes', { scanIntervalMinutes: 7.5 }, /aiExposureMonitor\.scanIntervalMinutes: must be a whole number of minutes/],
    ['regions', { regions: 'everywhere' }, /aiExposureMonitor\.regions: must be "all" or a list of region codes/],
    ['regions', { regions: ['eu-west-1', 'Europe'] }, /aiExposureMonitor\.regions/],
    ['regions', { regions: ['eu-west-1', 'eu-west-1'] }, /aiExposureMonitor\.regions: must not list the same region code twice/],
    ['accounts', { accounts: [111122223333] }, /aiExposureMonitor\.accounts\.0: .*12-digit AWS account id in quotes/],
    ['accounts', { accounts: ['1234'] }, /aiExposureMonitor\.accounts\.0: must be a 12-digit AWS account id/],
    ['crossAccountRoleName', { crossAccountRoleName: 'role with spaces' }, /aiExposureMonitor\.crossAccountRoleName: must be an IAM role name/],
    ['alertEmails', { alertEmails: ['not-an-address'] }, /aiExposureMonitor\.alertEmails\.0: must be e-mail addresses/],
    ['extraPorts', { extraPorts: [70_000] }, /aiExposureMonitor\.extraPorts\.0: must be at most 65535 port/],
    ['probe.batchSize', { probe: { batchSize: 0 } }, /aiExposureMonitor\.probe\.batchSize: must be at least 1 targets/],
    ['probe.batchSize', { probe: { batchSize: 500, maxConcurrency: 50, targetTimeoutMs: 20_000 } }, /aiExposureMonitor\.probe\.batchSize: 500 targets at maxConcurrency 50 can take 10 × 20000 ms/],
    ['probe.connectTimeoutMs', { probe: { connectTimeoutMs: 50 } }, /aiExposureMonitor\.probe\.connectTimeoutMs: must be at least 100 milliseconds/],
    ['probe.connectTimeoutMs', { probe: { connectTimeoutMs: 20_000, targetTimeoutMs: 10_000 } }, /aiExposureMonitor\.probe\.connectTimeoutMs: must not exceed probe\.targetTimeoutMs/],
    ['probe.targetTimeoutMs', { probe: { targetTimeoutMs: 120_000 } }, /aiExposureMonitor\.probe\.targetTimeoutMs: must be at most 60000 milliseconds/],
    ['probe.maxConcurrency', { probe: { maxConcurrency: 2_000 } }, /aiExposureMonitor\.probe\.maxConcurrency: must be at most 500 targets/],
    ['probe.fullPlanEveryHours', { probe: { fullPlanEveryHours: 200 } }, /aiExposureMonitor\.probe\.fullPlanEveryHours: must be at most 168 hours/],
    ['fanOut.scopesPerWorkflow', { fanOut: { scopesPerWorkflow: 41 } }, /aiExposureMonitor\.fanOut\.scopesPerWorkflow: must be at most 40 scopes/],
    ['fanOut.concurrentWorkflows', { fanOut: { concurrentWorkflows: 0 } }, /aiExposureMonitor\.fanOut\.concurrentWorkflows: must be at least 1 workflows/],
    ['fanOut.concurrentBatchesPerScope', { fanOut: { concurrentBatchesPerScope: 100 } }, /aiExposureMonitor\.fanOut\.concurrentBatchesPerScope: must be at most 40/],
    ['retention.workspaceDays', { retention: { workspaceDays: 0 } }, /aiExposureMonitor\.retention\.workspaceDays: must be at least 1 days/],
    ['retention.historyDays', { retention: { historyDays: -1 } }, /aiExposureMonitor\.retention\.historyDays: must be at least 0 days/],
    ['retention.logDays', { retention: { logDays: 45 } }, /aiExposureMonitor\.retention\.logDays: must be one of the CloudWatch Logs retention periods: 1, 3, 5/],
    ['logLevel', { logLevel: 'VERBOSE' }, /aiExposureMonitor\.logLevel: must be one of DEBUG, INFO, WARN, ERROR \(got "VERBOSE"\)/],
    ['acceptedExposures', { acceptedExposures: { service: 'gradio' } }, /aiExposureMonitor\.acceptedExposures: must be a list of accepted exposures/],
    ['acceptedExposures.0.service', { acceptedExposures: [{ ...ACCEPTED, service: 'gradioo' }] }, /aiExposureMonitor\.acceptedExposures\.0\.service: must be a service family id from the catalog, such as "gradio"/],
    ['acceptedExposures.0.until', { acceptedExposures: [{ ...ACCEPTED, until: '31/01/2027' }] }, /aiExposureMonitor\.acceptedExposures\.0\.until: must be the last day the acceptance holds, as YYYY-MM-DD/],
    ['acceptedExposures.0.until', { acceptedExposures: [{ ...ACCEPTED, until: undefined }] }, /aiExposureMonitor\.acceptedExposures\.0\.until: must be the last day/],
    ['acceptedExposures.0.reason', { acceptedExposures: [{ ...ACCEPTED, reason: '  ' }] }, /aiExposureMonitor\.acceptedExposures\.0\.reason: must say why the exposure may stay open/],
    ['acceptedExposures.0.accepts', { acceptedExposures: [{ ...ACCEPTED, accepts: 'anything' }] }, /aiExposureMonitor\.acceptedExposures\.0\.accepts: must be "auth-required" or "unauthenticated"/],
    ['acceptedExposures.0.account', { acceptedExposures: [{ ...ACCEPTED, account: 111122223333 }] }, /aiExposureMonitor\.acceptedExposures\.0\.account: must be a 12-digit AWS account id in quotes/],
    ['acceptedExposures.0', { acceptedExposures: [{ service: 'gradio', reason: 'demo', until: '2027-01-31' }] }, /aiExposureMonitor\.acceptedExposures\.0: must name a resource or an account: accepting a service everywhere would mute the monitor for it/],
    ['acceptedExposures', { acceptedExposures: Array.from({ length: 12 }, (_, i) => ({ ...ACCEPTED, resource: `i-${i}`, reason: 'r'.repeat(250) })) }, /aiExposureMonitor\.acceptedExposures: takes \d+ bytes as JSON, more than the 3000 it may use of Lambda's 4 KB of environment/],
  ])('rejects a bad %s and names it', (_field, raw, message) => {
    expect(rejection(raw)).toMatch(message);
  });

  it('rejects an unknown field and lists the allowed ones', () => {
    expect(rejection({ scanIntervalMinute: 15 })).toMatch(/aiExposureMonitor: unknown field "scanIntervalMinute"; allowed: scanIntervalMinutes, regions, accounts/);
  });

  it('rejects a typo inside a nested object and lists that object\'s fields', () => {
    expect(rejection({ probe: { batchsize: 10 } })).toMatch(
      /aiExposureMonitor\.probe: unknown field "batchsize"; allowed: batchSize, connectTimeoutMs, targetTimeoutMs, maxConcurrency, fullPlanEveryHours/,
    );
  });

  it('rejects a typo inside an accepted exposure and lists a rule\'s fields', () => {
    expect(rejection({ acceptedExposures: [{ ...ACCEPTED, expires: '2027-01-31' }] })).toMatch(
      /aiExposureMonitor\.acceptedExposures\.0: unknown field "expires"; allowed: service, resource, account, region, port, accepts, reason, until/,
    );
  });

  it('keeps an accepted exposure with its defaults, and trims its reason', () => {
    expect(parseMonitorConfig({ acceptedExposures: [{ ...ACCEPTED, reason: '  public demo  ' }] }).acceptedExposures).toEqual([
      { service: 'gradio', resource: 'i-0demo00000000001', accepts: 'auth-required', reason: 'public demo', until: '2027-01-31' },
    ]);
  });

  it('reports every problem at once', () => {
    const message = rejection({ scanIntervalMinutes: 0, logLevel: 'LOUD' });
    expect(message).toMatch(/scanIntervalMinutes/);
    expect(message).toMatch(/logLevel/);
  });
});

describe('Function: rawConfigFromContext', () => {
  const contextOf = (values: Record<string, unknown>) => (key: string) => values[key];

  it('parses the JSON string that `cdk -c` passes', () => {
    expect(rawConfigFromContext(contextOf({ [CONFIG_CONTEXT_KEY]: '{"regions":["eu-west-1"]}' })).raw).toEqual({ regions: ['eu-west-1'] });
  });

  it('reads a config file', () => {
    const read = (path: string) => (path === 'monitor.json' ? '{"scanIntervalMinutes":30}' : '');
    expect(rawConfigFromContext(contextOf({ [CONFIG_FILE_CONTEXT_KEY]: 'monitor.json' }), read)).toEqual({
      raw: { scanIntervalMinutes: 30 },
      source: 'monitor.json',
    });
  });

  it('names the file that cannot be read', () => {
    const read = (): string => {
      throw new Error('ENOENT');
    };
    expect(() => rawConfigFromContext(contextOf({ [CONFIG_FILE_CONTEXT_KEY]: 'missing.json' }), read)).toThrow(
      /aiExposureMonitorConfigFile: cannot read missing.json/,
    );
  });

  it('rejects invalid JSON, naming where it came from', () => {
    expect(() => rawConfigFromContext(contextOf({ [CONFIG_CONTEXT_KEY]: '{regions:' }))).toThrow(/aiExposureMonitor: is not valid JSON/);
  });

  it('refuses an inline config and a file at once', () => {
    expect(() => rawConfigFromContext(contextOf({ [CONFIG_CONTEXT_KEY]: {}, [CONFIG_FILE_CONTEXT_KEY]: 'x.json' }))).toThrow(/not both/);
  });
});

describe('Function: buildMonitorApp', () => {
  it('fails the synth with the field name when the context config is bad', () => {
    const app = new App({ context: { [CONFIG_CONTEXT_KEY]: { probe: { maxConcurrency: 0 } } } });
    expect(() => buildMonitorApp(app)).toThrow(/aiExposureMonitor\.probe\.maxConcurrency: must be at least 1/);
  });
});

describe('Function: lambdaEnvironment', () => {
  const resources = { tableName: 'monitor-table', topicArn: 'arn:aws:sns:eu-west-1:111122223333:alerts' };

  it('produces an environment the Lambdas accept, with every configured value', () => {
    // Prepare
    const config = parseMonitorConfig({
      regions: ['eu-west-1', 'us-east-1'],
      accounts: ['111122223333', '444455556666'],
      extraPorts: [8443, 9000],
      scanIntervalMinutes: 30,
      probe: { batchSize: 40, connectTimeoutMs: 2_000, targetTimeoutMs: 8_000, maxConcurrency: 40, fullPlanEveryHours: 12 },
      retention: { workspaceDays: 3, historyDays: 400 },
    });

    // Act
    const runtime = readRuntimeConfig(lambdaEnvironment(config, resources));

    // Assess
    expect(runtime).toEqual({
      tableName: 'monitor-table',
      topicArn: resources.topicArn,
      regions: ['eu-west-1', 'us-east-1'],
      accounts: ['111122223333', '444455556666'],
      crossAccountRoleName: 'AiExposureMonitorReadOnly',
      extraPorts: [8443, 9000],
      batchSize: 40,
      probe: { connectTimeoutMs: 2_000, targetTimeoutMs: 8_000, maxConcurrentTargets: 40 },
      planSchedule: { scanIntervalMinutes: 30, fullPlanEveryHours: 12 },
      workspaceTtlDays: 3,
      historyRetentionDays: 400,
      acceptedExposures: [],
    });
  });

  it('gives the reconcile Lambda the accepted exposures, which it reads back as configured', () => {
    // Prepare
    const acceptedExposures = [
      { service: 'gradio', resource: 'i-0demo00000000001', accepts: 'unauthenticated', reason: 'public demo, SEC-1234', until: '2027-01-31' },
      { service: 'mcp-streamable-http', account: '111122223333', region: 'eu-west-1', port: 443, reason: 'JWT-gated gateway', until: '2026-12-31' },
    ];
    const config = parseMonitorConfig({ acceptedExposures });

    // Act
    const runtime = readRuntimeConfig({ ...lambdaEnvironment(config, resources), ...reconcileEnvironment(config) });

    // Assess
    expect(runtime.acceptedExposures).toEqual([acceptedExposures[0], { ...acceptedExposures[1], accepts: 'auth-required' }]);
  });

  it('fails a Lambda\'s start on an accepted exposure it cannot read, naming the rule\'s field', () => {
    const environment = { ...lambdaEnvironment(parseMonitorConfig({}), resources), ACCEPTED_EXPOSURES: '[{"service":"gradio","account":"111122223333","reason":"demo"}]' };
    expect(() => readRuntimeConfig(environment)).toThrow(/ACCEPTED_EXPOSURES\.0\.until: must be the last day the acceptance holds/);
    expect(() => readRuntimeConfig({ ...environment, ACCEPTED_EXPOSURES: '[{' })).toThrow(/ACCEPTED_EXPOSURES: a JSON list of accepted exposures/);
  });

  it('passes "all" regions, no accounts and the retention and logging settings through', () => {
    const environment = lambdaEnvironment(parseMonitorConfig({ retention: { historyDays: 365 }, logLevel: 'DEBUG' }), resources);

    expect(environment).toMatchObject({
      REGIONS: 'all',
      ACCOUNTS: '',
      HISTORY_RETENTION_DAYS: '365',
      POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      POWERTOOLS_LOG_LEVEL: 'DEBUG',
    });
    expect(readRuntimeConfig(environment).regions).toBe('all');
  });
});
