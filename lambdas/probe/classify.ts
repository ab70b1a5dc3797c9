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
 *    and nothing is identified the verdict is 'not-ai' with a signal naming the policy, and the port is
 *    asked again (rule 9).
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
 *    which asks only the families its hints point to, less those its exclusions rule out on a port they
 *    do not list. A stage may be cut short when an answer in it
 *    identifies a family that outranks the stage's winner (`PlanMemo.stageOutdated`): the next stage is
 *    planned by the same rules from every answer so far, so whatever could still change the verdict
 *    is asked there.
 * 9. A Host policy refuses a name, not a client: any client may name the server's own loopback host. So a port
 *    whose verdict is rule 4's, on an HTTP answer (`Classification.refusedHost`), is asked again, its whole plan
 *    naming `Host: localhost:<port>` (`loopbackHostOf`), as a browser on the server's own host does (and nginx's
 *    proxy_pass to an upstream named localhost, by default). What those answers show is the verdict, the refusal
 *    first among its signals; where they identify nothing, rule 4's verdict stands (`afterLoopbackHost`).
 */
import { clip, oneLine } from '../shared/plain-text.js';
import {
  compiledCatalog,
  fitToSendBack,
  holds,
  servesPort,
  sharedFirstStage,
  type CompiledCatalog,
  type CompiledFamily,
  type CompiledMatcher,
  type CompiledNamesAt,
  type CompiledSignal,
  type PortPlan,
} from './catalog-plan.js';
import type { Fingerprint, ObservedResponse, ProbeRequest, StartedPerVisit } from './fingerprints/types.js';

export interface Classification {
  verdict: 'unauthenticated' | 'auth-required' | 'not-ai';
  /** Set for unauthenticated / auth-required when identified. */
  fingerprint?: Fingerprint;
  /** The `why` of the signals that fired. */
  signals: string[];
  version?: string;
  /** The models the service named (`extract.models`), at most `MAX_NAMES_LISTED`; `modelCount`: how many it named. */
  models?: string[];
  modelCount?: number;
  /** The tools the service lets a client call (`extract.tools`), listed as models are. */
  tools?: string[];
  toolCount?: number;
  /** Which response proves it (for the evidence excerpt). */
  decisiveRequestKey?: string;
  /**
   * With a fingerprint: the other families these answers identify (ranked below it), in catalog order. Only the
   * answers asked for count, so a staged plan, which asks little of the families below its winner, may name fewer.
   */
  alsoIdentified?: string[];
  /** Rule 4's verdict, from an HTTP answer: the port is due to be asked again naming a loopback Host (rule 9). */
  refusedHost?: true;
}

/**
 * Which families a port is asked about:
 * - full: all of them: the port's own and the shared set first, then, while nothing is identified, every
 *   family whose identify signal could still fire, so a product behind a proxy that routes only its own
 *   paths to it is found whatever `/` and the canary show;
 * - sweep: the shared set alone first, then only families without `sweepHints` and families whose hints
 *   hold on its answers, the port's own ones first; on a port a family does not list, its `sweepRuledOutBy`
 *   is read first and the family is not asked when one holds (`askedInSweep` names what was asked).
 *   Hints are written to hold, and exclusions not to, wherever a product answers for itself, so a sweep
 *   gives the full plan's verdict and family for those; a product behind a proxy that routes only its own
 *   paths to it can read `not-ai` (or a lower-ranked family) in a sweep, so its result names the families
 *   it asked and the state never ends or replaces an exposure of a family a sweep did not ask about.
 */
export type PlanDepth = 'full' | 'sweep';

/**
 * The next requests of the staged plan for this port, given what was already sent (`observed` holds
 * every sent request, failed ones included); empty when the verdict can no longer change (rule 8).
 * Stage 1: every request of the port's default families, the shared set and the canary. Then: the
 * winner's remaining requests plus the identify requests of every family ranked above it that could
 * still fire; with no winner, every identify/hostPolicy request that could still change the verdict.
 * A sweep (`PlanDepth`) starts with the shared set (and the raw TCP requests of the port's own families: a
 * raw-TCP service on its port hangs up on HTTP as a TLS port does), asks only about families whose hints hold,
 * and asks those that list the port first, with or without a winner; then the requests of the other
 * families' exclusions, in a stage of their own, and only the families they do not rule out.
 * Requests come in `planRequests` order.
 */
