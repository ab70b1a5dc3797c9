/**
 * The catalog compiled once for the planner and the classifier (classify.ts), which run at every stage
 * of every target: each matcher bound to the request key it reads and turned into a test, each port's
 * plan ordered once. Resolving request ids, lower-casing header names and filtering the whole plan on
 * every call was a fifth of the prober's CPU.
 */
import { notFoundCanary } from './fingerprints/common.js';
import type {
  AnswerOf,
  Fingerprint,
  FollowUpRequest,
  FollowUps,
  HttpProbeRequest,
  Matcher,
  NamesAt,
  ObservedResponse,
  ProbeRequest,
  RequestKind,
  Signal,
  StartedPerVisit,
  SweepExclusion,
  SweepHint,
} from './fingerprints/types.js';
import { isHttpRequest, kindOf } from './fingerprints/types.js';

/**
 * Content key of a request: kind, method, path, sorted lower-cased headers, body (or TCP bytes, or the gRPC method).
 * Identical requests of different fingerprints share one key, so they are sent once.
 * Readable on purpose: it appears in evidence as "GET /api/status".
 */
export function requestKey(request: ProbeRequest): string {
  return cached(requestKeys, request, () => buildRequestKey(request));
}

/** The value kept under `key`, made on first use (catalog data is immutable: what derives from it alone is derived once). */
function cached<K, V>(cache: { get(key: K): V | undefined; set(key: K, value: V): unknown }, key: K, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

const requestKeys = new WeakMap<ProbeRequest, string>();

function buildRequestKey(request: ProbeRequest): string {
  if (request.kind === 'tcp') return `TCP ${JSON.stringify(request.send)}`;
  if (request.kind === 'grpc') return `gRPC ${request.method}`;
  const headers = Object.entries(request.headers ?? {})
    .map(([name, value]) => [name.toLowerCase(), value] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}: ${value}`);
  const headerPart = headers.length > 0 ? ` [${headers.join('; ')}]` : '';
  const bodyPart = request.body !== undefined ? ` ${request.body}` : '';
  return `${request.method} ${request.path}${headerPart}${bodyPart}`;
}

/**
 * The requests that identify the most families in the catalog, sent to every port in the first stage
 * (measured over the fixtures: `/` and the canary alone decide most UIs, catch-alls and plain web pages).
 */
export const sharedFirstStage: ReadonlySet<string> = new Set(['GET /', 'GET /v1/models', requestKey(notFoundCanary)]);

export interface CompiledMatcher {
  /** The request whose answer it reads; undefined when `on` names no request of the family (it never holds). */
  readonly key: string | undefined;
  readonly negated: boolean;
  /** Whether the matcher's condition is true of an answered request, before `not`. */
  readonly test: (response: ObservedResponse) => boolean;
}

/**
 * A hint matcher, one per distinct matcher of the catalog's hints (families built on one server share
 * its hints: FastAPI's 404 is a hint of a dozen families), numbered so a target evaluates each once.
 */
export interface CompiledHintMatcher extends CompiledMatcher {
  readonly slot: number;
}

export interface CompiledSignal {
  readonly why: string;
  readonly all: readonly CompiledMatcher[];
  readonly any: readonly CompiledMatcher[];
  /** The request keys it reads. */
  readonly keys: readonly string[];
}

export interface CompiledFamily {
  readonly fingerprint: Fingerprint;
  /** Catalog position: rule 1's last tie-break. */
  readonly index: number;
  readonly identify: CompiledSignal;
  readonly open: CompiledSignal;
  readonly authRequired: CompiledSignal | undefined;
  readonly hostPolicy: CompiledSignal | undefined;
  /** Each hint as matchers that must all hold; undefined: a sweep always asks about the family. */
  readonly sweepHints: readonly (readonly CompiledHintMatcher[])[] | undefined;
  /** `Fingerprint.sweepRuledOutBy`; undefined: none. */
  readonly sweepRuledOutBy: readonly CompiledExclusion[] | undefined;
  readonly requestKeys: readonly string[];
  readonly version: { readonly keys: readonly string[]; readonly regex: RegExp } | undefined;
  readonly models: CompiledNamesAt | undefined;
  readonly tools: CompiledNamesAt | undefined;
  /** `Fingerprint.endsWhatItStarts`, with each answer's request resolved to its key. */
  readonly startedPerVisit: readonly CompiledStartedPerVisit[];
}

export interface CompiledStartedPerVisit {
  /** Undefined when `on` names no request of the family (nothing is ever ended). */
  readonly key: string | undefined;
  readonly id: RegExp;
  readonly end: StartedPerVisit['end'];
}

/** `NamesAt` with its requests resolved to keys, in order (an id naming no request of the family is left out). */
export interface CompiledNamesAt {
  readonly keys: readonly string[];
  readonly path: readonly string[];
}

export interface CompiledExclusion {
  readonly all: readonly CompiledMatcher[];
  /** The keys of its requests: a sweep sends them before asking about the family. */
  readonly keys: readonly string[];
}

/** One port's distinct requests in plan order (`planRequests`), with each key's position in it. */
export interface PortPlan {
  readonly requests: readonly ProbeRequest[];
  readonly keys: readonly string[];
  readonly position: ReadonlyMap<string, number>;
  /** Positions of the full plan's first stage: the shared set and every request of the port's own families. */
  readonly firstStage: readonly number[];
  /**
   * Positions of a sweep's first stage: the shared set, and the raw TCP and gRPC requests of the port's own
   * families. Such a service on its port answers those at once; the shared HTTP requests would only get
   * hang-ups or HTTP/2 frames, which look like a TLS port's refusal, and the ClientHello that follows waits
   * out the TLS timeout on a server that reads lines (Redis: 3 s).
   */
  readonly sweepFirstStage: readonly number[];
  /**
   * The protocols of the families that list the port: their requests are sent even when the port answered
   * another protocol (elsewhere, a raw TCP or gRPC request goes only to a port that answered nothing else).
   */
  readonly listeningKinds: ReadonlySet<RequestKind>;
}

export interface CompiledCatalog {
  readonly families: readonly CompiledFamily[];
  /** The families whose identify signal reads the answer to this request: the only ones that answer can identify. */
  readonly identifyReaders: ReadonlyMap<string, readonly CompiledFamily[]>;
  /** How many distinct hint matchers there are (`CompiledHintMatcher.slot` is below it). */
  readonly hintSlots: number;
  /** The families whose answers start something per visit (`Fingerprint.endsWhatItStarts`). */
  readonly startingPerVisit: readonly CompiledFamily[];
  portPlan(port: number): PortPlan;
}

export function compiledCatalog(catalog: readonly Fingerprint[]): CompiledCatalog {
  return cached(compiledCatalogs, catalog, () => compileCatalog(catalog));
}

const compiledCatalogs = new WeakMap<readonly Fingerprint[], CompiledCatalog>();

export const servesPort = (fingerprint: Fingerprint, port: number): boolean => fingerprint.defaultPorts.includes(port);

function compileCatalog(catalog: readonly Fingerprint[]): CompiledCatalog {
  // By matcher object and the request key it resolves to in the family.
  const hints = new Map<Matcher, Map<string | undefined, CompiledHintMatcher>>();
  let hintSlots = 0;
  const compileHint = (matcher: Matcher, key: string | undefined): CompiledHintMatcher =>
    cached(cached(hints, matcher, () => new Map<string | undefined, CompiledHintMatcher>()), key, () => ({
      key,
      negated: matcher.not === true,
      test: testOf(matcher),
      slot: hintSlots++,
    }));
  const families = catalog.map((fingerprint, index) => compileFamily(fingerprint, index, compileHint));
  const plans = new Map<number, PortPlan>();
  return {
    families,
    identifyReaders: identifyReadersOf(families),
    hintSlots,
    startingPerVisit: families.filter((family) => family.startedPerVisit.length > 0),
    portPlan: (port) => cached(plans, port, () => buildPortPlan(catalog, port)),
  };
}

function identifyReadersOf(families: readonly CompiledFamily[]): ReadonlyMap<string, readonly CompiledFamily[]> {
  const readers = new Map<string, CompiledFamily[]>();
  for (const family of families) for (const key of new Set(family.identify.keys)) cached(readers, key, () => []).push(family);
  return readers;
}

function compileFamily(
  fingerprint: Fingerprint,
  index: number,
  compileHint: (matcher: Matcher, key: string | undefined) => CompiledHintMatcher,
): CompiledFamily {
  const keyById = keysById(fingerprint.requests);
  // `open` and the extractors may read the answers of follow-ups too; the planner's request keys never hold them.
  const followedKeyById = keysById(requestsAndFollowUps(fingerprint));
  const keysOf = (on: AnswerOf): string[] => answerIds(on).flatMap((id) => followedKeyById.get(id) ?? []);
  const namesAt = (at: NamesAt | undefined): CompiledNamesAt | undefined => (at === undefined ? undefined : { keys: keysOf(at.on), path: at.path });
  const compileSignal = (signal: Signal, keys: ReadonlyMap<string, string> = keyById): CompiledSignal => {
    const all = (signal.all ?? []).map((matcher) => compileMatcher(matcher, keys));
    const any = (signal.any ?? []).map((matcher) => compileMatcher(matcher, keys));
    return { why: signal.why, all, any, keys: [...all, ...any].flatMap((matcher) => matcher.key ?? []) };
  };
  const hintMatchers = (hint: SweepHint): readonly Matcher[] => (Array.isArray(hint) ? hint : [hint as Matcher]);
  const { version, models, tools } = fingerprint.extract ?? {};
  const compileExclusion = (exclusion: SweepExclusion): CompiledExclusion => {
    const keys = keysById(exclusion.requests);
    return { all: exclusion.all.map((matcher) => compileMatcher(matcher, keys)), keys: [...keys.values()] };
  };
  return {
    fingerprint,
    index,
    identify: compileSignal(fingerprint.identify),
    open: compileSignal(fingerprint.open, followedKeyById),
    authRequired: fingerprint.authRequired === undefined ? undefined : compileSignal(fingerprint.authRequired),
    hostPolicy: fingerprint.hostPolicy === undefined ? undefined : compileSignal(fingerprint.hostPolicy),
    sweepHints: fingerprint.sweepHints?.map((hint) => hintMatchers(hint).map((matcher) => compileHint(matcher, keyById.get(matcher.on)))),
    sweepRuledOutBy: fingerprint.sweepRuledOutBy?.map(compileExclusion),
    requestKeys: [...keyById.values()],
    version: version === undefined ? undefined : { keys: keysOf(version.on), regex: version.regex },
    models: namesAt(models),
    tools: namesAt(tools),
    startedPerVisit: (fingerprint.endsWhatItStarts ?? []).map((started) => ({ key: keyById.get(started.on), id: started.id, end: started.end })),
  };
}

/** A family's requests, each followed by its follow-ups (`HttpProbeRequest.followUps`): every request `open` or an extractor may read. */
export const requestsAndFollowUps = (fingerprint: Fingerprint): readonly ProbeRequest[] =>
  fingerprint.requests.flatMap((request) => [request, ...(isHttpRequest(request) ? (request.followUps ?? []).flatMap((branch) => branch.requests) : [])]);

/** The ids an extractor reads (`AnswerOf`), in the order it reads them. */
export const answerIds = (on: AnswerOf): readonly string[] => (typeof on === 'string' ? [on] : on);

/** The follow-ups of `request` whose branch's condition holds on its answer (`HttpProbeRequest.followUps`), in order. */
export function followUpsDue(request: HttpProbeRequest, answer: ObservedResponse): readonly FollowUpRequest[] {
  const branches = request.followUps;
  if (branches === undefined) return [];
  const key = requestKey(request);
  const observed = new Map([[key, answer]]);
  return branches.flatMap((branch) => {
    const when = cached(compiledConditions, branch, () => branch.when.map((matcher) => compileMatcher(matcher, new Map([[request.id, key]]))));
    return when.every((matcher) => holds(matcher, observed)) ? branch.requests : [];
  });
}

const compiledConditions = new WeakMap<FollowUps, readonly CompiledMatcher[]>();

/**
 * `request` at its path with a slash added, when it follows such a redirect (`HttpProbeRequest.followsSlashRedirect`) and
 * `answer` is one: a 307 or 308 whose Location (relative, or absolute on any host, of which only the path is used) is the
 * base path, the request's path and a slash. Once only: the request it returns follows none.
 */
export function slashRedirectOf(request: HttpProbeRequest, answer: ObservedResponse, basePath = ''): HttpProbeRequest | undefined {
  const location = answer.headers.location;
  if (request.followsSlashRedirect !== true || (answer.status !== 307 && answer.status !== 308) || location === undefined) return undefined;
  if (!URL.canParse(location, 'http://redirect.invalid')) return undefined;
  const target = new URL(location, 'http://redirect.invalid');
  if (`${target.pathname}${target.search}` !== `${basePath}${request.path}/`) return undefined;
  const { followsSlashRedirect: _followed, ...moved } = request;
  return { ...moved, path: `${request.path}/` };
}

/** `followUp` as sent after `request` was answered at `sent`'s path: one on `request`'s path goes to that path too. */
export const followUpAt = (followUp: FollowUpRequest, request: HttpProbeRequest, sent: HttpProbeRequest): FollowUpRequest =>
  followUp.path === request.path && sent.path !== request.path ? { ...followUp, path: sent.path } : followUp;

/** A session id as MCP allows one (visible ASCII), of bounded length: it is sent back in a header or a path. */
const SESSION_ID = /^[\x21-\x7e]{1,256}$/;
export const fitToSendBack = (id: string): boolean => SESSION_ID.test(id);

/**
 * The session an answer to `request` opened (`HttpProbeRequest.opensSession`), as the header that names it,
 * when its (lower-cased) `headers` name one with an id fit to send back.
 */
export function sessionOpenedBy(request: HttpProbeRequest, headers: Readonly<Record<string, string>>): Readonly<Record<string, string>> | undefined {
  const header = request.opensSession?.header.toLowerCase();
  const id = header === undefined ? undefined : headers[header];
  return header !== undefined && id !== undefined && fitToSendBack(id) ? { [header]: id } : undefined;
}

/** `request` as sent within `session` (its header added), or as it is outside one. */
export const withinSession = (request: FollowUpRequest, session: Readonly<Record<string, string>> | undefined): FollowUpRequest =>
  session === undefined ? request : { ...request, headers: { ...request.headers, ...session } };

/** Request id → request key, for the matchers that name requests by id. */
const keysById = (requests: readonly ProbeRequest[]): Map<string, string> => new Map(requests.map((request) => [request.id, requestKey(request)]));

/** `on` resolved through `keyById` (a matcher naming no request there never holds). */
const compileMatcher = (matcher: Matcher, keyById: ReadonlyMap<string, string>): CompiledMatcher => ({
  key: keyById.get(matcher.on),
  negated: matcher.not === true,
  test: testOf(matcher),
});

function testOf(matcher: Matcher): (response: ObservedResponse) => boolean {
  if ('status' in matcher) {
    const statuses = matcher.status;
    return (response) => response.status !== undefined && statuses.includes(response.status);
  }
  if ('bodyContains' in matcher) {
    const text = matcher.bodyContains;
    return (response) => response.body.includes(text);
  }
  if ('whole' in matcher) return (response) => !response.truncated;
  if ('bodyRegex' in matcher) {
    const regex = matcher.bodyRegex;
    return (response) =>
      response.body.length < CACHED_REGEX_BODY_CHARS
        ? regex.test(response.body)
        : cached(cached(bodyMatches, response, () => new Map<RegExp, boolean>()), regex, () => regex.test(response.body));
  }
  const name = matcher.header.toLowerCase();
  const contains = matcher.contains?.toLowerCase();
  const regex = matcher.regex;
  return (response) => {
    const value = response.headers[name];
    if (value === undefined) return false;
    if (contains !== undefined && !value.toLowerCase().includes(contains)) return false;
    return regex === undefined || regex.test(value);
  };
}

/**
 * Body regexes' results per response: a response is read again at every stage and by every family
 * sharing its request, and a regex over a page of up to 128 KiB is the classifier's costliest check.
 * Below a few KiB, running the regex again costs less than looking its result up.
 */
const bodyMatches = new WeakMap<ObservedResponse, Map<RegExp, boolean>>();
const CACHED_REGEX_BODY_CHARS = 4096;

/** Rule 6 (classify.ts): no answer, or a failed request → false, whatever `not` says. */
export function holds(matcher: CompiledMatcher, observed: ReadonlyMap<string, ObservedResponse>): boolean {
  if (matcher.key === undefined) return false;
  const response = observed.get(matcher.key);
  if (response === undefined || response.error !== undefined) return false;
  return matcher.test(response) !== matcher.negated;
}

function buildPortPlan(catalog: readonly Fingerprint[], port: number): PortPlan {
  const ordered = [...catalog.filter((f) => servesPort(f, port)), ...catalog.filter((f) => !servesPort(f, port))];
  const planned = new Map<string, ProbeRequest>();
  // The requests of sweep exclusions last: only sweeps send them, and usually another family asks them too.
  const exclusionRequests = ordered.flatMap((fingerprint) => (fingerprint.sweepRuledOutBy ?? []).flatMap((exclusion) => exclusion.requests));
  for (const request of [...ordered.flatMap((fingerprint) => fingerprint.requests), ...exclusionRequests]) {
    const key = requestKey(request);
    if (!planned.has(key)) planned.set(key, request);
  }
  const keys = [...planned.keys()];
  const position = new Map(keys.map((key, index) => [key, index]));
  const positionsOf = (wanted: ReadonlySet<string>): number[] => keys.flatMap((key, index) => (wanted.has(key) ? [index] : []));
  const firstStage = new Set(sharedFirstStage);
  const sweepFirstStage = new Set(sharedFirstStage);
  for (const fingerprint of catalog) {
    if (!servesPort(fingerprint, port)) continue;
    for (const request of fingerprint.requests) {
      firstStage.add(requestKey(request));
      if (!isHttpRequest(request)) sweepFirstStage.add(requestKey(request));
    }
  }
  return {
    requests: Object.freeze([...planned.values()]),
    keys,
    position,
    firstStage: positionsOf(firstStage),
    sweepFirstStage: positionsOf(sweepFirstStage),
    listeningKinds: new Set(catalog.filter((fingerprint) => servesPort(fingerprint, port)).flatMap((fingerprint) => fingerprint.requests.map(kindOf))),
  };
}

/** Distinct requests to send to this port, most likely first (fingerprints whose defaultPorts include the port first). */
export function planRequests(catalog: readonly Fingerprint[], port: number): readonly ProbeRequest[] {
  return compiledCatalog(catalog).portPlan(port).requests;
}
