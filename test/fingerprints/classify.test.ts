/** The classifier's rules on small hand-made catalogs and responses (pure; hand fakes are fine here). */
import { describe, expect, it } from 'vitest';
import { compiledCatalog, followUpsDue, planRequests, requestKey, sharedFirstStage } from '../../lambdas/probe/catalog-plan.js';
import { notFoundCanary, openApiDocumentListsNone } from '../../lambdas/probe/fingerprints/common.js';
import { askedInSweep, classify, nextRequests, PlanMemo, visitEnds, type PlanDepth } from '../../lambdas/probe/classify.js';
import { catalog } from '../../lambdas/probe/fingerprints/index.js';
import type { Fingerprint, HttpProbeRequest, ObservedResponse } from '../../lambdas/probe/fingerprints/types.js';
import { classifyFixture, loadFixtures, namingLocalhost, replay, type Fixture, type LoadedFixture } from '../support/fixture-format.js';
import { replayFixtureStages, replayStages } from '../support/staged-replay.js';

const http = (status: number, body: string, headers: Record<string, string> = {}): ObservedResponse => ({ kind: 'http', status, headers, body, truncated: false });

const family = (id: string, specificity: Fingerprint['specificity'], defaultPorts: number[]): Fingerprint => ({
  id,
  name: id,
  category: 'model-server',
  defaultPorts,
  specificity,
  requests: [{ id: 'models', method: 'GET', path: '/v1/models' }, { id: 'canary', method: 'GET', path: '/nope' }],
  identify: { why: `${id} identified`, all: [{ on: 'canary', status: [200], not: true }], any: [{ on: 'models', bodyContains: '"data"' }] },
  open: { why: `${id} open`, all: [{ on: 'models', status: [200] }] },
  authRequired: { why: `${id} auth`, all: [{ on: 'models', status: [401] }] },
  severityWhenOpen: 'high',
  remediation: 'close it',
  references: ['https://example.com'],
});