export function nextRequests(
  catalog: readonly Fingerprint[],
  port: number,
  observed: ReadonlyMap<string, ObservedResponse>,
  depth: PlanDepth = 'full',
  memo?: PlanMemo,
): readonly ProbeRequest[] {
  const compiled = compiledCatalog(catalog);
  const plan = compiled.portPlan(port);
  const firstStage = (depth === 'sweep' ? plan.sweepFirstStage : plan.firstStage).filter((position) => !observed.has(plan.keys[position] as string));
  if (firstStage.length > 0) return firstStage.map((position) => plan.requests[position] as ProbeRequest);

  const winner = (memo ?? new PlanMemo()).winnerOf(compiled, observed, port);
  memo?.plannedFor(winner);
  let candidates: readonly CompiledFamily[];
  const needed = new Set<string>();
  if (winner === undefined) {
    candidates = depth === 'sweep' ? familiesInSweep(compiled, observed).list : compiled.families;
  } else {
    for (const key of winner.requestKeys) needed.add(key);
    const inSweep = depth === 'sweep' ? familiesInSweep(compiled, observed).set : undefined;
    candidates = compiled.families.filter((rival) => rankOrder(rival, winner, port) < 0 && (inSweep === undefined || inSweep.has(rival)));
  }
  const add = (signal: CompiledSignal | undefined, into: Set<string>): void => {
    if (signal !== undefined && couldFire(signal, observed)) for (const key of signal.keys) into.add(key);
  };
  // With no winner, what could prove a Host/Origin policy is asked too; rivals of a winner only for what identifies them.
  const ask = (family: CompiledFamily, into: Set<string>): void => {
    add(family.identify, into);
    if (winner === undefined) add(family.hostPolicy, into);
  };
  // A sweep asks the families that list this port first: the likely answer, and once one is identified
  // only the families ranked above it are still asked (so a specific product on its own port ends the
  // plan even where a generic family answered the shared requests first).
  if (depth === 'sweep') {
    for (const family of candidates) if (servesPort(family.fingerprint, port)) ask(family, needed);
    const likely = unsent(plan, needed, observed);
    if (likely.length > 0) return likely;
    const exclusionStage = exclusionRequests(plan, candidates, port, observed, ask);
    if (exclusionStage.length > 0) return exclusionStage;
    candidates = candidates.filter((family) => !ruledOutInSweep(family, observed, port));
  }
  for (const family of candidates) ask(family, needed);
  return unsent(plan, needed, observed);
}

const excludableHere = (family: CompiledFamily, port: number): boolean => family.sweepRuledOutBy !== undefined && !servesPort(family.fingerprint, port);

/**
 * The unsent requests of the sweep exclusions of families still to be asked about, so they are read before
 * those families' own requests go out; none when they would cost at least as many requests as they could
 * save (one document to rule out one request is no gain).
 */
function exclusionRequests(
  plan: PortPlan,
  candidates: readonly CompiledFamily[],
  port: number,
  observed: ReadonlyMap<string, ObservedResponse>,
  ask: (family: CompiledFamily, into: Set<string>) => void,
): readonly ProbeRequest[] {
  const exclusionKeys = new Set<string>();
  const spared = new Set<string>();
  for (const family of candidates) {
    if (!excludableHere(family, port)) continue;
    const wanted = new Set<string>();
    ask(family, wanted);
    const sparedBefore = spared.size;
    for (const key of wanted) if (!observed.has(key) && plan.position.has(key)) spared.add(key);
    if (spared.size === sparedBefore) continue;
    for (const exclusion of family.sweepRuledOutBy ?? []) for (const key of exclusion.keys) exclusionKeys.add(key);
  }
  const cost = unsent(plan, exclusionKeys, observed);
  return cost.length < spared.size ? cost : [];
}

/** A sweep exclusion of the family holds on this port (never on a port the family lists). */
function ruledOutInSweep(family: CompiledFamily, observed: ReadonlyMap<string, ObservedResponse>, port: number): boolean {
  if (!excludableHere(family, port)) return false;
  return (family.sweepRuledOutBy ?? []).some((exclusion) => exclusion.all.every((matcher) => holds(matcher, observed)));
}

