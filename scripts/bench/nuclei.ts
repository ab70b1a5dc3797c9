/**
 * The comparison the issue asks for: nuclei, a general-purpose scanner, on the same fleet with HTTP
 * templates generated from the same catalog (each family: its HTTP requests, its identify matchers
 * translated to nuclei matchers where Go's RE2 accepts the regex). Raw-TCP families are left out
 * (nuclei's network templates are another engine), so the workload is the HTTP part of ours.
 * Used by `npm run bench -- --nuclei /path/to/nuclei`; only loopback URLs are passed to nuclei.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLoopbackAddress } from '../../lambdas/probe/address-safety.js';
import type { Fingerprint, HttpProbeRequest, Matcher } from '../../lambdas/probe/fingerprints/types.js';

export interface NucleiRun {
  readonly version: string;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakRssMb: number;
  readonly templates: number;
  readonly matches: number;
}

/** RE2 (nuclei's regex engine) has no lookaround or backreferences. */
const re2Compatible = (regex: RegExp): boolean => !/\(\?[=!<]|\\[1-9]/.test(regex.source);

function matcherYaml(matcher: Matcher): string[] {
  const negative = matcher.not ? ['    negative: true'] : [];
  if ('status' in matcher) return ['  - type: status', `    status: [${matcher.status.join(', ')}]`, ...negative];
  if ('bodyContains' in matcher) return ['  - type: word', '    part: body', `    words: [${JSON.stringify(matcher.bodyContains)}]`, ...negative];
  if ('bodyRegex' in matcher) return re2Compatible(matcher.bodyRegex) ? ['  - type: regex', '    part: body', `    regex: [${JSON.stringify(matcher.bodyRegex.source)}]`, ...negative] : [];
  // A body cut by a byte cap is nothing a nuclei matcher reads.
  if ('whole' in matcher) return [];
  if (matcher.regex !== undefined && !re2Compatible(matcher.regex)) return [];
  const needle = matcher.regex === undefined ? `    words: [${JSON.stringify(`${matcher.header}: ${matcher.contains ?? ''}`)}]` : `    regex: [${JSON.stringify(matcher.regex.source)}]`;
  return [`  - type: ${matcher.regex === undefined ? 'word' : 'regex'}`, '    part: header', '    case-insensitive: true', needle, ...negative];
}

/** One template per family with HTTP requests; null when the family has none. */
export function nucleiTemplate(fingerprint: Fingerprint): string | null {
  const requests = fingerprint.requests.filter((request): request is HttpProbeRequest => request.kind !== 'tcp');
  if (requests.length === 0) return null;
  const matchers = [...(fingerprint.identify.any ?? []), ...(fingerprint.identify.all ?? [])].flatMap(matcherYaml);
  const blocks = requests.map((request) => {
    const headerLines = Object.entries(request.headers ?? {}).map(([name, value]) => `      ${name}: ${JSON.stringify(value)}`);
    return [
      `  - method: ${request.method}`,
      '    path:',
      `      - ${JSON.stringify(`{{BaseURL}}${request.path}`)}`,
      ...(headerLines.length > 0 ? ['    headers:', ...headerLines] : []),
      ...(request.body === undefined ? [] : [`    body: ${JSON.stringify(request.body)}`]),
      ...(matchers.length > 0 ? ['    matchers-condition: or', '    matchers:', ...matchers.map((line) => `  ${line}`)] : []),
    ].join('\n');
  });
  return [`id: ${fingerprint.id}`, 'info:', `  name: ${JSON.stringify(fingerprint.name)}`, '  author: ai-exposure-monitor-bench', `  severity: ${fingerprint.severityWhenOpen}`, 'http:', ...blocks, ''].join('\n');
}

/** Runs nuclei over `urls` (loopback only) and measures it with /usr/bin/time. */
export async function runNuclei(binary: string, catalog: readonly Fingerprint[], urls: readonly string[], concurrency: number, timeoutSeconds: number): Promise<NucleiRun> {
  for (const url of urls) {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    if (!isLoopbackAddress(host)) throw new Error(`refusing to point nuclei at ${url}: loopback only`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'ai-exposure-nuclei-'));
  try {
    const templateDir = join(dir, 'templates');
    await (await import('node:fs/promises')).mkdir(templateDir);
    let templates = 0;
    for (const fingerprint of catalog) {
      const yaml = nucleiTemplate(fingerprint);
      if (yaml === null) continue;
      await writeFile(join(templateDir, `${fingerprint.id}.yaml`), yaml);
      templates += 1;
    }
    await writeFile(join(dir, 'urls.txt'), `${urls.join('\n')}\n`);
    const timeFile = join(dir, 'time.txt');
    const args = [
      '-f', '%e %U %S %M', '-o', timeFile, binary,
      '-l', join(dir, 'urls.txt'), '-t', templateDir, '-jsonl', '-o', join(dir, 'results.jsonl'),
      '-c', '64', '-bs', String(concurrency), '-rl', '1000000', '-timeout', String(timeoutSeconds), '-retries', '0',
      '-duc', '-ni', '-silent', '-nc', '-no-stdin', '-mhe', '1000000',
    ];
    const env = { ...process.env, HOME: dir, DISABLE_NUCLEI_TEMPLATES_PUBLIC_DOWNLOAD: 'true', DISABLE_NUCLEI_TEMPLATES_GITHUB_DOWNLOAD: 'true' };
    const started = performance.now();
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn('/usr/bin/time', args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
      child.once('error', reject);
      child.once('exit', resolve);
    });
    const wallMs = performance.now() - started;
    if (code !== 0) throw new Error(`nuclei exited with code ${String(code)}`);
    const [, user, system, maxRssKb] = (await readFile(timeFile, 'utf8')).trim().split('\n').at(-1)!.split(' ').map(Number);
    const results = await readFile(join(dir, 'results.jsonl'), 'utf8').catch(() => '');
    const version = await new Promise<string>((resolve) => {
      const child = spawn(binary, ['-version'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.once('exit', () => resolve(/v\d+\.\d+\.\d+/.exec(text)?.[0] ?? 'unknown'));
    });
    return { version, wallMs, cpuMs: ((user ?? 0) + (system ?? 0)) * 1000, peakRssMb: (maxRssKb ?? 0) / 1024, templates, matches: results.split('\n').filter((line) => line.trim() !== '').length };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