describe('requestKey', () => {
  it('is the same for the same request whatever the id or header order and case', () => {
    const a = requestKey({ id: 'a', method: 'POST', path: '/mcp', headers: { Accept: 'x', 'content-type': 'y' }, body: '{}' });
    const b = requestKey({ id: 'b', method: 'POST', path: '/mcp', headers: { 'Content-Type': 'y', accept: 'x' }, body: '{}' });
    expect(a).toBe(b);
    expect(a).toBe('POST /mcp [accept: x; content-type: y] {}');
  });

  it('differs by method, path, body and kind', () => {
    const keys = [
      requestKey({ id: 'x', method: 'GET', path: '/a' }),
      requestKey({ id: 'x', method: 'HEAD', path: '/a' }),
      requestKey({ id: 'x', method: 'GET', path: '/b' }),
      requestKey({ id: 'x', method: 'POST', path: '/a', body: '1' }),
      requestKey({ id: 'x', kind: 'tcp', send: 'GET /a' }),
      requestKey({ id: 'x', kind: 'grpc', method: '/a', reply: { type: 'Empty', schema: { nested: { Empty: { fields: {} } } } } }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('planRequests', () => {
  it('sends shared requests once and puts the families of this port first', () => {
    const plan = planRequests(catalog, 11434).map(requestKey);
    expect(new Set(plan).size).toBe(plan.length);
    expect(plan[0]).toBe('GET /');
    expect(plan.filter((k) => k === 'GET /v1/models')).toHaveLength(1);
    expect(planRequests(catalog, 6379).map(requestKey)[0]).toBe('TCP "PING\\r\\n"');
    // Jupyter's port: the first request is the first family's that lists it (the Kernel Gateway's, ahead of Jupyter Server).
    const firstOn8888 = catalog.find((f) => f.defaultPorts.includes(8888));
    expect(firstOn8888?.id).toBe('jupyter-kernel-gateway');
    expect(planRequests(catalog, 8888).map(requestKey)[0]).toBe(requestKey(firstOn8888!.requests[0]!));
  });

  it("asks a gRPC family's calls on its own port in a sweep's first stage, and gives its protocol the port", () => {
    const grpcPort = compiledCatalog(catalog).portPlan(8001);
    const firstStage = grpcPort.sweepFirstStage.map((position) => grpcPort.keys[position]);
    expect(firstStage).toEqual(expect.arrayContaining(['gRPC /inference.GRPCInferenceService/ServerMetadata', ...sharedFirstStage]));
    expect([...grpcPort.listeningKinds]).toEqual(['grpc']);
    expect([...compiledCatalog(catalog).portPlan(8000).listeningKinds]).toEqual(['http']);
    expect([...compiledCatalog(catalog).portPlan(6379).listeningKinds]).toEqual(['tcp']);
  });

  it('covers every request of every family on any port', () => {
    const plan = new Set(planRequests(catalog, 1).map(requestKey));
    for (const f of catalog) for (const r of f.requests) expect(plan).toContain(requestKey(r));
  });
});

describe('classify', () => {
  const generic = family('generic', 1, [8000]);
  const named = family('named', 100, [9000]);
  const openObserved = new Map([
    ['GET /v1/models', http(200, '{"data":[]}')],
    ['GET /nope', http(404, '')],
  ]);

  it('picks the most specific identified family, whatever the catalog order', () => {
    expect(classify([generic, named], openObserved, 8000)).toMatchObject({ verdict: 'unauthenticated', fingerprint: { id: 'named' } });
    expect(classify([named, generic], openObserved, 8000).fingerprint?.id).toBe('named');
  });

  it('identifies a family from any one of its `any` answers, and from an `all` signal only with every answer', () => {
    // Prepare: `either` fires on /a or /b; `both` needs /a and /b (the planner looks a family up by its first answer).
    const either: Fingerprint = {
      ...family('either', 50, [9000]),
      requests: [{ id: 'a', method: 'GET', path: '/a' }, { id: 'b', method: 'GET', path: '/b' }],
      identify: { why: 'either', any: [{ on: 'a', bodyContains: 'yes' }, { on: 'b', bodyContains: 'yes' }] },
    };
    const both: Fingerprint = { ...either, id: 'both', specificity: 100, identify: { why: 'both', all: [{ on: 'a', bodyContains: 'yes' }, { on: 'b', bodyContains: 'yes' }] } };
    // Act
    const onlyB = classify([both, either], new Map([['GET /b', http(200, 'yes')]]), 8000);
    const aAndB = classify([both, either], new Map([['GET /b', http(200, 'yes')], ['GET /a', http(200, 'yes')]]), 8000);
    // Assess
    expect(onlyB.fingerprint?.id).toBe('either');
    expect(aAndB.fingerprint?.id).toBe('both');
  });

  it('identifies a family whose answers arrive over several steps of one PlanMemo', () => {
    // Prepare: identify needs the canary not served AND /a; the canary comes first, /a a step later.
    const guarded: Fingerprint = {
      ...family('guarded', 50, [9000]),
      requests: [notFoundCanary, { id: 'a', method: 'GET', path: '/a' }],
      identify: { why: 'guarded', all: [{ on: 'canary', status: [200], not: true }, { on: 'a', bodyContains: 'yes' }] },
    };
    const memo = new PlanMemo();
    const observed = new Map([[requestKey(notFoundCanary), http(404, '')]]);
    // Act
    const firstStep = classify([guarded], observed, 8000, memo);
    observed.set('GET /a', http(200, 'yes'));
    const secondStep = classify([guarded], observed, 8000, memo);
    // Assess
    expect(firstStep.verdict).toBe('not-ai');
    expect(secondStep.fingerprint?.id).toBe('guarded');
  });

  it('breaks specificity ties by the default port', () => {
    const other = { ...family('other', 1, [9000]) };
    expect(classify([generic, other], openObserved, 9000).fingerprint?.id).toBe('other');
    expect(classify([generic, other], openObserved, 8000).fingerprint?.id).toBe('generic');
  });

  it('reports auth-required with the decisive request', () => {
    const observed = new Map([
      ['GET /v1/models', http(401, '{"data":"no"}')],
      ['GET /nope', http(404, '')],
    ]);
    expect(classify([generic], observed, 8000)).toEqual({
      verdict: 'auth-required',
      fingerprint: generic,
      signals: ['generic identified', 'generic auth'],
      decisiveRequestKey: 'GET /v1/models',
    });
  });

  it('calls an identified service that neither served nor challenged auth-required, and says so', () => {
    const observed = new Map([
      ['GET /v1/models', http(500, '{"data":"broken"}')],
      ['GET /nope', http(404, '')],
    ]);
    const result = classify([generic], observed, 8000);
    expect(result.verdict).toBe('auth-required');
    expect(result.signals[1]).toMatch(/served nothing without credentials/);
  });

  it('treats a missing or failed response as no match, even for negated matchers', () => {
    const withoutCanary = new Map([['GET /v1/models', http(200, '{"data":[]}')]]);
    expect(classify([generic], withoutCanary, 8000).verdict).toBe('not-ai');
    const failedCanary = new Map([...withoutCanary, ['GET /nope', { kind: 'http', headers: {}, body: '', truncated: false, error: 'reset' } as const]]);
    expect(classify([generic], failedCanary, 8000).verdict).toBe('not-ai');
  });

  it('reports nothing for a port that answered nothing', () => {
    expect(classify(catalog, new Map(), 80)).toEqual({ verdict: 'not-ai', signals: [] });
  });

  it('identifies Ollama over the generic OpenAI-compatible family on the same /v1/models answer', () => {
    const observed = new Map([
      ['GET /', http(200, 'Ollama is running')],
      ['GET /api/version', http(200, '{"version":"0.12.0"}')],
      ['GET /api/tags', http(200, '{"models":[]}')],
      ['GET /v1/models', http(200, '{"object":"list","data":[]}')],
      ['GET /ai-exposure-monitor-canary-404', http(404, '404 page not found')],
    ]);
    expect(classify(catalog, observed, 8000)).toMatchObject({ verdict: 'unauthenticated', fingerprint: { id: 'ollama' }, version: '0.12.0', decisiveRequestKey: 'GET /api/tags' });
  });

  it('names the other families the same answers identify, ranked below the winner, in catalog order', () => {
    const middle = family('middle', 50, [9000]);
    expect(classify([generic, named, middle], openObserved, 8000)).toMatchObject({ fingerprint: { id: 'named' }, alsoIdentified: ['generic', 'middle'] });
    expect(classify([generic], openObserved, 8000).alsoIdentified).toBeUndefined();
  });

  it('names the families identified beside the winner over several steps of one PlanMemo, a former winner included', () => {
    // Prepare: the generic family fires on the first step's answers; the named one, on its marker, a step later.
    const marker: Fingerprint = { ...named, requests: [...named.requests, { id: 'marker', method: 'GET', path: '/named' }], identify: { why: 'named', all: [{ on: 'marker', bodyContains: 'named' }] } };
    const families = [generic, marker];
    const memo = new PlanMemo();
    const observed = new Map(openObserved);
    // Act
    const firstStep = classify(families, observed, 8000, memo);
    observed.set('GET /named', http(200, 'named'));
    const secondStep = classify(families, observed, 8000, memo);
    // Assess
    expect(firstStep).toMatchObject({ fingerprint: { id: 'generic' } });
    expect(firstStep.alsoIdentified).toBeUndefined();
    expect(secondStep).toMatchObject({ fingerprint: { id: 'named' }, alsoIdentified: ['generic'] });
  });

  it("says the same server is also the generic OpenAI-compatible family when a named one wins (llama-cpp-python's recorded answers)", () => {
    const fixture = loadFixtures().find((x) => x.family === 'llama-cpp-python' && x.fixture.expect.verdict === 'unauthenticated');
    expect(fixture, 'an open llama-cpp-python fixture').toBeDefined();
    const result = classify(catalog, replay(catalog, fixture!.fixture), fixture!.fixture.port);
    expect(result).toMatchObject({ verdict: 'unauthenticated', fingerprint: { id: 'llama-cpp-python' }, alsoIdentified: ['openai-compatible'] });
  });
});

/** A family identified by its own marker path, so which requests the plan asks for is visible. */
const marked = (id: string, specificity: Fingerprint['specificity'], defaultPorts: number[]): Fingerprint => ({
  ...family(id, specificity, defaultPorts),
  requests: [{ id: 'marker', method: 'GET', path: `/${id}` }, { id: 'models', method: 'GET', path: '/v1/models' }],
  identify: { why: `${id} identified`, all: [{ on: 'marker', bodyContains: id }] },
  open: { why: `${id} open`, all: [{ on: 'models', status: [200] }] },
});

describe('nextRequests', () => {
  const generic = family('generic', 1, [8000]);
  const openModels = (key: string): ObservedResponse | undefined =>
    key === 'GET /v1/models' ? http(200, '{"data":[]}') : key === 'GET /nope' ? http(404, '') : http(404, 'not here');

  it('starts with the port\'s default families and the shared requests only', () => {
    const stage = nextRequests(catalog, 11434, new Map()).map(requestKey);
    expect(stage).toEqual(expect.arrayContaining(['GET /', 'GET /api/version', 'GET /api/tags', 'GET /v1/models', 'GET /ai-exposure-monitor-canary-404']));
    expect(stage.length).toBeLessThan(planRequests(catalog, 11434).length / 4);
  });

  it('does not let a generic family win before a more specific one could be ruled out', () => {
    // Prepare: the generic family is identified in stage 1 on its own port.
    const specific = marked('specific', 100, [9000]);
    // Act
    const { observed, stages } = replayStages([generic, specific], 8000, openModels);
    // Assess
    expect(stages).toEqual([['GET /v1/models', 'GET /nope'], ['GET /specific']]);
    expect(classify([generic, specific], observed, 8000).fingerprint?.id).toBe('generic');
  });

  it('lets the more specific family win when its identify request, sent later, fires', () => {
    const specific = marked('specific', 100, [9000]);
    const { observed } = replayStages([generic, specific], 8000, (key) => (key === 'GET /specific' ? http(200, 'specific') : openModels(key)));
    expect(classify([generic, specific], observed, 8000)).toMatchObject({ verdict: 'unauthenticated', fingerprint: { id: 'specific' } });
  });

  it('asks nothing of families ranked below the winner, and nothing of a rival that can no longer fire', () => {
    const low = marked('low', 1, [9000]);
    const ruledOut: Fingerprint = { ...marked('ruled-out', 100, [9000]), identify: { why: 'x', all: [{ on: 'models', status: [418] }, { on: 'marker', bodyContains: 'x' }] } };
    const winner = marked('winner', 50, [8000]);
    const { stages } = replayStages([low, ruledOut, winner], 8000, (key) => (key === 'GET /winner' ? http(200, 'winner') : openModels(key)));
    expect(stages).toEqual([['GET /winner', 'GET /v1/models']]);
  });

  it('asks a same-specificity rival on its default port, which would win the tie', () => {
    const rival = marked('rival', 50, [8000]);
    const winner = marked('winner', 50, [9000]);
    const { stages } = replayStages([winner, rival], 8000, (key) => (key === 'GET /winner' ? http(200, 'winner') : openModels(key)));
    expect(stages).toEqual([['GET /rival', 'GET /v1/models'], ['GET /winner']]);
  });

  it('cuts a stage short once an answer in it outranks the winner it was planned for', () => {
    // Prepare: the generic family wins stage 1; stage 2 asks its rivals b (50), a (100) and c (100, ranked below a).
    const families = [generic, marked('b', 50, [9000]), marked('a', 100, [9000]), marked('c', 100, [9000])];
    const answers = (key: string): ObservedResponse | undefined => (key === 'GET /a' ? http(200, 'a') : openModels(key));
    const memo = new PlanMemo();
    // Act
    const cut = replayStages(families, 8000, answers, 'full', memo);
    const fresh = replayStages(families, 8000, answers);
    // Assess: c could no longer win once a answered, so it is never asked.
    expect(cut.stages).toEqual([['GET /v1/models', 'GET /nope'], ['GET /b', 'GET /a']]);
    expect(fresh.stages).toEqual(cut.stages);
    expect(classify(families, cut.observed, 8000, memo)).toMatchObject({ verdict: 'unauthenticated', fingerprint: { id: 'a' } });
  });

  it('after a cut, still asks the rivals that could outrank the new winner', () => {
    // Prepare: as above, but c comes before a in the catalog, so it ranks above a.
    const families = [generic, marked('b', 50, [9000]), marked('c', 100, [9000]), marked('a', 100, [9000])];
    const answers = (key: string): ObservedResponse | undefined => (key === 'GET /a' ? http(200, 'a') : openModels(key));
    // Act
    const { stages, observed } = replayStages(families, 8000, answers, 'full', new PlanMemo());
    // Assess
    expect(stages).toEqual([['GET /v1/models', 'GET /nope'], ['GET /b', 'GET /c', 'GET /a']]);
    expect(classify(families, observed, 8000).fingerprint?.id).toBe('a');
  });

  it('never cuts a first stage, which is sent whole whatever its answers identify', () => {
    const memo = new PlanMemo();
    const observed = new Map<string, ObservedResponse>();
    for (const request of nextRequests([generic], 8000, observed, 'full', memo)) {
      observed.set(requestKey(request), openModels(requestKey(request)) as ObservedResponse);
      expect(memo.stageOutdated([generic], observed, 8000)).toBe(false);
    }
    expect(classify([generic], observed, 8000, memo).fingerprint?.id).toBe('generic');
  });

  it('sends every identify and hostPolicy request that could still fire when nothing is identified, then stops', () => {
    const policed: Fingerprint = { ...marked('policed', 50, [9000]), hostPolicy: { why: 'host refused', all: [{ on: 'models', status: [403] }] } };
    const { stages, observed } = replayStages([marked('a', 50, [9000]), policed], 8000, () => http(404, ''));
    expect(stages.flat().sort()).toEqual(['GET /a', 'GET /policed', 'GET /v1/models']);
    expect(classify([marked('a', 50, [9000]), policed], observed, 8000).verdict).toBe('not-ai');
  });
});

/** The fixtures replayed through the staged plan, as the engine sends it. */
function stagedReplay(fixture: Fixture, depth: PlanDepth = 'full'): { observed: Map<string, ObservedResponse>; memo: PlanMemo; sent: number } {
  const { observed, memo, stages } = replayFixtureStages(catalog, fixture, depth);
  return { observed, memo, sent: stages.flat().length };
}

/** Every fixture, and each refused by a Host policy as asked again naming localhost (classify.ts rule 9): each asking is planned afresh. */
function everyAsking(): LoadedFixture[] {
  return loadFixtures().flatMap((x) => {
    const again = namingLocalhost(x.fixture);
    return again === undefined ? [x] : [x, { ...x, name: `${x.name} (naming localhost)`, fixture: again }];
  });
}

describe('staged replay of every fixture', () => {
  const fixtures = loadFixtures();
  const askings = everyAsking();

  it.each(fixtures.map((x) => [`${x.family}/${x.name}`, x.fixture] as const))('%s: same classification as the full plan', (_name, fixture) => {
    // Act
    const staged = classifyFixture(catalog, fixture, (asked) => stagedReplay(asked));
    const full = classifyFixture(catalog, fixture);
    // Assess
    expect(staged.verdict).toBe(fixture.expect.verdict);
    expect(staged.fingerprint?.id ?? null).toBe(fixture.expect.family);
    expect(staged.version).toBe(fixture.expect.version);
    expect(staged.models).toEqual(fixture.expect.models);
    const { alsoIdentified: stagedAlso = [], ...stagedRest } = staged;
    const { alsoIdentified: fullAlso = [], ...fullRest } = full;
    expect({ ...stagedRest, signals: staged.verdict === 'not-ai' ? [] : staged.signals }).toEqual({ ...fullRest, signals: full.verdict === 'not-ai' ? [] : full.signals });
    // A staged plan asks fewer of the families ranked below its winner, so it may name fewer of them, never others.
    expect(fullAlso).toEqual(expect.arrayContaining(stagedAlso));
  });

  it.each(askings.flatMap((x) => (['full', 'sweep'] as const).map((depth) => [`${x.family}/${x.name}`, depth, x.fixture] as const)))(
    '%s (%s plan): the same stages and verdict when the steps and the classification share a PlanMemo',
    (_name, depth, fixture) => {
      const full = replay(catalog, fixture);
      const memo = new PlanMemo();
      const remembered = replayStages(catalog, fixture.port, (key) => full.get(key), depth, memo);
      const fresh = replayStages(catalog, fixture.port, (key) => full.get(key), depth);
      expect(remembered.stages).toEqual(fresh.stages);
      expect(classify(catalog, remembered.observed, fixture.port, memo)).toEqual(classify(catalog, fresh.observed, fixture.port));
    },
  );

  it('sends far fewer requests than the full plan to identified services', () => {
    const identified = fixtures.filter((x) => x.fixture.expect.family !== null);
    const sent = identified.reduce((sum, x) => sum + stagedReplay(x.fixture).sent, 0);
    expect(sent / identified.length).toBeLessThan(planRequests(catalog, 80).length / 3);
  });
});

describe('sweep plan', () => {
  const hinted = (id: string, hint: Fingerprint['sweepHints']): Fingerprint => ({ ...marked(id, 50, [9000]), sweepHints: hint });
  const answers = (key: string): ObservedResponse => (key === 'GET /v1/models' ? http(404, '{"detail":"Not Found"}') : http(404, 'nope'));

  it('asks a family with hints only when one holds on the shared answers, wherever it runs', () => {
    // Prepare: one family whose hint holds, one whose hint does not, one without hints, and lists.
    const holds = hinted('holds', [{ on: 'models', bodyContains: '"detail"' }]);
    const fails = hinted('fails', [{ on: 'models', status: [200] }]);
    const unhinted = marked('unhinted', 50, [9000]);
    const allHold = hinted('all-hold', [[{ on: 'models', status: [404] }, { on: 'models', bodyContains: '"detail"' }]]);
    const halfHolds = hinted('half-holds', [[{ on: 'models', status: [404] }, { on: 'models', bodyContains: 'zzz' }]]);
    const families = [holds, fails, unhinted, allHold, halfHolds];
    // Act
    const { stages } = replayStages(families, 8000, answers, 'sweep');
    const onTheirPort = replayStages(families, 9000, answers, 'sweep').stages;
    // Assess
    expect(stages).toEqual([['GET /v1/models'], ['GET /holds', 'GET /unhinted', 'GET /all-hold']]);
    expect(onTheirPort).toEqual(stages);
    expect(askedInSweep(families, new Map([['GET /v1/models', answers('GET /v1/models')]]), 8000)).toEqual(['holds', 'unhinted', 'all-hold']);
  });

  it('compiles a hint shared by several families once, and gives each family its own result from it', () => {
    // Prepare: two families built on one server share its hint object; a third has its own.
    const sharedHint = { on: 'models', bodyContains: '"detail"' } as const;
    const families = [hinted('a', [sharedHint]), hinted('b', [{ on: 'models', status: [200] }, sharedHint]), hinted('c', [{ on: 'models', status: [200] }])];
    // Act
    const compiled = compiledCatalog(families);
    const asked = askedInSweep(families, new Map([['GET /v1/models', answers('GET /v1/models')]]), 8000);
    // Assess
    expect(compiled.families[0]?.sweepHints?.[0]?.[0]).toBe(compiled.families[1]?.sweepHints?.[1]?.[0]);
    expect(compiled.hintSlots).toBe(3);
    expect(asked).toEqual(['a', 'b']);
  });

  it("asks the port's own families first, and the others only while nothing is identified", () => {
    const own = hinted('own', [{ on: 'models', status: [404] }]);
    const other: Fingerprint = { ...hinted('other', [{ on: 'models', status: [404] }]), defaultPorts: [7000] };
    const ownPort: Fingerprint = { ...own, defaultPorts: [8000] };
    const nothingFound = replayStages([other, ownPort], 8000, answers, 'sweep').stages;
    const ownFound = replayStages([other, ownPort], 8000, (key) => (key === 'GET /own' ? http(200, 'own') : answers(key)), 'sweep').stages;
    expect(nothingFound).toEqual([['GET /v1/models'], ['GET /own'], ['GET /other']]);
    expect(ownFound).toEqual([['GET /v1/models'], ['GET /own']]);
  });

  it('asks a rival ranked above an identified family only when its hints hold', () => {
    const generic = family('generic', 1, [8000]);
    const pointedTo = hinted('pointed-to', [{ on: 'models', bodyContains: '"data"' }]);
    const notPointedTo = hinted('not-pointed-to', [{ on: 'models', status: [418] }]);
    const { stages } = replayStages([generic, pointedTo, notPointedTo], 8000, (key) => (key === 'GET /v1/models' ? http(200, '{"data":[]}') : http(404, '')), 'sweep');
    expect(stages).toEqual([['GET /v1/models'], ['GET /nope'], ['GET /pointed-to']]);
  });

  it("once a generic family is identified from the shared answers, asks the rivals that list the port first", () => {
    // Prepare: the generic family reads only shared requests; two hinted rivals rank above it, one lists port 8000.
    const generic: Fingerprint = { ...family('generic', 1, [8000]), requests: [{ id: 'models', method: 'GET', path: '/v1/models' }, { ...notFoundCanary }] };
    const ownRival: Fingerprint = { ...hinted('own-rival', [{ on: 'models', bodyContains: '"data"' }]), defaultPorts: [8000] };
    const otherRival = hinted('other-rival', [{ on: 'models', bodyContains: '"data"' }]);
    const families = [generic, otherRival, ownRival];
    const shared = (key: string): ObservedResponse => (key === 'GET /v1/models' ? http(200, '{"data":[]}') : http(404, ''));
    // Act
    const ownIsIt = replayStages(families, 8000, (key) => (key === 'GET /own-rival' ? http(200, 'own-rival') : shared(key)), 'sweep');
    const neither = replayStages(families, 8000, shared, 'sweep');
    // Assess: the rival identified on its own port outranks the other, which is then never asked.
    const firstStage = ['GET /v1/models', `GET ${notFoundCanary.path}`];
    expect(ownIsIt.stages).toEqual([firstStage, ['GET /own-rival']]);
    expect(classify(families, ownIsIt.observed, 8000).fingerprint?.id).toBe('own-rival');
    expect(neither.stages).toEqual([firstStage, ['GET /own-rival'], ['GET /other-rival']]);
    expect(classify(families, neither.observed, 8000).fingerprint?.id).toBe('generic');
  });

  describe('sweep exclusions (an OpenAPI document listing none of the product\'s paths)', () => {
    const document = (paths: string[]): string => JSON.stringify({ openapi: '3.1.0', info: { title: 'Inventory', version: '1' }, paths: Object.fromEntries(paths.map((path) => [path, { get: {} }])) });
    // Two families one document can rule out: two requests spared for one sent.
    const excludable: Fingerprint = { ...hinted('excludable', [{ on: 'models', status: [404] }]), sweepRuledOutBy: [openApiDocumentListsNone('/mine/')] };
    const excludableToo: Fingerprint = { ...hinted('excludable-too', [{ on: 'models', status: [404] }]), sweepRuledOutBy: excludable.sweepRuledOutBy };
    const other = hinted('other', [{ on: 'models', status: [404] }]);
    const families = [excludable, excludableToo, other];
    const answering = (openapi: ObservedResponse | undefined) => (key: string): ObservedResponse | undefined =>
      key === 'GET /openapi.json' ? openapi : answers(key);

    it('sends the document alone before asking, and rules the family out on a port it does not list', () => {
      // Act
      const { stages, observed } = replayStages(families, 8000, answering(http(200, document(['/items', '/health']))), 'sweep');
      // Assess: the document is a stage of its own; the excluded family is neither asked nor named as asked.
      expect(stages).toEqual([['GET /v1/models'], ['GET /openapi.json'], ['GET /other']]);
      expect(askedInSweep(families, observed, 8000)).toEqual(['other']);
    });

    it('does not read the document when it could spare no more requests than it costs', () => {
      const { stages, observed } = replayStages([excludable, other], 8000, answering(http(200, document(['/items']))), 'sweep');
      expect(stages).toEqual([['GET /v1/models'], ['GET /excludable', 'GET /other']]);
      expect(askedInSweep([excludable, other], observed, 8000)).toEqual(['excludable', 'other']);
    });

    it('asks the family on its own port, and wherever the document does not prove it absent', () => {
      const cases: [string, ObservedResponse | undefined][] = [
        ['lists a path of the product', http(200, document(['/items', '/mine/status']))],
        ['cut by the byte cap', { ...http(200, document(['/items'])), truncated: true }],
        ['absent (404)', http(404, '{"detail":"Not Found"}')],
        ['no answer', undefined],
        ['escaped slashes', http(200, document(['/items']).replaceAll('/', '\\/'))],
        ['no paths', http(200, document([]))],
        ['not OpenAPI 3', http(200, JSON.stringify({ swagger: '2.0', paths: { '/items': {} } }))],
      ];
      for (const [why, openapi] of cases) {
        const { stages, observed } = replayStages(families, 8000, answering(openapi), 'sweep');
        expect(stages, why).toEqual([['GET /v1/models'], ['GET /openapi.json'], ['GET /excludable', 'GET /excludable-too', 'GET /other']]);
        expect(askedInSweep(families, observed, 8000), why).toEqual(['excludable', 'excludable-too', 'other']);
      }
      const onItsPort = replayStages(families, 9000, answering(http(200, document(['/items']))), 'sweep');
      expect(onItsPort.stages).toEqual([['GET /v1/models'], ['GET /excludable', 'GET /excludable-too', 'GET /other']]);
      expect(askedInSweep(families, onItsPort.observed, 9000)).toEqual(['excludable', 'excludable-too', 'other']);
    });

    it('sends no document when the family is not asked anyway, and never in a full plan', () => {
      const notHinted = (f: Fingerprint): Fingerprint => ({ ...f, sweepHints: [{ on: 'models', status: [200] }] });
      expect(replayStages([notHinted(excludable), notHinted(excludableToo), other], 8000, answering(http(200, document([]))), 'sweep').stages).toEqual([
        ['GET /v1/models'],
        ['GET /other'],
      ]);
      expect(replayStages(families, 8000, answering(http(200, document(['/items']))), 'full').stages.flat()).not.toContain('GET /openapi.json');
    });
  });

  it.each(catalog.filter((f) => f.sweepHints !== undefined).map((f) => [f.id, f] as const))('%s: hints read only the first stage\'s shared answers', (_id, f) => {
    const keys = new Map(f.requests.map((request) => [request.id, requestKey(request)]));
    for (const hint of (f.sweepHints ?? []).flat()) expect(sharedFirstStage, `hint on "${hint.on}"`).toContain(keys.get(hint.on));
  });

  // Every fixture, on every default port of the catalog: a service answering on its own gets the
  // full plan's verdict, family and version from a sweep (its hints must hold wherever it runs).
  const ports = [...new Set(catalog.flatMap((f) => f.defaultPorts))].sort((a, b) => a - b);
  it.each(everyAsking().map((x) => [`${x.family}/${x.name}`, x.fixture] as const))('%s: same classification as the full plan on every port', (_name, fixture) => {
    const differs = ports.flatMap((port) => {
      const moved = { ...fixture, port };
      const swept = classify(catalog, stagedReplay(moved, 'sweep').observed, port);
      const full = classify(catalog, replay(catalog, moved), port);
      return swept.verdict === full.verdict && swept.fingerprint?.id === full.fingerprint?.id && swept.version === full.version
        ? []
        : [`port ${port}: sweep ${swept.verdict}/${swept.fingerprint?.id ?? '-'}, full ${full.verdict}/${full.fingerprint?.id ?? '-'}`];
    });
    expect(differs).toEqual([]);
  });
});

describe('fixtures on other ports', () => {
  // Services run on whatever port their owner picked: a KoboldCpp on ComfyUI's port is still
  // KoboldCpp. The port only orders requests and breaks ties between equally specific families.
  const ports = [...new Set(catalog.flatMap((f) => f.defaultPorts))].sort((a, b) => a - b);
  it.each(loadFixtures().map((x) => [`${x.family}/${x.name}`, x.fixture] as const))('%s: same verdict and family on every default port of the catalog', (_name, fixture) => {
    const moved = ports.flatMap((port) => {
      const result = classifyFixture(catalog, { ...fixture, port });
      const family = result.fingerprint?.id ?? null;
      return result.verdict === fixture.expect.verdict && family === fixture.expect.family ? [] : [`port ${port}: ${result.verdict}/${family ?? '-'}`];
    });
    expect(moved).toEqual([]);
  });
});

describe('versions as servers state them', () => {
  const versioned: Fingerprint = { ...family('versioned', 50, [8000]), extract: { version: { on: 'models', regex: /"version"\s*:\s*"([^"]*)"/ } } };
  const versionFrom = (stated: string): string | undefined =>
    classify([versioned], new Map([['GET /v1/models', http(200, `{"data":[],"version":"${stated}"}`)], ['GET /nope', http(404, 'nope')]]), 8000).version;

  it.each([
    ['a plain version', '1.9.2-dev', '1.9.2-dev'],
    ['words, spaces folded', ' v1.0 \t beta ', 'v1.0 beta'],
    ['terminal escapes, their control characters dropped', '\u001b[2J\u001b]0;pwned\u0007 1.0', '[2J ]0;pwned 1.0'],
    ['a body-long string, cut', 'x'.repeat(5000), `${'x'.repeat(61)}...`],
  ])('keeps %s as printable, bounded text', (_case, stated, kept) => {
    expect(versionFrom(stated)).toBe(kept);
  });

  it('keeps no version when nothing printable was stated', () => {
    expect(versionFrom(' \u0000 ')).toBeUndefined();
  });
});

describe('models as servers name them', () => {
  const listing: Fingerprint = { ...family('listing', 50, [8000]), extract: { models: { on: 'models', path: ['data', '*', 'id'] } } };
  const modelsFrom = (answer: ObservedResponse): Pick<ReturnType<typeof classify>, 'models' | 'modelCount'> => {
    const { models, modelCount } = classify([listing], new Map([['GET /v1/models', answer], ['GET /nope', http(404, 'nope')]]), 8000);
    return { models, modelCount };
  };
  const list = (...entries: unknown[]): string => JSON.stringify({ object: 'list', data: entries });

  it("takes the path's names only, not the other ids of an entry (vLLM's permission ids)", () => {
    const body = list({ id: 'tiny-llama', permission: [{ id: 'modelperm-aebc' }] }, { id: 'qwen' });
    expect(modelsFrom(http(200, body))).toEqual({ models: ['tiny-llama', 'qwen'], modelCount: 2 });
  });

  it('keeps the first 20 distinct names and counts them all', () => {
    const names = Array.from({ length: 25 }, (_, i) => `model-${i}`);
    const body = list(...[...names, ...names].map((id) => ({ id })));
    expect(modelsFrom(http(200, body))).toEqual({ models: names.slice(0, 20), modelCount: 25 });
  });

  it('keeps each name one printable, bounded line', () => {
    const body = list({ id: '\u001b[2Jevil\u202Emodel' }, { id: 'x'.repeat(1000) }, { id: 42 }, { id: ' \t ' });
    expect(modelsFrom(http(200, body))).toEqual({ models: ['\\u001B[2Jevil\\u202Emodel', `${'x'.repeat(125)}...`], modelCount: 2 });
  });

  it.each([
    ['a body the byte cap cut', { ...http(200, list({ id: 'a' })), truncated: true }],
    ['a refusal', http(401, list({ id: 'a' }))],
    ['a failed request', { kind: 'http', headers: {}, body: '', truncated: false, error: 'connection reset' } as ObservedResponse],
    ['a body that is not JSON', http(200, `${list({ id: 'a' })} trailing`)],
    ['an answer of another shape', http(200, JSON.stringify({ data: { id: 'a' } }))],
    ['JSON nested 100,000 deep', http(200, `${'['.repeat(100_000)}${']'.repeat(100_000)}`)],
  ])('names no model for %s', (_case, answer) => {
    expect(modelsFrom(answer)).toEqual({ models: undefined, modelCount: undefined });
  });
});

describe('tools a follow-up lists', () => {
  const hello = { id: 'hello', method: 'POST', path: '/rpc', body: '{"hello":1}' } as const;
  const list = { id: 'list', method: 'POST', path: '/rpc', body: '{"list":1}' } as const;
  const rpc: Fingerprint = {
    ...family('rpc', 50, [8000]),
    requests: [{ ...hello, followUps: [{ when: [{ on: 'hello', status: [200] }], requests: [list] }] }],
    identify: { why: 'rpc hello', any: [{ on: 'hello', bodyContains: 'rpc-server' }] },
    open: { why: 'rpc open', any: [{ on: 'hello', status: [200] }] },
    extract: { tools: { on: 'list', path: ['result', 'tools', '*', 'name'] } },
  };
  const listed = JSON.stringify({ jsonrpc: '2.0', id: 2, result: { tools: [{ name: 'run_sql' }, { name: 'send_email' }] } });

  it('reads the names from the answer to a follow-up, whole JSON or the first event of a stream', () => {
    for (const body of [listed, `event: message\ndata: ${listed}\n\n`, `id: 1\r\nevent: message\r\ndata: ${listed}\r\n\r\n`]) {
      const observed = new Map([
        [requestKey(hello), http(200, 'rpc-server')],
        [requestKey(list), http(200, body)],
      ]);
      expect(classify([rpc], observed, 8000)).toMatchObject({ verdict: 'unauthenticated', tools: ['run_sql', 'send_email'], toolCount: 2 });
    }
  });

  it('never plans a follow-up: the engine sends it after the request it follows', () => {
    expect(planRequests([rpc], 8000).map(requestKey)).toEqual([requestKey(hello)]);
  });
});

describe("a protocol's two revisions, told apart by the answer to the first request", () => {
  // The old revision answers hello and lists on `list`; the new one refuses hello and is asked `discover`, then `list2`.
  const hello = { id: 'hello', method: 'POST', path: '/rpc', body: '{"hello":1}' } as const;
  const list = { id: 'list', method: 'POST', path: '/rpc', body: '{"list":1}' } as const;
  const discover = { id: 'discover', method: 'POST', path: '/rpc', body: '{"discover":1}' } as const;
  const list2 = { id: 'list2', method: 'POST', path: '/rpc', body: '{"list":2}' } as const;
  const rpc: Fingerprint = {
    ...family('rpc', 50, [8000]),
    requests: [
      {
        ...hello,
        followUps: [
          { when: [{ on: 'hello', status: [200] }], requests: [list] },
          { when: [{ on: 'hello', bodyContains: 'use revision 2' }], requests: [discover, list2] },
        ],
      },
    ],
    identify: { why: 'rpc hello', any: [{ on: 'hello', bodyContains: 'rpc-server' }, { on: 'hello', bodyContains: 'use revision 2' }] },
    open: { why: 'rpc open', any: [{ on: 'hello', status: [200] }, { on: 'discover', bodyContains: '"version":"2.1"' }] },
    extract: { version: { on: ['hello', 'discover'], regex: /"version":"([^"]+)"/ }, tools: { on: ['list', 'list2'], path: ['tools', '*'] } },
  };
  const refusal = http(400, 'use revision 2');

  it('sends only the branch whose condition holds on the answer', () => {
    expect(followUpsDue(rpc.requests[0] as HttpProbeRequest, http(200, 'rpc-server')).map((r) => r.id)).toEqual(['list']);
    expect(followUpsDue(rpc.requests[0] as HttpProbeRequest, refusal).map((r) => r.id)).toEqual(['discover', 'list2']);
    expect(followUpsDue(rpc.requests[0] as HttpProbeRequest, http(500, 'down'))).toEqual([]);
  });

  it("reads open, the version and the tools from the new revision's follow-ups when the first request was refused", () => {
    const observed = new Map([
      [requestKey(hello), refusal],
      [requestKey(discover), http(200, '{"version":"2.1"}')],
      [requestKey(list2), http(200, '{"tools":["run_sql"]}')],
    ]);
    expect(classify([rpc], observed, 8000)).toMatchObject({ verdict: 'unauthenticated', version: '2.1', tools: ['run_sql'], decisiveRequestKey: requestKey(discover) });
  });

  it('reads the first answer that yields a value, in the order the extractor names them', () => {
    const observed = new Map([
      [requestKey(hello), http(200, 'rpc-server {"version":"1.0"}')],
      [requestKey(list), http(200, '{"tools":["a"]}')],
      [requestKey(discover), http(200, '{"version":"2.1"}')],
      [requestKey(list2), http(200, '{"tools":["b"]}')],
    ]);
    expect(classify([rpc], observed, 8000)).toMatchObject({ version: '1.0', tools: ['a'] });
  });

  it('is identified but not open when the refusal is all it answered: the new revision\'s follow-ups failed', () => {
    const observed = new Map([
      [requestKey(hello), refusal],
      [requestKey(discover), http(401, 'no')],
    ]);
    expect(classify([rpc], observed, 8000)).toMatchObject({ verdict: 'auth-required', fingerprint: { id: 'rpc' } });
  });
});

describe('a challenge from an unidentified service', () => {
  it('names a gRPC UNAUTHENTICATED from a service nothing identifies, and no other gRPC refusal', () => {
    const grpc = (status: string): ObservedResponse => ({ kind: 'grpc', status: 200, headers: { 'content-type': 'application/grpc', 'grpc-status': status }, body: '', truncated: false });
    const key = 'gRPC /inference.GRPCInferenceService/ServerMetadata';
    expect(classify(catalog, new Map([[key, grpc('16')]]), 8081).signals).toEqual([`credentials demanded by an unidentified service (${key} → UNAUTHENTICATED)`]);
    expect(classify(catalog, new Map([[key, grpc('7')]]), 8081).signals).toEqual([]);
  });

  it("names the challenge's scheme, as long as schemes get, whatever the header holds", () => {
    const observed = new Map([['GET /v1/models', http(401, '', { 'www-authenticate': `${'X'.repeat(10_000)} realm="a"` })]]);
    const { verdict, signals } = classify([family('other', 50, [9000])], observed, 8000);
    expect(verdict).toBe('not-ai');
    expect(signals).toEqual([`credentials demanded by an unidentified service (GET /v1/models → 401, WWW-Authenticate: ${'X'.repeat(32)})`]);
  });
});

describe('visitEnds', () => {
  const page: HttpProbeRequest = { id: 'page', method: 'GET', path: '/' };
  const starting: Fingerprint = {
    ...family('starting', 100, [8866]),
    requests: [page],
    identify: { why: 'starting identified', all: [{ on: 'page', bodyContains: 'dashboard' }] },
    endsWhatItStarts: [{ on: 'page', id: /"kernelId":\s*"([^"]*)"/, end: { method: 'POST', path: '/api/shutdown/{id}', headers: { 'x-token': 't' } } }],
  };
  const answers = (body: string, error?: string): Map<string, ObservedResponse> =>
    new Map([[requestKey(page), { ...http(200, body), ...(error === undefined ? {} : { error }) }]]);

  it('ends what an identified family started, its id in the path, with its headers', () => {
    expect(visitEnds([starting], answers('dashboard "kernelId": "k-1"'))).toEqual([{ method: 'POST', path: '/api/shutdown/k-1', headers: { 'x-token': 't' } }]);
  });

  it('escapes the id into the path', () => {
    expect(visitEnds([starting], answers('dashboard "kernelId": "../a?b"'))[0]?.path).toBe('/api/shutdown/..%2Fa%3Fb');
  });

  it('ends nothing for a family the answers do not identify, or a failed answer', () => {
    expect(visitEnds([starting], answers('"kernelId": "k-1"'))).toEqual([]);
    expect(visitEnds([starting], answers('dashboard "kernelId": "k-1"', 'body timeout'))).toEqual([]);
  });

  it('ends nothing for an id unfit to send back: empty, not visible ASCII, or longer than 256', () => {
    for (const id of ['', 'k 1', 'kérnel', 'k'.repeat(257)]) expect(visitEnds([starting], answers(`dashboard "kernelId": "${id}"`)), id).toEqual([]);
  });
});
