/**
 * The catalog checks itself (the Prowler lesson, as a test): ids, requests, matchers, safety rules,
 * documentation, and fixture coverage per family.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { answerIds, requestsAndFollowUps } from '../../lambdas/probe/catalog-plan.js';
import { prefixThenLater } from '../../lambdas/probe/fingerprints/common.js';
import { replyTypeOf } from '../../lambdas/probe/grpc-exchange.js';
import { catalog } from '../../lambdas/probe/fingerprints/index.js';
import { isHttpRequest, type Fingerprint, type Matcher, type Signal } from '../../lambdas/probe/fingerprints/types.js';
import { loadFixtures } from '../support/fixture-format.js';

const fingerprintsDir = fileURLToPath(new URL('../../lambdas/probe/fingerprints/', import.meta.url));
/** Modules in the folder that are not families. */
const supportModules = new Set(['index.ts', 'types.ts', 'common.ts']);

const signalsOf = (f: Fingerprint): Signal[] => [f.identify, f.open, f.authRequired, f.hostPolicy].filter((s): s is Signal => s !== undefined);
const matchersOf = (s: Signal): Matcher[] => [...(s.all ?? []), ...(s.any ?? [])];
/** Every matcher of a family: its signals' and its sweep hints. */
const hintMatchersOf = (f: Fingerprint): Matcher[] => (f.sweepHints ?? []).flatMap((hint): Matcher[] => (Array.isArray(hint) ? [...(hint as readonly Matcher[])] : [hint as Matcher]));
const allMatchersOf = (f: Fingerprint): Matcher[] => [...signalsOf(f).flatMap(matchersOf), ...hintMatchersOf(f)];
const exclusionMatchersOf = (f: Fingerprint): Matcher[] => (f.sweepRuledOutBy ?? []).flatMap((exclusion) => exclusion.all);
/** Every regex of a family: its matchers' (hints and exclusions included) and its extractors'. */
const regexesOf = (f: Fingerprint): RegExp[] =>
  [...allMatchersOf(f), ...exclusionMatchersOf(f), ...Object.values(f.extract ?? {})].flatMap((m) =>
    'bodyRegex' in m ? [m.bodyRegex] : 'regex' in m && m.regex !== undefined ? [m.regex] : [],
  );

const BODY_CAP_CHARS = 128 * 1024;
const HOSTILE_BODY_MS = 250;
const filled = (unit: string): string => unit.repeat(Math.ceil(BODY_CAP_CHARS / unit.length)).slice(0, BODY_CAP_CHARS);
/** The pattern's literal runs: what a hostile body repeats to make it try (and fail) again and again. */
const literalPieces = (regex: RegExp): string[] =>
  regex.source
    .split(/\\[sSdDwWbB]|\\.|[()[\]{}*+?|^$.]/)
    .filter((piece) => piece.length >= 2)
    .slice(0, 8);
/** Shapes that made catalog patterns backtrack (repeated openings of what they look for), and generic ones. */
const HOSTILE_UNITS = ['a', 'a-', ' ', '"', '"a":', '<', '<form', '<title', '"jsonrpc":"2.0",', 'gradio_config={', '"results":{', '"models":[', '"userManagement":{', '"title":"TorchServe APIs",', '"compatibility_type":"gguf",', '"code":"missing_authorization_header",'];
function hostileBodiesFor(regex: RegExp): string[] {
  const pieces = literalPieces(regex);
  return [
    ...[...HOSTILE_UNITS, ...pieces].map(filled),
    ...pieces.flatMap((opening) => [...pieces, 'a', ' '].map((unit) => `${opening}${filled(unit)}`)),
    `<title>${filled('LocalAI')}`,
    `<title>${filled('LobeChat')}`,
    `{"data":{${filled('"userManagement":{')}`,
  ];
}
const fixtures = loadFixtures();