/** The requests of `wanted` not sent yet, in plan order. */
function unsent(plan: PortPlan, wanted: ReadonlySet<string>, observed: ReadonlyMap<string, ObservedResponse>): ProbeRequest[] {
  const positions: number[] = [];
  for (const key of wanted) {
    const position = plan.position.get(key);
    if (position !== undefined && !observed.has(key)) positions.push(position);
  }
  return positions.sort((a, b) => a - b).map((position) => plan.requests[position] as ProbeRequest);
}

/**
 * A sweep asks about a family when it gave no hints or one of its hints holds.
 * `hintResults` keeps each hint matcher's result for this target (0: not evaluated yet, 1: false, 2: true):
 * shared hints run once.
 */
function inSweep(family: CompiledFamily, observed: ReadonlyMap<string, ObservedResponse>, hintResults: Uint8Array): boolean {
  if (family.sweepHints === undefined) return true;
  // Plain loops: this runs for every family of every target, and callbacks cost more than the checks.
  for (const hint of family.sweepHints) {
    let all = true;
    for (const matcher of hint) {
      let result = hintResults[matcher.slot];
      if (result === 0) {
        result = holds(matcher, observed) ? 2 : 1;
        hintResults[matcher.slot] = result;
      }
      if (result !== 2) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}

/**
 * Families a sweep plan asks about on this port, given its answers: hints that hold (or no hints), less the
 * families a sweep exclusion ruled out.
 */
export function askedInSweep(catalog: readonly Fingerprint[], observed: ReadonlyMap<string, ObservedResponse>, port: number): string[] {
  return familiesInSweep(compiledCatalog(catalog), observed)
    .list.filter((family) => !ruledOutInSweep(family, observed, port))
    .map(({ fingerprint }) => fingerprint.id);
}

const [rootKey, modelsKey, canaryKey] = [...sharedFirstStage] as [string, string, string];

interface SweepFamilies {
  readonly list: readonly CompiledFamily[];
  readonly set: ReadonlySet<CompiledFamily>;
}

/**
 * Hints read only the shared first stage, so a target's sweep families are fixed once those answers
 * are in: kept per canary answer (and checked against the other two), not re-derived at every stage.
 */
function familiesInSweep(compiled: CompiledCatalog, observed: ReadonlyMap<string, ObservedResponse>): SweepFamilies {
  const canary = observed.get(canaryKey);
  const root = observed.get(rootKey);
  const models = observed.get(modelsKey);
  const known = canary === undefined ? undefined : sweepFamiliesByCanary.get(canary);
  if (known !== undefined && known.compiled === compiled && known.root === root && known.models === models) return known.families;
  const hintResults = new Uint8Array(compiled.hintSlots);
  const list = compiled.families.filter((family) => inSweep(family, observed, hintResults));
  const families = { list, set: new Set(list) };
  if (canary !== undefined) sweepFamiliesByCanary.set(canary, { compiled, root, models, families });
  return families;
}

const sweepFamiliesByCanary = new WeakMap<
  ObservedResponse,
  { compiled: CompiledCatalog; root: ObservedResponse | undefined; models: ObservedResponse | undefined; families: SweepFamilies }
>();

/**
 * False only when the signal can never fire whatever is sent next: an `all` matcher already failed
 * on a sent request, or every `any` matcher did. A sent request's answer is final (rule 6 for failures).
 */
function couldFire(signal: CompiledSignal, observed: ReadonlyMap<string, ObservedResponse>): boolean {
  const { all, any } = signal;
  if (all.length === 0 && any.length === 0) return false;
  const open = (matcher: CompiledMatcher): boolean =>
    matcher.key !== undefined && (!observed.has(matcher.key) || holds(matcher, observed));
  return all.every(open) && (any.length === 0 || any.some(open));
}

function fires(signal: CompiledSignal | undefined, observed: ReadonlyMap<string, ObservedResponse>): boolean {
  if (signal === undefined) return false;
  const { all, any } = signal;
  if (all.length === 0 && any.length === 0) return false;
  return all.every((matcher) => holds(matcher, observed)) && (any.length === 0 || any.some((matcher) => holds(matcher, observed)));
}

/** The first positive matcher of a fired signal names the response that proves it. */
function decisiveKey(signal: CompiledSignal, observed: ReadonlyMap<string, ObservedResponse>): string | undefined {
  return [...signal.any, ...signal.all].find((matcher) => !matcher.negated && holds(matcher, observed))?.key;
}

/** The version the first of the extractor's answers to state one states (`extract.version`). */
function extractVersion(family: CompiledFamily, observed: ReadonlyMap<string, ObservedResponse>): string | undefined {
  const extractor = family.version;
  if (extractor === undefined) return undefined;
  for (const key of extractor.keys) {
    const response = observed.get(key);
    const stated = response?.error === undefined ? response?.body.match(extractor.regex)?.[1] : undefined;
    const value = stated?.replace(NOT_VERSION_TEXT, ' ').trim();
    if (value === undefined || value === '') continue;
    return value.length <= MAX_VERSION_CHARS ? value : `${value.slice(0, MAX_VERSION_CHARS - 3)}...`;
  }
  return undefined;
}

/**
 * The names the first of the extractor's answers to list any lists (`NamesAt`: models, tools).
 * `count`: how many distinct names it listed.
 */
function extractNames(extractor: CompiledNamesAt | undefined, observed: ReadonlyMap<string, ObservedResponse>): { names: string[]; count: number } | undefined {
  if (extractor === undefined) return undefined;
  for (const key of extractor.keys) {
    const listed = namesListed(observed.get(key), extractor.path);
    if (listed !== undefined) return listed;
  }
  return undefined;
}

/**
 * The names an answer lists at `path`, distinct and in its order, each one clean line (`oneLine`) of
 * bounded length: names go into e-mails and terminals. Only a whole 2xx answer is read: a body the byte
 * cap cut is not JSON.
 */
function namesListed(response: ObservedResponse | undefined, path: readonly string[]): { names: string[]; count: number } | undefined {
  if (response?.status === undefined || response.status < 200 || response.status > 299 || response.truncated) return undefined;
  const stated = new Set<string>();
  for (const value of valuesAt(parsedJson(response.body), path)) if (typeof value === 'string' && value.trim() !== '') stated.add(value);
  // Only the names kept are cleaned: a list may hold thousands. A name with more than whitespace never cleans to nothing.
  const names = new Set<string>();
  for (const value of stated) {
    if (names.size === MAX_NAMES_LISTED) break;
    names.add(clip(oneLine(value), MAX_NAME_CHARS));
  }
  return names.size === 0 ? undefined : { names: [...names], count: stated.size };
}

const MAX_NAMES_LISTED = 20;
const MAX_NAME_CHARS = 128;

function listedNames(family: CompiledFamily, observed: ReadonlyMap<string, ObservedResponse>): Pick<Classification, 'models' | 'modelCount' | 'tools' | 'toolCount'> {
  const models = extractNames(family.models, observed);
  const tools = extractNames(family.tools, observed);
  return {
    ...(models === undefined ? {} : { models: models.names, modelCount: models.count }),
    ...(tools === undefined ? {} : { tools: tools.names, toolCount: tools.count }),
  };
}

/** The first `data:` line of an answer sent as Server-Sent Events (MCP over Streamable HTTP): one event, one line, in the SDKs. Linear: each line matches one way. */
const SSE_FIRST_EVENT_DATA = /^(?:[^\r\n]*\r?\n)*?data: ?([^\r\n]*)/;

function parsedJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    const data = SSE_FIRST_EVENT_DATA.exec(body)?.[1];
    if (data === undefined) return undefined;
    try {
      return JSON.parse(data);
    } catch {
      return undefined;
    }
  }
}

