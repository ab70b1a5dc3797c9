/**
 * The pure classifier: observed responses + the catalog → a verdict. No I/O.
 *
 * Rules (decided on purpose; the alert text and the verdict model depend on them):
 * 1. Every fingerprint's `identify` is evaluated. Among the identified ones the highest `specificity`
 *    wins; ties go to a fingerprint whose `defaultPorts` include the port, then to catalog order.
 *    So Ollama (100) beats the generic OpenAI-compatible family (1) on the same `/v1/models` answer.
 * 2. For the winner: `open` fired → 'unauthenticated'; else `authRequired` fired → 'auth-required'.
 * 3. Winner identified but neither fired (e.g. Ollama's banner answered but `/api/tags` failed, or
 *    an MCP answer that is neither a session nor a challenge) → 'auth-required' with a signal saying
 *    so: an AI service answered from the internet, so hiding it as 'not-ai' would lose an exposure,
 *    but nothing proves it serves anyone, so it is not paged as open.
 * 4. A Host/Origin-policy refusal (fingerprint `hostPolicy`: Jupyter's 403 on `/api` as well,
 *    "Invalid Host" from the MCP SDK, MLflow's DNS-rebinding text, Ollama's empty 403) is never
 *    authentication. Identify signals are written so such answers do not identify; when one fires
 *    and nothing is identified the verdict is 'not-ai' with a signal naming the policy.
 * 5. A 401 (or a `WWW-Authenticate` challenge) from a service no fingerprint identifies — typically
 *    nginx basic auth in front of something — is 'not-ai' with the signal "credentials demanded by
 *    an unidentified service": the service behind the gate is unknown (it may be Grafana or a
 *    Kubernetes API), and calling it AI would cry wolf. The signal keeps the fact for the evidence.
 * 6. A matcher needs a response: a request that was not sent or failed makes every matcher on it
 *    false, including negated ones (absence of a response proves nothing). Header names are matched
 *    lower-cased, header `contains` case-insensitively.
 * 7. Precision against catch-all and echo servers comes from the fingerprints themselves: strict
 *    body patterns that a reflected request cannot contain, and a cross-check that the shared
 *    canary path (`notFoundCanary`) is not answered 200.
 * 8. Staged planning (`nextRequests`) never changes a verdict: identify signals only ever start to
 *    fire as responses arrive (a fired `all` matcher already had its response; rule 6), so a family
 *    identified early stays identified. The plan stops only when no family ranked above the current
 *    winner could still fire and the winner's own requests are all answered; with no winner, when no
 *    identify or hostPolicy signal could still fire. The one exception is the sweep plan (`PlanDepth`),
 *    which asks only the families its hints point to.
 */
import { notFoundCanary } from './fingerprints/common.js';
import type { Fingerprint, Matcher, ObservedResponse, ProbeRequest, Signal, SweepHint } from './fingerprints/types.js';

export interface Classification {
  verdict: 'unauthenticated' | 'auth-required' | 'not-ai';
  /** Set for unauthenticated / auth-required when identified. */
  fingerprint?: Fingerprint;
  /** The `why` of the signals that fired. */
  signals: string[];
  version?: string;
  /** Which response proves it (for the evidence excerpt). */
  decisiveRequestKey?: string;
}

/**
 * Content key of a request: kind, method, path, sorted lower-cased headers, body (or TCP bytes).
 * Identical requests of different fingerprints share one key, so they are sent once.
 * Readable on purpose: it appears in evidence as "GET /api/status".
 */
export function requestKey(request: ProbeRequest): string {
  return cached(requestKeys, request, () => buildRequestKey(request));
}

/**
 * The value kept under `key`, made on first use. The planner and classifier run at every stage of every
 * target over immutable catalog data, so what derives from the catalog alone is derived once.
 */