describe('catalog', () => {
  it('has one module per family, named by the family id', () => {
    const families = readdirSync(fingerprintsDir).filter((file) => file.endsWith('.ts') && !supportModules.has(file));
    expect(families.map((file) => file.replace(/\.ts$/, '')).sort()).toEqual(catalog.map((f) => f.id).sort());
  });

  it('has unique kebab-case ids', () => {
    const ids = catalog.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it.each(catalog.map((f) => [f.id, f] as const))('%s: every matcher names a request of the same fingerprint', (_id, f) => {
    const requestIds = new Set(f.requests.map((r) => r.id));
    expect(requestIds.size).toBe(f.requests.length);
    const allIds = requestsAndFollowUps(f).map((r) => r.id);
    for (const signal of signalsOf(f)) {
      expect(matchersOf(signal).length, `signal "${signal.why}" has no matchers`).toBeGreaterThan(0);
      // Only `open` may read a follow-up: the others decide what the planner asks, and it never plans one.
      const readable = signal === f.open ? allIds : [...requestIds];
      for (const matcher of matchersOf(signal)) expect(readable, `matcher on "${matcher.on}"`).toContain(matcher.on);
    }
    for (const hint of hintMatchersOf(f)) expect(requestIds, `sweep hint on "${hint.on}"`).toContain(hint.on);
    // A sweep exclusion reads its own requests; a misspelt one would never hold, silently.
    for (const exclusion of f.sweepRuledOutBy ?? []) {
      const ownIds = exclusion.requests.map((r) => r.id);
      for (const matcher of exclusion.all) expect(ownIds, `sweep exclusion on "${matcher.on}"`).toContain(matcher.on);
      for (const request of exclusion.requests) expect(request.method, `sweep exclusion request "${request.id}"`).toBe('GET');
    }
    // Extractors may read a follow-up's answer; a follow-up's condition reads the answer it follows.
    const branches = f.requests.flatMap((r) => (isHttpRequest(r) ? (r.followUps ?? []).map((branch) => [r.id, branch] as const) : []));
    expect(new Set(allIds).size, 'request and follow-up ids are unique').toBe(allIds.length);
    for (const [id, branch] of branches) {
      expect(branch.when.length, `follow-up condition of "${id}"`).toBeGreaterThan(0);
      for (const matcher of branch.when) expect(matcher.on, `follow-up condition of "${id}"`).toBe(id);
    }
    for (const extractor of Object.values(f.extract ?? {})) for (const id of answerIds(extractor.on)) expect(allIds).toContain(id);
  });

  it.each(catalog.map((f) => [f.id, f] as const))('%s: harmless requests only (GET/HEAD; POST only for a JSON-RPC handshake and listing)', (_id, f) => {
    for (const request of requestsAndFollowUps(f)) {
      if (request.kind === 'tcp') {
        // Nothing at all (a greeting: the server speaks first), or Redis's read-only commands.
        expect(['', 'PING\r\n', 'INFO server\r\n']).toContain(request.send);
        continue;
      }
      if (request.kind === 'grpc') {
        // The request message is always empty (nothing but the method is sent): only methods that read, by name, and the canary.
        expect(request.method).toMatch(/^\/(?:[A-Za-z_][\w.]*\/(?:ServerMetadata|ServerLive|ServerReady|RepositoryIndex|HealthCheck|Check|Ping|List\w*|Search)|ai_exposure_monitor\.Canary\/NotFound)$/);
        expect(() => replyTypeOf(request.reply), `reply type of "${request.id}"`).not.toThrow();
        continue;
      }
      expect(request.path.startsWith('/')).toBe(true);
      // By path segment, so a read-only list such as /api/v1/chatflows passes and /api/chat does not.
      expect(request.path).not.toMatch(/(?:^|\/)(?:stdio|pull|delete|exec|run|runs|upload|generate|chat|completions|infer|predict|predictions)(?:[/?]|$)/i);
      // Anywhere in the path: some servers stop or restart on a GET (Genkit's /api/__quitquitquit, /api/killAppProcess).
      expect(request.path).not.toMatch(/quit|kill|restart|shutdown|reboot|terminate/i);
      if (request.method === 'POST') {
        expect(f.category).toBe('mcp');
        // The handshake, its end, the stateless revision's discovery, and the read-only tool list; never a call.
        expect(JSON.parse(request.body ?? '{}')).toMatchObject({ jsonrpc: '2.0', method: expect.stringMatching(/^(?:initialize|notifications\/initialized|server\/discover|tools\/list)$/) });
      }
    }
  });

  it.each(catalog.map((f) => [f.id, f] as const))('%s: documented for the alert (remediation, references, why)', (_id, f) => {
    expect(f.remediation.length).toBeGreaterThan(20);
    expect(f.remediation).not.toContain('\n');
    expect(f.references.length).toBeGreaterThan(0);
    for (const reference of f.references) expect(reference).toMatch(/^https:\/\//);
    for (const signal of signalsOf(f)) expect(signal.why.length).toBeGreaterThan(10);
    expect(f.authRequired !== undefined || (f.noAuthReason ?? '').length > 0).toBe(true);
  });

  it.each(catalog.map((f) => [f.id, f] as const))('%s: every request is read by a matcher or extractor (each one is sent to every port)', (_id, f) => {
    const read = new Set([...allMatchersOf(f).map((m) => m.on), ...Object.values(f.extract ?? {}).flatMap((e) => answerIds(e.on))]);
    for (const request of f.requests) expect(read, `request "${request.id}"`).toContain(request.id);
  });

  it.each(catalog.map((f) => [f.id, f] as const))('%s: regexes are stateless (no g/y flags)', (_id, f) => {
    for (const regex of regexesOf(f)) expect(regex.flags).not.toMatch(/[gy]/);
  });

  // A pattern that backtracks more than linearly lets one hostile answer hold the prober's only thread: a body
  // at the 128 KiB cap repeating "<form" held /<form[^>]*signup/i for 4 s, one repeating "jsonrpc":"2.0" held
  // /"jsonrpc"\s*:\s*"2\.0"[\s\S]*Not Acceptable/ for seconds too. A linear pattern reads such a body in a few
  // milliseconds; the bound leaves a wide margin for a loaded machine.
  it.each(catalog.map((f) => [f.id, f] as const))('%s: every regex decides on hostile bodies at the body cap in bounded time', (_id, f) => {
    const slow = regexesOf(f).flatMap((regex) =>
      hostileBodiesFor(regex).flatMap((body) => {
        const started = performance.now();
        regex.test(body);
        const ms = performance.now() - started;
        return ms < HOSTILE_BODY_MS ? [] : [`${String(regex)} on ${JSON.stringify(body.slice(0, 40))}…: ${ms.toFixed(0)} ms`];
      }),
    );
    expect(slow).toEqual([]);
  });

  it.each(catalog.map((f) => [f.id, f] as const))('%s: has unauthenticated (or noOpenReason), auth-required (or noAuthReason) and negative fixtures', (id, f) => {
    const own = fixtures.filter((x) => x.family === id);
    if (f.noOpenReason === undefined) expect(own.some((x) => x.fixture.expect.verdict === 'unauthenticated'), 'an unauthenticated fixture').toBe(true);
    else expect(f.authRequired, 'a family that is never open must say how it refuses').toBeDefined();
    if (f.authRequired !== undefined) expect(own.some((x) => x.fixture.expect.verdict === 'auth-required'), 'an auth-required fixture').toBe(true);
    const negatives = fixtures.filter((x) => x.fixture.expect.verdict === 'not-ai');
    expect(negatives.length).toBeGreaterThan(0);
  });

  it('keeps fixtures in family folders or negatives/, expecting only known families', () => {
    const ids = new Set(catalog.map((f) => f.id));
    for (const { family, name, fixture } of fixtures) {
      expect(ids.has(family) || family === 'negatives', `${family}/${name}`).toBe(true);
      if (fixture.expect.family !== null) expect(ids.has(fixture.expect.family)).toBe(true);
      expect(fixture.expect.verdict === 'not-ai').toBe(fixture.expect.family === null);
    }
  });
});

describe('Function: prefixThenLater', () => {
  it.each([
    ['the prefix, then the later text', 'x {"jsonrpc":"2.0","error":"Not Acceptable"}', true],
    ['the later text only before the prefix', 'Not Acceptable {"jsonrpc":"2.0"}', false],
    ['the later text after a second occurrence of the prefix', '"jsonrpc":"2.0" a "jsonrpc": "2.0" Not Acceptable', true],
    ['no prefix', 'Not Acceptable', false],
    ["the prefix's second alternative, not at the start", 'x {"jsonrpc": 2} Not Acceptable', true],
  ])('says what prefix[\\s\\S]*later says: %s', (_case, text, expected) => {
    const prefix = /"jsonrpc"\s*:\s*"2\.0"|"jsonrpc"\s*:\s*2\b/;
    expect(prefixThenLater(prefix, /Not Acceptable/).test(text)).toBe(expected);
    expect(new RegExp(String.raw`(?:${prefix.source})[\s\S]*Not Acceptable`).test(text)).toBe(expected);
  });

  it('refuses patterns whose flags differ, which one pattern could not keep', () => {
    expect(() => prefixThenLater(/a/i, /b/)).toThrow(/share their flags/);
  });
});