/** What `path` reaches in `value`: each key read from an object, "*" every element of an array. */
function valuesAt(value: unknown, path: readonly string[]): unknown[] {
  let reached = [value];
  for (const step of path) {
    reached = reached.flatMap((node): unknown[] => {
      if (step === '*') return Array.isArray(node) ? node : [];
      return typeof node === 'object' && node !== null && !Array.isArray(node) && Object.hasOwn(node, step) ? [(node as Record<string, unknown>)[step]] : [];
    });
  }
  return reached;
}

/**
 * A version is what a server says, stored for years and printed in e-mails and terminals: printable ASCII
 * (control characters could rewrite a terminal's screen), and as long as versions get, not a whole body.
 */
const NOT_VERSION_TEXT = /[^\x21-\x7e]+/g;
const MAX_VERSION_CHARS = 64;

/** A challenge's scheme as the signal names it: as long as schemes get (Basic, Bearer, Negotiate), not a header. */
const MAX_SCHEME_CHARS = 32;

/** Rule 5: a credential challenge from something no fingerprint identified. */
function unidentifiedChallenge(observed: ReadonlyMap<string, ObservedResponse>): string | undefined {
  for (const [key, response] of observed) {
    if (response.error !== undefined) continue;
    // gRPC's own code for "no valid credentials" (PERMISSION_DENIED is about a caller already known).
    if (response.kind === 'grpc' && response.headers['grpc-status'] === '16') return `credentials demanded by an unidentified service (${key} → UNAUTHENTICATED)`;
    if (response.kind !== 'http') continue;
    const challenge = response.headers['www-authenticate'];
    if (response.status === 401 || (challenge !== undefined && (response.status === 403 || response.status === 407))) {
      const scheme = challenge === undefined ? '' : `, WWW-Authenticate: ${challenge.split(/[\s,]/, 1)[0]?.slice(0, MAX_SCHEME_CHARS) ?? ''}`;
      return `credentials demanded by an unidentified service (${key} → ${response.status}${scheme})`;
    }
  }
  return undefined;
}

