/**
 * `cdk synth` as a user runs it: the real CLI, real esbuild bundling, no AWS
 * credentials and no network, default configuration. Then cfn-lint (from the
 * test virtualenv) checks both synthesized templates.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MONITOR_STACK_NAME, TARGET_ROLE_STACK_NAME } from '../../../lib/app.js';
import { PROJECT_ROOT } from '../../../lib/monitor-function.js';

const run = promisify(execFile);
const CFN_LINT = join(PROJECT_ROOT, '.venv/bin/cfn-lint');
// CDK always emits DependsOn on a role it also references by GetAtt; the redundancy is harmless.
const IGNORED_LINT_CHECKS = ['W3005'];

/** The environment without any AWS credential source, and with the CLI's outbound calls (telemetry, version check) off. */
function credentialFreeEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_') && !key.startsWith('CDK_')));
  return {
    ...env,
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
    CDK_DISABLE_CLI_TELEMETRY: 'true',
    CDK_DISABLE_VERSION_CHECK: 'true',
  };
}

let outdir: string;
let synth: { stdout: string; stderr: string };

beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), 'cdk-synth-'));
  synth = await run(join(PROJECT_ROOT, 'node_modules/.bin/cdk'), ['synth', '--quiet', '--no-notices', '--output', outdir], {
    cwd: PROJECT_ROOT,
    env: credentialFreeEnv(),
    maxBuffer: 16 * 1024 * 1024,
  });
}, 300_000);

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

const templatePath = (stack: string) => join(outdir, `${stack}.template.json`);

/** The monitor stack's bundled handlers: each asset directory holding an `index.mjs`. */
function bundleDirs(): string[] {
  const assets = JSON.parse(readFileSync(join(outdir, `${MONITOR_STACK_NAME}.assets.json`), 'utf8')) as { files: Record<string, { source: { path: string } }> };
  return Object.values(assets.files)
    .map((file) => join(outdir, file.source.path))
    .filter((dir) => existsSync(join(dir, 'index.mjs')));
}

/** The files esbuild put into each handler's bundle (its source map's sources), by handler name. */
function bundledSourcesByHandler(): Map<string, string[]> {
  return new Map(
    bundleDirs().map((dir) => {
      const { sources } = JSON.parse(readFileSync(join(dir, 'index.mjs.map'), 'utf8')) as { sources: string[] };
      const handler = sources.map((source) => /lambdas\/handlers\/(probe|inventory|plan-scan|reconcile)\.ts$/.exec(source)?.[1]).find((name) => name !== undefined);
      return [handler ?? dir, sources];
    }),
  );
}

describe('cdk synth without credentials', () => {
  it('writes both templates and bundled handlers', () => {
    expect(existsSync(templatePath(MONITOR_STACK_NAME))).toBe(true);
    expect(existsSync(templatePath(TARGET_ROLE_STACK_NAME))).toBe(true);
    expect(bundleDirs()).toHaveLength(4);
  });

  it("bundles only what each Lambda runs: undici's client in the probe Lambda alone, without the package entry's fetch, WebSocket or mocks, and zod's English messages only", () => {
    const sourcesByHandler = bundledSourcesByHandler();
    expect([...sourcesByHandler.keys()].sort()).toEqual(['inventory', 'plan-scan', 'probe', 'reconcile']);
    for (const [handler, sources] of sourcesByHandler) {
      const undici = sources.filter((source) => source.includes('node_modules/undici/'));
      if (handler === 'probe') {
        expect(undici).toContainEqual(expect.stringMatching(/undici\/lib\/dispatcher\/client\.js$/));
        // The HTTP/1 client needs a few of fetch's body helpers, not fetch itself.
        expect(undici.filter((source) => /undici\/(index\.js|lib\/(mock|web\/(websocket|eventsource|cookies|cache)|web\/fetch\/index\.js))/.test(source))).toEqual([]);
      } else {
        expect(undici, handler).toEqual([]);
      }
      const zodLocales = sources.filter((source) => /node_modules\/zod\/.*\/locales\//.test(source));
      expect(zodLocales.map((source) => source.replace(/.*\/locales\//, '')), handler).toEqual(['en.js']);
    }
  });

  it('is environment-agnostic and grants no cross-account role by default', () => {
    const text = readFileSync(templatePath(MONITOR_STACK_NAME), 'utf8');
    const template = JSON.parse(text) as { Resources: Record<string, { Type: string; Properties: { PolicyDocument?: { Statement: { Action: string | string[] }[] } } }> };
    const policyActions = Object.values(template.Resources)
      .filter((resource) => resource.Type === 'AWS::IAM::Policy')
      .flatMap((policy) => policy.Properties.PolicyDocument!.Statement.flatMap((statement) => [statement.Action].flat()));
    expect(policyActions).toContain('ec2:DescribeNetworkInterfaces');
    expect(policyActions).not.toContain('sts:AssumeRole');
    expect(text).not.toMatch(/:\d{12}:/); // no account id baked into an ARN
    expect(synth.stderr).not.toMatch(/\b(ERROR|Error:)/);
  });
});

describe('cfn-lint', () => {
  it.each([MONITOR_STACK_NAME, TARGET_ROLE_STACK_NAME])('passes the %s template', async (stack) => {
    const result = await run(CFN_LINT, ['--ignore-checks', ...IGNORED_LINT_CHECKS, '--', templatePath(stack)], { maxBuffer: 4 * 1024 * 1024 }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    expect(result).toEqual({ code: 0, stdout: '' });
  });
});
