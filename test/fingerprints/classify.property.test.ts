/**
 * The classifier and the evidence it feeds, over recorded and cited answers of every family that a
 * server has mangled: bodies cut or spliced, JSON values swapped for values of any type, statuses,
 * challenges and server headers changed, requests failed or never answered. Whatever the answers,
 * classification must not throw, must give the same answer twice, must name a family for every AI
 * verdict, and must keep what it stores (version, model names, the whole result) within its bounds.
 * The seed is fixed, so a run is repeatable; a failure prints the fixture and the mutations.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestKey } from '../../lambdas/probe/catalog-plan.js';
import { classify } from '../../lambdas/probe/classify.js';
import { catalog } from '../../lambdas/probe/fingerprints/index.js';
import type { ObservedResponse } from '../../lambdas/probe/fingerprints/types.js';
import { classifiedResult, type ResultBase } from '../../lambdas/probe/result.js';
import { loadFixtures, replay } from '../support/fixture-format.js';

/** `PROBE_FUZZ_RUNS` and `PROBE_FUZZ_SEED` explore further than the test run's fixed draw. */
const RUNS = Number(process.env['PROBE_FUZZ_RUNS'] ?? 3_000);
const SEED = Number(process.env['PROBE_FUZZ_SEED'] ?? 20261128);
const MAX_RESULT_JSON_BYTES = 16 * 1024;

const fixtures = loadFixtures();
/** The request keys of each family, by its id (a fixture's folder names its family). */
const familyKeys = new Map(catalog.map((fingerprint) => [fingerprint.id, new Set(fingerprint.requests.map(requestKey))]));

type Mutation =
  | { readonly kind: 'cut'; readonly at: number; readonly truncated: boolean }
  | { readonly kind: 'splice'; readonly at: number; readonly text: string }
  | { readonly kind: 'swap-json'; readonly at: number; readonly value: unknown }
  | { readonly kind: 'retype-strings'; readonly value: unknown }
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'header'; readonly name: string; readonly value: string }
  | { readonly kind: 'fail'; readonly error: string }
  | { readonly kind: 'unanswered' };

/**
 * Which answer a mutation applies to: an index, taken modulo their number, into the answers to the
 * requests of the fixture's own family (the ones its verdict, version and models are read from), or
 * into all of them.
 */
type Targeted = { readonly answer: number; readonly ownFamily: boolean; readonly mutation: Mutation };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), truncated: fc.boolean() }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), text: fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.json({ maxDepth: 3 })) }),
  fc.record({ kind: fc.constant('swap-json' as const), at: fc.nat(), value: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({ kind: fc.constant('retype-strings' as const), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ kind: fc.constant('status' as const), status: fc.oneof(fc.constantFrom(200, 204, 302, 400, 401, 403, 404, 405, 407, 421, 500, 503), fc.integer({ min: 100, max: 599 })) }),
  fc.record({
    kind: fc.constant('header' as const),
    name: fc.constantFrom('www-authenticate', 'server', 'content-type', 'x-powered-by', 'location'),
    value: fc.string({ unit: 'binary', maxLength: 80 }),
  }),
  fc.record({ kind: fc.constant('fail' as const), error: fc.constantFrom('connection reset', 'no response headers within 5000 ms', 'not an HTTP response (x)') }),
  fc.record({ kind: fc.constant('unanswered' as const) }),
);

/** Every node of a JSON value, as the path of keys and indexes that reaches it. */
function pathsOf(value: unknown, path: readonly (string | number)[] = []): (readonly (string | number)[])[] {
  const below =
    Array.isArray(value)
      ? value.flatMap((item, index) => pathsOf(item, [...path, index]))
      : typeof value === 'object' && value !== null
        ? Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...path, key]))
        : [];
  return [path, ...below];
}

function withValueAt(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy = (Array.isArray(root) ? [...root] : { ...(root as Record<string, unknown>) }) as Record<string | number, unknown>;
  copy[head!] = withValueAt(copy[head!], rest, value);
  return copy;
}

/** `body` with `change` made to its JSON; a body that is not JSON is left as it is. */
function changeJson(body: string, change: (parsed: unknown) => unknown): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  return JSON.stringify(change(parsed));
}