/** Rule 1's order: negative when `a` wins over `b`. */
const rankOrder = (a: CompiledFamily, b: CompiledFamily, port: number): number =>
  b.fingerprint.specificity - a.fingerprint.specificity ||
  Number(servesPort(b.fingerprint, port)) - Number(servesPort(a.fingerprint, port)) ||
  a.index - b.index;

const FIRST_STAGE = Symbol('first stage');

/**
 * Rule 1's winner, remembered between a target's planning steps (`nextRequests`) and its classification,
 * so each step evaluates only the families whose identify signal reads an answer that arrived since the
 * last one. Sound because the `observed` a memo is given only grows (answers are final, declined requests
 * included), and an identify signal can only start to fire, and only when a request it reads is answered
 * (rule 8). One memo per target and per protocol run; never shared. Without one, a fresh one is used.
 */
export class PlanMemo {
  private winner: CompiledFamily | undefined;
  /** Every family whose identify signal fired so far, the winner included. */
  private readonly identified = new Set<CompiledFamily>();
  private readonly evaluated = new Set<string>();
  /** The winner the latest stage was planned for; `FIRST_STAGE` until a stage after the first is planned. */
  private stageWinner: CompiledFamily | undefined | typeof FIRST_STAGE = FIRST_STAGE;

  /** Called by `nextRequests`: the stage it returns asks what could still outrank `winner`. */
  plannedFor(winner: CompiledFamily | undefined): void {
    this.stageWinner = winner;
  }

  /**
   * True once answers that arrived after the latest `nextRequests` identified a family ranked above the
   * winner its stage was planned for. The rest of that stage asks rivals of the old winner that may no
   * longer matter (once vLLM's `/version` answers, the other families of port 8000 need not be asked),
   * so the engine plans again instead of sending it: cheap, as only the new answers are evaluated.
   * Sending requests one by one costs no time, as a target's requests go one after another anyway.
   */
  stageOutdated(catalog: readonly Fingerprint[], observed: ReadonlyMap<string, ObservedResponse>, port: number): boolean {
    // The first stage is fixed (the shared requests, and in a full plan the port's own families'): sent whole.
    if (this.stageWinner === FIRST_STAGE) return false;
    return this.winnerOf(compiledCatalog(catalog), observed, port) !== this.stageWinner;
  }

  /** The identified family that ranks first. */
  winnerOf(compiled: CompiledCatalog, observed: ReadonlyMap<string, ObservedResponse>, port: number): CompiledFamily | undefined {
    let { winner } = this;
    for (const key of observed.keys()) {
      if (this.evaluated.has(key)) continue;
      this.evaluated.add(key);
      for (const family of compiled.identifyReaders.get(key) ?? []) {
        // An identified family stays identified (rule 8), and one that lost to the winner of its time loses to every later one.
        if (this.identified.has(family) || !fires(family.identify, observed)) continue;
        this.identified.add(family);
        if (winner === undefined || rankOrder(family, winner, port) < 0) winner = family;
      }
    }
    this.winner = winner;
    return winner;
  }

  /** The families identified beside the winner, in catalog order. */
  identifiedBeside(compiled: CompiledCatalog, winner: CompiledFamily): string[] {
    return compiled.families.filter((family) => family !== winner && this.identified.has(family)).map((family) => family.fingerprint.id);
  }
}

