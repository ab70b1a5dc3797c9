/**
 * The command-line tool as a user runs it: the real `bin/ai-exposure-monitor.js`
 * in a child process, against real servers on loopback and moto.
 */
import { spawn } from 'node:child_process';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStore } from '../../../lambdas/state/local-store.js';
import { startMoto, type MotoServer } from '../../support/moto.js';
import { startMcpServer } from '../../support/servers/mcp.js';
import type { RunningServer } from '../../support/servers/common.js';

const bin = fileURLToPath(new URL('../../../bin/ai-exposure-monitor.js', import.meta.url));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, NODE_NO_WARNINGS: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let openMcp: RunningServer;
let guardedMcp: RunningServer;
let storeDir: string;

describe('ai-exposure-monitor CLI', () => {
  beforeAll(async () => {
    [openMcp, guardedMcp] = await Promise.all([startMcpServer(), startMcpServer({ token: 'cli-secret' })]);
    storeDir = await mkdtemp(join(tmpdir(), 'aem-cli-'));
  });

  afterAll(async () => {
    await Promise.all([openMcp?.stop(), guardedMcp?.stop()]);
    await rm(storeDir, { recursive: true, force: true });
  });

  it('check --json: exit 1 and one JSON array when an AI service answers without credentials', async () => {
    const run = await cli(['check', `127.0.0.1:${openMcp.port}`, `127.0.0.1:${guardedMcp.port}`, '--allow-private', '--json']);

    expect(run.code).toBe(1);
    const rows = JSON.parse(run.stdout);
    expect(rows).toEqual([
      expect.objectContaining({ address: '127.0.0.1', port: openMcp.port, verdict: 'unauthenticated', service: expect.stringMatching(/MCP/) }),
      expect.objectContaining({ address: '127.0.0.1', port: guardedMcp.port, verdict: 'auth-required', service: expect.stringMatching(/MCP/), version: null }),
    ]);
    expect(rows[0].evidence.signals.length).toBeGreaterThan(0);
  });

  it('check: exit 0 when nothing unauthenticated answered, with a readable line per target', async () => {
    const targetsFile = join(storeDir, 'targets.txt');
    await writeFile(targetsFile, `# lab\n127.0.0.1:${guardedMcp.port}\n`);

    const run = await cli(['check', '--targets', targetsFile, '--allow-private']);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`127\\.0\\.0\\.1:${guardedMcp.port}\\s+auth-required\\s+\\[LOW\\] MCP`));
  });

  it.each([
    [['check', `127.0.0.1:${1}`], /refusing 127\.0\.0\.1: .*loopback.*--allow-private/],
    [['check'], /check needs at least one host:port/],
    [['check', 'not a target'], /is not host:port/],
    [['check', '--targets', '/nonexistent/targets.txt'], /cannot read --targets/],
    [['scan', '--regions', 'Europe'], /--regions: "Europe" is not an AWS region/],
    [['scan', '--accounts', '111122223333'], /--accounts needs --role/],
    [['history', '--since', 'yesterday'], /--since "yesterday" is not an ISO-8601/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['check', '--bogus'], /Unknown option '--bogus'/],
  ])('%j: exit 2 with one clear line on stderr, no stack trace', async (args, message) => {
    const run = await cli(args, { AI_EXPOSURE_MONITOR_HOME: storeDir });

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('history on an empty store says so', async () => {
    const emptyStore = join(storeDir, 'empty-store');
    await (await startLocalStore({ dir: emptyStore })).stop();

    const run = await cli(['history', '--store', emptyStore]);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/No history matches/);
  });

  it('history on a store directory no scan wrote: exit 2 naming it, and nothing created there', async () => {
    const mistyped = join(storeDir, 'no-such-store');

    const run = await cli(['history', '--store', mistyped]);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`no local store in ${mistyped}: nothing was scanned into it`));
    await expect(access(mistyped)).rejects.toThrow(/ENOENT/);
  });

  it('catalog --json lists every family with ports and severity', async () => {
    const run = await cli(['catalog', '--json']);

    expect(run.code).toBe(0);
    const ids = JSON.parse(run.stdout).map((row: { id: string }) => row.id);
    expect(ids).toEqual(expect.arrayContaining(['ollama', 'jupyter-server', 'mcp-streamable-http', 'redis']));
  });

  describe('scan against an AWS account (moto)', () => {
    let moto: MotoServer;
    beforeAll(async () => {
      moto = await startMoto();
    });
    afterAll(async () => {
      await moto?.stop();
    });
    const motoEnv = () => ({
      AWS_ENDPOINT_URL: moto.endpoint,
      AWS_ACCESS_KEY_ID: moto.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: moto.credentials.secretAccessKey,
      AWS_REGION: 'us-east-1',
    });

    it('scans with the default credential chain into the local store', async () => {
      // An account with no internet-open resources: the scan lists and stores, and never probes an emulator address.
      const store = join(storeDir, 'scan-store');
      const accepted = join(storeDir, 'scan-accepted.json');
      // The deploy config file, as `cdk deploy -c aiExposureMonitorConfigFile=` reads it.
      await writeFile(accepted, JSON.stringify({ regions: ['us-east-1'], acceptedExposures: [{ service: 'gradio', account: '123456789012', accepts: 'unauthenticated', reason: 'public demos account', until: '2027-01-31' }] }));

      const run = await cli(['scan', '--regions', 'us-east-1,eu-west-1', '--store', store, '--accepted', accepted], motoEnv());

      expect(run.stderr).toMatch(/listed 123456789012 us-east-1: 0 target\(s\)/);
      expect(run.stdout).toMatch(/2\/2 scope\(s\) scanned, 0 change\(s\)\. State: local store/);
      expect(run.stdout).toMatch(/No AI service is currently exposed/);
      expect(run.code).toBe(0);
    });

    it('refuses an --accepted file with a bad rule before scanning, naming the entry and its field', async () => {
      const file = join(storeDir, 'accepted.json');
      await writeFile(file, JSON.stringify([{ service: 'gradio', account: '123456789012', reason: 'demo', until: '2027-01-31' }, { service: 'gradio', resource: 'i-0demo', reason: 'demo', until: 'next year' }]));

      const run = await cli(['scan', '--regions', 'us-east-1', '--store', join(storeDir, 'accepted-store'), '--accepted', file], motoEnv());

      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--accepted: .*accepted\.json: entry 2 field until: must be the last day the acceptance holds, as YYYY-MM-DD \(UTC\)/);
      expect(run.stderr).not.toMatch(/listed /);
    });

    it('says what to do when there are no usable credentials', async () => {
      const run = await cli(['scan', '--regions', 'us-east-1', '--store', join(storeDir, 'nocreds')], {
        AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
        AWS_ACCESS_KEY_ID: 'x',
        AWS_SECRET_ACCESS_KEY: 'x',
        AWS_REGION: 'us-east-1',
        AWS_MAX_ATTEMPTS: '1',
      });

      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/no usable AWS credentials .*try "ai-exposure-monitor demo"/);
    });
  });

  it('demo: real services on loopback, an alert, a resolution, then an accepted exposure, in one run', async () => {
    const run = await cli(['demo']);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/CRITICAL: unauthenticated Jupyter/);
    expect(run.stdout).toMatch(/HIGH, new exposure\n\s+Service:\s+MCP server/);
    expect(run.stdout).toMatch(/auth-required \(demanded credentials\)/);
    expect(run.stdout).toMatch(/RESOLVED: MCP server .* on 203\.0\.113\.10:8000/);
    // Scan 3 accepts the token-gated server: recorded, no alert, and the exposure list says until when.
    const accepting = run.stdout.slice(run.stdout.indexOf('=== Scan 3'), run.stdout.indexOf('What auditors read later'));
    expect(accepting).toMatch(/1 change\(s\)\. State: /);
    expect(accepting).toMatch(/No alert: the change is of accepted exposures \(history only\)\./);
    expect(accepting).toMatch(/auth-required +MCP server .* on 203\.0\.113\.11:8000 .*\n +accepted until \d{4}-\d{2}-\d{2}: ops agent tools behind their bearer token/);
    // The history auditors would read, shown before the temporary store goes: opened, then resolved.
    const history = run.stdout.slice(run.stdout.indexOf('What auditors read later'));
    expect(history).toMatch(/opened .*203\.0\.113\.10:8000[\s\S]*resolved .*203\.0\.113\.10:8000/);
    expect(history).not.toMatch(/aem-demo-store/);
  }, 120_000);
});