function cached<K, V>(cache: { get(key: K): V | undefined; set(key: K, value: V): unknown }, key: K, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

/** Requests are immutable catalog data and keys are computed on the hot path: once per request object. */
const requestKeys = new WeakMap<ProbeRequest, string>();

function buildRequestKey(request: ProbeRequest): string {
  if (request.kind === 'tcp') return `TCP ${JSON.stringify(request.send)}`;
  const headers = Object.entries(request.headers ?? {})
    .map(([name, value]) => [name.toLowerCase(), value] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}: ${value}`);
  const headerPart = headers.length > 0 ? ` [${headers.join('; ')}]` : '';
  const bodyPart = request.body !== undefined ? ` ${request.body}` : '';
  return `${request.method} ${request.path}${headerPart}${bodyPart}`;
}

const servesPort = (fingerprint: Fingerprint, port: number): boolean => fingerprint.defaultPorts.includes(port);

/** Distinct requests to send to this port, most likely first (fingerprints whose defaultPorts include the port first). */
export function planRequests(catalog: readonly Fingerprint[], port: number): readonly ProbeRequest[] {
  return cached(
    cached(plans, catalog, () => new Map<number, readonly ProbeRequest[]>()),
    port,
    () => buildPlan(catalog, port),
  );
}

/** The request keys of a plan, in its order (plans are frozen catalog data: computed once). */
function planKeys(plan: readonly ProbeRequest[]): readonly string[] {
  return cached(keysOfPlan, plan, () => plan.map(requestKey));
}

const keysOfPlan = new WeakMap<readonly ProbeRequest[], readonly string[]>();

/** Plans are asked for at every stage of every target: built once per catalog and port. */
const plans = new WeakMap<readonly Fingerprint[], Map<number, readonly ProbeRequest[]>>();

function buildPlan(catalog: readonly Fingerprint[], port: number): readonly ProbeRequest[] {
  const ordered = [...catalog.filter((f) => servesPort(f, port)), ...catalog.filter((f) => !servesPort(f, port))];
  const planned = new Map<string, ProbeRequest>();
  for (const fingerprint of ordered) {
    for (const request of fingerprint.requests) {
      const key = requestKey(request);
      if (!planned.has(key)) planned.set(key, request);
    }
  }
  return Object.freeze([...planned.values()]);
}

/**
 * The requests that identify the most families in the catalog, sent to every port in the first stage
 * (measured over the fixtures: `/` and the canary alone decide most UIs, catch-alls and plain web pages).
 */
export const sharedFirstStage: ReadonlySet<string> = new Set(['GET /', 'GET /v1/models', requestKey(notFoundCanary)]);

/**
 * Which families a port is asked about:
 * - full: all of them: the port's own and the shared set first, then, while nothing is identified, every
 *   family whose identify signal could still fire, so a product behind a proxy that routes only its own
 *   paths to it is found whatever `/` and the canary show;
 * - sweep: the shared set alone first, then only families without `sweepHints` and families whose hints
 *   hold on its answers (`askedInSweep`), the port's own ones first. Hints are written to hold wherever a
 *   product answers for itself, so a sweep gives the full plan's verdict and family for those; a product
 *   behind a proxy that routes only its own paths to it can read `not-ai` (or a lower-ranked family)
 *   in a sweep, so its result names the families it asked and the state never ends or replaces an
 *   exposure of a family a sweep did not ask about.
 */
export type PlanDepth = 'full' | 'sweep';

/**
 * The next requests of the staged plan for this port, given what was already sent (`observed` holds
 * every sent request, failed ones included); empty when the verdict can no longer change (rule 8).
 * Stage 1: every request of the port's default families, the shared set and the canary. Then: the
 * winner's remaining requests plus the identify requests of every family ranked above it that could
 * still fire; with no winner, every identify/hostPolicy request that could still change the verdict.
 * A sweep (`PlanDepth`) starts with the shared set alone, and with no winner asks only the families
 * whose hints hold, the port's own ones first.
 * Requests come in `planRequests` order.
 */
export function nextRequests(
  catalog: readonly Fingerprint[],
  port: number,
  observed: ReadonlyMap<string, ObservedResponse>,
  depth: PlanDepth = 'full',
): readonly ProbeRequest[] {
  const plan = planRequests(catalog, port);
  const keys = planKeys(plan);
  const unsent = (wanted: ReadonlySet<string>): ProbeRequest[] =>
    plan.filter((_request, index) => wanted.has(keys[index] as string) && !observed.has(keys[index] as string));
  const firstStage = unsent(depth === 'sweep' ? sharedFirstStage : firstStageKeys(catalog, port));
  if (firstStage.length > 0) return firstStage;

  const evaluated = catalog.map((fingerprint, index) => ({ fingerprint, index, responses: responsesOf(fingerprint, observed) }));
  let winner: (typeof evaluated)[number] | undefined;
  for (const candidate of evaluated) {
    if (fires(candidate.fingerprint.identify, candidate.responses) && (winner === undefined || rankOrder(candidate, winner, port) < 0)) winner = candidate;
  }
  const needed = new Set<string>();
  const add = ({ fingerprint, responses }: (typeof evaluated)[number], signal: Signal | undefined): void => {
    if (signal !== undefined && couldFire(fingerprint, signal, observed, responses)) for (const key of signalKeys(fingerprint, signal)) needed.add(key);
  };
  if (winner === undefined) {
    const inThisSweep = depth === 'sweep' ? familiesInSweep(catalog, observed) : undefined;
    const asked = inThisSweep === undefined ? evaluated : evaluated.filter(({ fingerprint }) => inThisSweep.has(fingerprint));
    const askAbout = (families: typeof evaluated): void => {
      for (const family of families) {
        add(family, family.fingerprint.identify);
        add(family, family.fingerprint.hostPolicy);
      }
    };
    // A sweep asks the port's own families first: the likely answer, and once a family is identified
    // only the families ranked above it are still asked.
    if (depth === 'sweep') {
      askAbout(asked.filter(({ fingerprint }) => servesPort(fingerprint, port)));
      const likely = unsent(needed);
      if (likely.length > 0) return likely;
    }
    askAbout(asked);
  } else {
    for (const request of winner.fingerprint.requests) needed.add(requestKey(request));
    for (const rival of evaluated) {
      if (rankOrder(rival, winner, port) >= 0 || (depth === 'sweep' && !familiesInSweep(catalog, observed).has(rival.fingerprint))) continue;
      add(rival, rival.fingerprint.identify);
    }
  }
  return unsent(needed);
}

/** A sweep asks about a family when it gave no hints or one of its hints holds. */
function inSweep(fingerprint: Fingerprint, responses: ResponsesById): boolean {
  const hints = fingerprint.sweepHints;
  return (
    hints === undefined ||
    hints.some((hint) => (isMatcherList(hint) ? hint.every((matcher) => matches(matcher, responses)) : matches(hint, responses)))
  );
}

function isMatcherList(hint: SweepHint): hint is readonly Matcher[] {
  return Array.isArray(hint);
}

/** Families a sweep plan asks about, given the shared first stage's answers (hints that hold, or no hints). */
export function askedInSweep(catalog: readonly Fingerprint[], observed: ReadonlyMap<string, ObservedResponse>): string[] {
  return [...familiesInSweep(catalog, observed)].map((fingerprint) => fingerprint.id);
}

const [rootKey, modelsKey, canaryKey] = [...sharedFirstStage] as [string, string, string];

/**
 * Hints read only the shared first stage, so a target's sweep families are fixed once those answers
 * are in: kept per canary answer (and checked against the other two), not re-derived at every stage.
 */
function familiesInSweep(catalog: readonly Fingerprint[], observed: ReadonlyMap<string, ObservedResponse>): ReadonlySet<Fingerprint> {
  const canary = observed.get(canaryKey);
  const root = observed.get(rootKey);
  const models = observed.get(modelsKey);
  const known = canary === undefined ? undefined : sweepFamiliesByCanary.get(canary);
  if (known !== undefined && known.catalog === catalog && known.root === root && known.models === models) return known.families;
  const families = new Set(catalog.filter((fingerprint) => inSweep(fingerprint, responsesOf(fingerprint, observed))));
  if (canary !== undefined) sweepFamiliesByCanary.set(canary, { catalog, root, models, families });
  return families;
}

const sweepFamiliesByCanary = new WeakMap<
  ObservedResponse,
  { catalog: readonly Fingerprint[]; root: ObservedResponse | undefined; models: ObservedResponse | undefined; families: ReadonlySet<Fingerprint> }
>();

function firstStageKeys(catalog: readonly Fingerprint[], port: number): ReadonlySet<string> {
  return cached(
    cached(firstStages, catalog, () => new Map<number, ReadonlySet<string>>()),
    port,
    () => buildFirstStage(catalog, port),
  );
}

const firstStages = new WeakMap<readonly Fingerprint[], Map<number, ReadonlySet<string>>>();

function buildFirstStage(catalog: readonly Fingerprint[], port: number): ReadonlySet<string> {
  const keys = new Set(sharedFirstStage);
  for (const fingerprint of catalog) {
    if (servesPort(fingerprint, port)) for (const request of fingerprint.requests) keys.add(requestKey(request));
  }
  return keys;
}

/** A fingerprint's request keys by request id. */
function keysOf(fingerprint: Fingerprint): ReadonlyMap<string, string> {
  return cached(keysById, fingerprint, () => new Map(fingerprint.requests.map((request) => [request.id, requestKey(request)])));
}

const keysById = new WeakMap<Fingerprint, ReadonlyMap<string, string>>();

/** The request keys a signal reads. */
function signalKeys(fingerprint: Fingerprint, signal: Signal): readonly string[] {
  return cached(
    cached(keysBySignal, fingerprint, () => new Map<Signal, readonly string[]>()),
    signal,
    () => [...(signal.all ?? []), ...(signal.any ?? [])].flatMap((matcher) => keysOf(fingerprint).get(matcher.on) ?? []),
  );
}

const keysBySignal = new WeakMap<Fingerprint, Map<Signal, readonly string[]>>();

/**
 * False only when the signal can never fire whatever is sent next: an `all` matcher already failed
 * on a sent request, or every `any` matcher did. A sent request's answer is final (rule 6 for failures).
 */
function couldFire(fingerprint: Fingerprint, signal: Signal, observed: ReadonlyMap<string, ObservedResponse>, responses: ResponsesById): boolean {
  const all = signal.all ?? [];
  const any = signal.any ?? [];
  if (all.length === 0 && any.length === 0) return false;
  const keys = keysOf(fingerprint);
  const open = (matcher: Matcher): boolean => {
    const key = keys.get(matcher.on);
    return key === undefined ? false : !observed.has(key) || matches(matcher, responses);
  };
  return all.every(open) && (any.length === 0 || any.some(open));
}

/** Responses of one fingerprint, by its own request ids; failed requests have none (rule 6). */
interface ResponsesById {
  get(id: string): { readonly key: string; readonly response: ObservedResponse } | undefined;
}

/** A view, not a copy: the planner evaluates every family at every stage of every target. */
function responsesOf(fingerprint: Fingerprint, observed: ReadonlyMap<string, ObservedResponse>): ResponsesById {
  const keys = keysOf(fingerprint);
  return {
    get: (id) => {
      const key = keys.get(id);
      const response = key === undefined ? undefined : observed.get(key);
      return key === undefined || response === undefined || response.error !== undefined ? undefined : { key, response };
    },
  };
}

/**
 * Body regexes' results per response: a response is read again at every stage and by every family
 * sharing its request, and a regex over a page of up to 128 KiB is the classifier's costliest check.
 */
const bodyMatches = new WeakMap<ObservedResponse, Map<Matcher, boolean>>();

function matcherHolds(matcher: Matcher, response: ObservedResponse): boolean {
  if (!('bodyRegex' in matcher)) return evaluateMatcher(matcher, response);
  return cached(
    cached(bodyMatches, response, () => new Map<Matcher, boolean>()),
    matcher,
    () => evaluateMatcher(matcher, response),
  );
}

function evaluateMatcher(matcher: Matcher, response: ObservedResponse): boolean {
  if ('status' in matcher) return response.status !== undefined && matcher.status.includes(response.status);
  if ('bodyContains' in matcher) return response.body.includes(matcher.bodyContains);
  if ('bodyRegex' in matcher) return matcher.bodyRegex.test(response.body);
  const value = response.headers[matcher.header.toLowerCase()];
  if (value === undefined) return false;
  if (matcher.contains !== undefined && !value.toLowerCase().includes(matcher.contains.toLowerCase())) return false;
  if (matcher.regex !== undefined && !matcher.regex.test(value)) return false;
  return true;
}

/** Rule 6: no response → false, whatever `not` says. */
function matches(matcher: Matcher, responses: ResponsesById): boolean {
  const entry = responses.get(matcher.on);
  if (entry === undefined) return false;
  return matcherHolds(matcher, entry.response) !== (matcher.not === true);
}

function fires(signal: Signal | undefined, responses: ResponsesById): boolean {
  if (signal === undefined) return false;
  const all = signal.all ?? [];
  const any = signal.any ?? [];
  if (all.length === 0 && any.length === 0) return false;
  return all.every((m) => matches(m, responses)) && (any.length === 0 || any.some((m) => matches(m, responses)));
}

/** The first positive matcher of a fired signal names the response that proves it. */
function decisiveKey(signal: Signal, responses: ResponsesById): string | undefined {
  const positive = [...(signal.any ?? []), ...(signal.all ?? [])].filter((m) => m.not !== true && matches(m, responses));
  const first = positive[0];
  return first === undefined ? undefined : responses.get(first.on)?.key;
}

function extractVersion(fingerprint: Fingerprint, responses: ResponsesById): string | undefined {
  const extractor = fingerprint.extract?.version;
  if (extractor === undefined) return undefined;
  const body = responses.get(extractor.on)?.response.body;
  const value = body?.match(extractor.regex)?.[1]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** Rule 5: a credential challenge from something no fingerprint identified. */
function unidentifiedChallenge(observed: ReadonlyMap<string, ObservedResponse>): string | undefined {
  for (const [key, response] of observed) {
    if (response.error !== undefined || response.kind !== 'http') continue;
    const challenge = response.headers['www-authenticate'];
    if (response.status === 401 || (challenge !== undefined && (response.status === 403 || response.status === 407))) {
      const scheme = challenge === undefined ? '' : `, WWW-Authenticate: ${challenge.split(/[\s,]/)[0]}`;
      return `credentials demanded by an unidentified service (${key} → ${response.status}${scheme})`;
    }
  }
  return undefined;
}

interface Ranked {
  readonly fingerprint: Fingerprint;
  /** Catalog position: the last tie-break. */
  readonly index: number;
}

/** Rule 1's order: negative when `a` wins over `b`. */
const rankOrder = (a: Ranked, b: Ranked, port: number): number =>
  b.fingerprint.specificity - a.fingerprint.specificity ||
  Number(servesPort(b.fingerprint, port)) - Number(servesPort(a.fingerprint, port)) ||
  a.index - b.index;

export function classify(catalog: readonly Fingerprint[], observed: ReadonlyMap<string, ObservedResponse>, port: number): Classification {
  const evaluated = catalog.map((fingerprint, index) => ({ fingerprint, index, responses: responsesOf(fingerprint, observed) }));
  const identified = evaluated
    .filter(({ fingerprint, responses }) => fires(fingerprint.identify, responses))
    .sort((a, b) => rankOrder(a, b, port));

  const winner = identified[0];
  if (winner !== undefined) {
    const { fingerprint, responses } = winner;
    const version = extractVersion(fingerprint, responses);
    const base = { fingerprint, ...(version !== undefined ? { version } : {}) };
    const identifyWhy = fingerprint.identify.why;
    if (fires(fingerprint.open, responses)) {
      return {
        ...base,
        verdict: 'unauthenticated',
        signals: [identifyWhy, fingerprint.open.why],
        ...keyOf(decisiveKey(fingerprint.open, responses)),
      };
    }
    if (fingerprint.authRequired !== undefined && fires(fingerprint.authRequired, responses)) {
      return {
        ...base,
        verdict: 'auth-required',
        signals: [identifyWhy, fingerprint.authRequired.why],
        ...keyOf(decisiveKey(fingerprint.authRequired, responses)),
      };
    }
    return {
      ...base,
      verdict: 'auth-required',
      signals: [identifyWhy, `${fingerprint.name} answered but served nothing without credentials to these requests`],
      ...keyOf(decisiveKey(fingerprint.identify, responses)),
    };
  }

  for (const { fingerprint, responses } of evaluated) {
    if (fingerprint.hostPolicy !== undefined && fires(fingerprint.hostPolicy, responses)) {
      return {
        verdict: 'not-ai',
        signals: [`${fingerprint.hostPolicy.why} (a Host/Origin policy, not authentication)`],
        ...keyOf(decisiveKey(fingerprint.hostPolicy, responses)),
      };
    }
  }

  const challenge = unidentifiedChallenge(observed);
  return { verdict: 'not-ai', signals: challenge === undefined ? [] : [challenge] };
}

const keyOf = (key: string | undefined): { decisiveRequestKey?: string } => (key === undefined ? {} : { decisiveRequestKey: key });