/** `memo`: the one the planning steps of these answers used, if any (`PlanMemo`). */
export function classify(catalog: readonly Fingerprint[], observed: ReadonlyMap<string, ObservedResponse>, port: number, memo?: PlanMemo): Classification {
  const compiled = compiledCatalog(catalog);
  const planMemo = memo ?? new PlanMemo();
  const winner = planMemo.winnerOf(compiled, observed, port);
  if (winner !== undefined) {
    const { fingerprint } = winner;
    const version = extractVersion(winner, observed);
    const alsoIdentified = planMemo.identifiedBeside(compiled, winner);
    const base = {
      fingerprint,
      ...(version !== undefined ? { version } : {}),
      ...listedNames(winner, observed),
      ...(alsoIdentified.length > 0 ? { alsoIdentified } : {}),
    };
    if (fires(winner.open, observed)) {
      return { ...base, verdict: 'unauthenticated', signals: [winner.identify.why, winner.open.why], ...keyOf(decisiveKey(winner.open, observed)) };
    }
    if (winner.authRequired !== undefined && fires(winner.authRequired, observed)) {
      return {
        ...base,
        verdict: 'auth-required',
        signals: [winner.identify.why, winner.authRequired.why],
        ...keyOf(decisiveKey(winner.authRequired, observed)),
      };
    }
    return {
      ...base,
      verdict: 'auth-required',
      signals: [winner.identify.why, `${fingerprint.name} answered but served nothing without credentials to these requests`],
      ...keyOf(decisiveKey(winner.identify, observed)),
    };
  }

  for (const { hostPolicy } of compiled.families) {
    if (hostPolicy !== undefined && fires(hostPolicy, observed)) {
      const key = decisiveKey(hostPolicy, observed);
      return {
        verdict: 'not-ai',
        signals: [`${hostPolicy.why} (a Host/Origin policy, not authentication)`],
        ...keyOf(key),
        ...(key !== undefined && observed.get(key)?.kind === 'http' ? { refusedHost: true as const } : {}),
      };
    }
  }

  const challenge = unidentifiedChallenge(observed);
  return { verdict: 'not-ai', signals: challenge === undefined ? [] : [challenge] };
}

/** The Host header a port refused by a Host policy is asked again with (rule 9): its loopback name, as a browser there sends it. */
export const loopbackHostOf = (port: number): string => `localhost:${port}`;

/**
 * The verdict of a port refused by a Host policy (`refused`, rule 4) once its plan was asked again naming `host` (rule 9):
 * what those answers identify, the refusal and the second asking first among its signals; rule 4's verdict when they
 * identify nothing, or when `again` is undefined: the target's time ran out before they were all in.
 */
export function afterLoopbackHost(refused: Classification, again: Classification | undefined, host: string): Classification {
  if (again === undefined || again.verdict === 'not-ai') {
    const outcome = again === undefined ? 'the target\'s time ran out before it answered' : 'it identified nothing there either';
    return { ...refused, signals: [...refused.signals, `asked again naming Host: ${host}, ${outcome}`] };
  }
  return {
    ...again,
    signals: [...refused.signals, `asked again naming Host: ${host}, as any client may (a browser on the server's own host does), it answered:`, ...again.signals],
  };
}

/** A request that ends what an answer started (`Fingerprint.endsWhatItStarts`), its id put into the path. */
export interface VisitEnd {
  readonly method: StartedPerVisit['end']['method'];
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * What these answers started on the server and how to end each, for the families they identify: one end per id
 * found, an id fit to send back (visible ASCII, bounded) and escaped into the path. Identified, not winning: what
 * a family's answer started is there whichever family the verdict names.
 */
export function visitEnds(catalog: readonly Fingerprint[], observed: ReadonlyMap<string, ObservedResponse>): VisitEnd[] {
  const ends: VisitEnd[] = [];
  for (const family of compiledCatalog(catalog).startingPerVisit) {
    if (!fires(family.identify, observed)) continue;
    for (const started of family.startedPerVisit) {
      const answer = started.key === undefined ? undefined : observed.get(started.key);
      const id = answer === undefined || answer.error !== undefined ? undefined : started.id.exec(answer.body)?.[1];
      if (id === undefined || !fitToSendBack(id)) continue;
      ends.push({ method: started.end.method, path: started.end.path.replaceAll('{id}', encodeURIComponent(id)), headers: started.end.headers ?? {} });
    }
  }
  return ends;
}

const keyOf = (key: string | undefined): { decisiveRequestKey?: string } => (key === undefined ? {} : { decisiveRequestKey: key });