/** Every string in `value` (names, ids, versions) replaced by `replacement`, keys kept. */
function retypeStrings(value: unknown, replacement: unknown): unknown {
  if (typeof value === 'string') return replacement;
  if (Array.isArray(value)) return value.map((item) => retypeStrings(item, replacement));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, retypeStrings(item, replacement)]));
  return value;
}

function mutated(response: ObservedResponse, change: Mutation): ObservedResponse | undefined {
  const { body } = response;
  switch (change.kind) {
    case 'cut':
      return { ...response, body: body.slice(0, change.at % (body.length + 1)), truncated: change.truncated };
    case 'splice': {
      const at = change.at % (body.length + 1);
      return { ...response, body: body.slice(0, at) + change.text + body.slice(at) };
    }
    case 'swap-json':
      return {
        ...response,
        body: changeJson(body, (parsed) => {
          const paths = pathsOf(parsed);
          return withValueAt(parsed, paths[change.at % paths.length]!, change.value);
        }),
      };
    case 'retype-strings':
      return { ...response, body: changeJson(body, (parsed) => retypeStrings(parsed, change.value)) };
    case 'status':
      return response.kind === 'http' ? { ...response, status: change.status } : response;
    case 'header':
      return { ...response, headers: { ...response.headers, [change.name]: change.value } };
    case 'fail': {
      const { status: _status, ...rest } = response;
      return { ...rest, body: '', truncated: false, error: change.error };
    }
    case 'unanswered':
      return undefined;
  }
}

function mangle(observed: ReadonlyMap<string, ObservedResponse>, familyKeys: ReadonlySet<string>, changes: readonly Targeted[]): Map<string, ObservedResponse> {
  const result = new Map(observed);
  const all = [...observed.keys()];
  const own = all.filter((key) => familyKeys.has(key));
  for (const { answer, ownFamily, mutation: change } of changes) {
    const keys = ownFamily && own.length > 0 ? own : all;
    if (keys.length === 0) break;
    const key = keys[answer % keys.length]!;
    const current = result.get(key);
    if (current === undefined) continue;
    const next = mutated(current, change);
    if (next === undefined) result.delete(key);
    else result.set(key, next);
  }
  return result;
}

const base: ResultBase = {
  targetId: 'acct/us-east-1/ec2-instance/i-1/54.1.2.3/8000',
  address: '54.1.2.3',
  port: 8000,
  probedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 12,
  tls: false,
  requests: [],
  partial: false,
};

describe('classify: mangled answers of every family (property)', () => {
  it('never throws, answers the same twice, names the family of every AI verdict and bounds what it keeps', () => {
    const caseArbitrary = fc.record({
      // Printed by its file's name when a case fails.
      fixture: fc.constantFrom(...fixtures.map((loaded) => ({ ...loaded, [fc.toStringMethod]: () => `${loaded.family}/${loaded.name}.json` }))),
      changes: fc.array(fc.record({ answer: fc.nat(), ownFamily: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), mutation }), { minLength: 1, maxLength: 6 }),
    });
    fc.assert(
      fc.property(caseArbitrary, ({ fixture: { family, fixture }, changes }) => {
        const observed = mangle(replay(catalog, fixture), familyKeys.get(family) ?? new Set(), changes);
        const classification = classify(catalog, observed, fixture.port);
        expect(classify(catalog, observed, fixture.port)).toEqual(classification);
        if (classification.verdict !== 'not-ai') expect(classification.fingerprint).toBeDefined();
        if (classification.version !== undefined) expect(classification.version).toMatch(/^[\x21-\x7e](?:[\x20-\x7e]{0,62}[\x21-\x7e])?$/);
        if (classification.models !== undefined) {
          expect(classification.models.length).toBeGreaterThan(0);
          expect(classification.models.length).toBeLessThanOrEqual(20);
          expect(classification.modelCount).toBeGreaterThanOrEqual(classification.models.length);
          for (const name of classification.models) expect(name).toMatch(/^[^\p{Cc}]{1,128}$/u);
        }
        const result = classifiedResult({ ...base, port: fixture.port }, classification, observed);
        expect(Buffer.byteLength(JSON.stringify(result))).toBeLessThanOrEqual(MAX_RESULT_JSON_BYTES);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // Its fixed runs replay whole fixtures through the whole catalog, so its time grows with both: about 5 s on 2 busy cores
    // with 89 families, which is vitest's default limit. The limit is not what this test checks.
  }, 60_000);
});
