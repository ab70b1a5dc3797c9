/**
 * Pure diff of one scan against the stored state. These rules are product
 * decisions: they decide what pages an on-call engineer and what an auditor
 * reads months later.
 *
 * Exposures (verdict `unauthenticated` or `auth-required`)
 * 1. not exposed → exposed: `opened`. Severity: the result's for
 *    `unauthenticated` ('high' when the fingerprint gave none), 'low' for
 *    `auth-required`. firstSeen = this scan.
 * 2. `unauthenticated` ↔ `auth-required`: `auth-changed`. Severity: the result's
 *    when it became open, 'info' when it now demands credentials.
 * 3. Same verdict, a different service id (both known): `service-changed`,
 *    with the severity an `opened` of the new state would have. When both the
 *    service and the verdict change, `service-changed` wins: a different product
 *    answers, which is the bigger news. firstSeen is kept: the port has exposed
 *    an AI service all along.
 *    Unless the answers still identify the old service too (`result.alsoIdentifiedAs`):
 *    then the same server is named more precisely (a named OpenAI-compatible server
 *    where the generic family was named before, typically once the catalog learns
 *    the product), which is not a different service; likewise when the answers
 *    behind the stored name identified the new one too (the snapshot's
 *    `alsoIdentifiedAs`: named less precisely, as when the request that named the
 *    product failed this time). A verdict change is then `auth-changed`. Otherwise a
 *    more precise name is news only when it is worse (a higher severity:
 *    `service-changed`, saying so), and else, as in rule 4, the state records it
 *    with no history entry and no alert; a less precise one is never news, and the
 *    state keeps the stored, better-informed name (so a failed request and the next
 *    scan's full answer do not page twice).
 * 4. Same verdict and service, only the version (or the fingerprint's severity)
 *    differs: no change is written to history (ExposureChange has no kind for
 *    it and it is not alert-worthy); the current state records the new version,
 *    so the next change's before/after shows it.
 * 5. exposed → `closed` / `not-ai` (definite answers): `resolved`, severity
 *    'info', carrying firstSeen so "exposed for how long" is answerable.
 * 6. exposed → `unreachable` / `error`, a `partial` result whose verdict is not
 *    an exposure, or no result at all for a listed target (its probe batch
 *    never reported): inconclusive. The exposure stays; consecutiveMisses
 *    counts up, and only the MISSES_BEFORE_RESOLVE-th consecutive inconclusive
 *    scan resolves it ("unreachable in 2 consecutive scans"), because one
 *    timeout must not page "resolved" for an exposure that is still there.
 *    A partial result with an exposure verdict is conclusive: the service did
 *    answer.
 *    A sweep's answer naming another family (or none) that did not ask about the
 *    exposed service's family (`result.askedInSweep`) is no answer about it
 *    either: the exposure stays as it was, misses not counted, until a full scan
 *    confirms, changes or resolves it (a product behind a path-routing proxy is
 *    found only by full scans, and must not be resolved or replaced between them).
 * 7. A stored target absent from this scan's targets is looked at only when
 *    its scope is in the scan with ok: true. If the resource is still listed
 *    (other targets of it are in the scan, or the inventory's `resources`
 *    names it) → `resolved` ("no longer reachable from the internet
 *    (security group / listener changed)", or what closes a function URL or an
 *    API Gateway stage), else `resource-gone`;
 *    both severity 'info', and the stored state is deleted. Scope missing or
 *    ok: false → untouched, never resolved (a failed API call is not a fix);
 *    likewise a target whose resource type the ok scope names as `unlisted`
 *    (that part of its listing failed: function URLs, say).
 *    Non-exposed stored targets that vanish are deleted quietly (no history).
 * 8. Non-exposed → non-exposed: no history; the state is rewritten only when
 *    the verdict or the target's inventory facts changed (saves a write per
 *    target per scan).
 *
 * Assets (never alerts, history only)
 * 9. New asset → `asset-added`; facts differ → `asset-changed` (with the old
 *    facts); stored asset absent from an ok scope → `asset-removed` and the
 *    state is deleted. Failed or missing scopes leave their assets untouched,
 *    as do ok scopes whose listing of that asset kind failed (`unlisted`).
 *
 * Acceptance of exposures
 * 10. Accepted exposures (`acceptance.ts`): rules 1–8 decide the change;
 *    acceptance only decides who hears of it. While the exposed state is
 *    covered by an acceptance in force, the state records it and a change to
 *    that state carries it (history, not the pager); a change that ends an
 *    accepted exposure carries the acceptance it had. An open exposure that
 *    becomes accepted with no other change gets an `accepted` entry (severity
 *    'info'), so auditors see when and why; one whose acceptance lapsed or was
 *    withdrawn while it stayed open gets `acceptance-ended`, with the severity
 *    an `opened` would have: it is news again. A change to a state no
 *    acceptance covers (another service; no authentication where only a gated
 *    one was accepted) is paged like any other. Once per acceptance, a scan in
 *    the week before its last day (`ACCEPTANCE_NOTICE_DAYS`) that sees the
 *    exposure still open and no other change pages `acceptance-ending` (severity
 *    'low'), so it can be renewed or closed before it pages as an exposure; an
 *    acceptance written with a last day already that near is not announced.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  bySeverity,
  isExposure,
  resourceKeyOf as listedResourceKey,
  sameServerNamed,
  scopeKey,
  type Acceptance,
  type AiAsset,
  type AssetChange,
  type ExposureChange,
  type ExposureSnapshot,
  type ProbeResult,
  type ProbeTarget,
  type ScopeInventory,
  type Severity,
} from '../shared/model.js';
import { daysLeft, endsSoon, holdsAt, type AcceptanceLookup } from './acceptance.js';

/** Inconclusive scans in a row after which a known exposure counts as resolved. */
export const MISSES_BEFORE_RESOLVE = 2;

/** Severity of an `unauthenticated` result whose fingerprint gave none. */
const UNAUTHENTICATED_FALLBACK_SEVERITY: Severity = 'high';

/** What the store keeps per target between scans. */
export interface TargetState {
  readonly target: ProbeTarget;
  readonly snapshot: ExposureSnapshot;
  /** When the current exposure was first seen; absent while not exposed. */
  readonly firstSeen?: string;
  /** The last scan that saw the target's current verdict. */
  readonly lastSeen: string;
  readonly consecutiveMisses: number;
  /** The acceptance that covers the current exposure (rule 10); absent while none does or not exposed. */
  readonly accepted?: Acceptance;
  /** The last day of the acceptance whose coming end was paged (`acceptance-ending`): one notice per acceptance. */
  readonly acceptanceEndNoticed?: string;
}

/** What the store keeps per AI asset between scans. */
export interface AssetState {
  readonly asset: AiAsset;
  readonly firstSeen: string;
}

export interface ScanMoment {
  readonly scanId: string;
  /** ISO-8601 time of the scan. */
  readonly at: string;
}

/** What this scan says about one target. */
export type TargetObservation =
  | { readonly kind: 'probed'; readonly target: ProbeTarget; readonly result: ProbeResult }
  /** Listed by the inventory, but its probe batch never reported. */
  | { readonly kind: 'not-probed'; readonly target: ProbeTarget }
  /** Stored, in a successfully listed scope, but no longer a target. */
  | { readonly kind: 'left-inventory'; readonly resourceStillListed: boolean };

/** What to do with one stored item: keep as is, write a new state, or delete it. */
export type StateWrite<S> = { readonly kind: 'none' } | { readonly kind: 'put'; readonly state: S } | { readonly kind: 'delete' };

export interface Decision<S, C> {
  readonly write: StateWrite<S>;
  readonly change?: C;
}

/** A scan's inventory and results, indexed for the per-target rules. */
export interface ScanIndex {
  readonly okScopes: ReadonlySet<string>;
  /** `unlistedKey` of every resource type and asset kind an ok scope could not list (rules 7 and 9). */
  readonly unlisted: ReadonlySet<string>;
  readonly targets: ReadonlyMap<string, ProbeTarget>;
  readonly results: ReadonlyMap<string, ProbeResult>;
  /** resourceKeyOf() of every resource that still has targets, or that the inventory listed, in this scan. */
  readonly resources: ReadonlySet<string>;
  readonly assets: ReadonlyMap<string, AiAsset>;
}

const resourceKeyOf = (t: Pick<ProbeTarget, 'accountId' | 'region' | 'resourceType' | 'resourceId'>): string =>
  `${scopeKey(t)}/${listedResourceKey(t)}`;
const targetScopeKey = (t: Pick<ProbeTarget, 'accountId' | 'region'>): string => scopeKey(t);
/** Targets and assets apart: `sagemaker-endpoint` names an asset kind and a resource type. */
const unlistedKey = (scope: Pick<ProbeTarget, 'accountId' | 'region'>, of: 'target' | 'asset', kind: string): string => `${scopeKey(scope)}/${of}:${kind}`;

export function indexScan(scopes: readonly ScopeInventory[], results: readonly ProbeResult[]): ScanIndex {
  const okScopes = new Set<string>();
  const unlisted = new Set<string>();
  const targets = new Map<string, ProbeTarget>();
  const resources = new Set<string>();
  const assets = new Map<string, AiAsset>();
  for (const inventory of scopes) {
    if (!inventory.ok) continue;
    okScopes.add(scopeKey(inventory.scope));
    for (const part of inventory.unlisted ?? []) {
      for (const type of part.resourceTypes) unlisted.add(unlistedKey(inventory.scope, 'target', type));
      for (const kind of part.assetKinds) unlisted.add(unlistedKey(inventory.scope, 'asset', kind));
    }
    for (const target of inventory.targets) {
      targets.set(target.targetId, target);
      resources.add(resourceKeyOf(target));
    }
    for (const asset of inventory.assets) assets.set(asset.assetId, asset);
    for (const listed of inventory.resources ?? []) resources.add(`${scopeKey(inventory.scope)}/${listed}`);
  }
  // Results for targets outside an ok scope cannot be trusted to belong to this inventory.
  const resultsByTarget = new Map(results.filter((r) => targets.has(r.targetId)).map((r) => [r.targetId, r] as const));
  return { okScopes, unlisted, targets, results: resultsByTarget, resources, assets };
}

/** What the scan says about a target; undefined when the scan must leave it untouched (rule 7). */
export function observeTarget(index: ScanIndex, targetId: string, stored: TargetState | undefined): TargetObservation | undefined {
  const target = index.targets.get(targetId);
  if (target) {
    const result = index.results.get(targetId);
    return result ? { kind: 'probed', target, result } : { kind: 'not-probed', target };
  }
  if (stored && index.okScopes.has(targetScopeKey(stored.target)) && !index.unlisted.has(unlistedKey(stored.target, 'target', stored.target.resourceType))) {
    return { kind: 'left-inventory', resourceStillListed: index.resources.has(resourceKeyOf(stored.target)) };
  }
  return undefined;
}

const snapshotOf = (result: ProbeResult): ExposureSnapshot => ({
  verdict: result.verdict,
  ...(result.service && { service: result.service }),
  ...(result.severity && { severity: result.severity }),
  ...(result.version && { version: result.version }),
  ...(result.service && result.alsoIdentifiedAs && { alsoIdentifiedAs: result.alsoIdentifiedAs }),
});

/** A sweep's answer about another family, or none, that never asked about the stored exposure's family (rule 6). */
function notAskedAbout(stored: TargetState, result: ProbeResult): boolean {
  const family = stored.snapshot.service?.id;
  if (family === undefined || result.askedInSweep === undefined || result.service?.id === family) return false;
  return !result.askedInSweep.includes(family);
}

const isInconclusive = (result: ProbeResult): boolean =>
  !isExposure(result.verdict) && (result.partial === true || result.verdict === 'unreachable' || result.verdict === 'error');

/** What took a still-listed resource off the internet, by its type, for a `resolved` change's `why`. */
const WHAT_CLOSED_IT: Partial<Record<ProbeTarget['resourceType'], string>> = {
  'lambda-function': 'function URL removed, or it demands IAM signatures now',
  'apigateway-rest-api': 'the API was made private or its execute-api endpoint disabled',
  'apigateway-http-api': 'its execute-api endpoint was disabled',
  'opensearch-domain': 'the domain has no public endpoint now',
  'cloudfront-distribution': 'the distribution was disabled, or fronts only S3 now',
  'agentcore-gateway': 'the gateway demands IAM signatures now, or is not serving',
};
const WHAT_CLOSED_IT_DEFAULT = 'security group / listener changed';

/** None is below every severity. */
const worseThan = (severity: Severity | undefined, than: Severity | undefined): boolean =>
  severity !== undefined && (than === undefined || bySeverity(severity, than) < 0);

/** The severity an exposure in this state is announced with (rules 1, 3 and 10). */
const exposureSeverity = (state: Pick<ProbeResult, 'verdict' | 'severity'>): Severity =>
  state.verdict === 'unauthenticated' ? (state.severity ?? UNAUTHENTICATED_FALLBACK_SEVERITY) : 'low';

const serviceName = (result: ProbeResult): string => result.service?.name ?? 'an AI service';

/** The change that ends an exposure: resolved or resource gone, always 'info', keeping when it began. */
function endOfExposure(
  stored: TargetState,
  scan: ScanMoment,
  end: { kind: 'resolved' | 'resource-gone'; target: ProbeTarget; why: string; after?: ExposureSnapshot; result?: ProbeResult },
): ExposureChange {
  return {
    kind: end.kind,
    scanId: scan.scanId,
    at: scan.at,
    target: end.target,
    before: stored.snapshot,
    ...(end.after && { after: end.after }),
    ...(end.result && { result: end.result }),
    ...(stored.firstSeen && { firstSeen: stored.firstSeen }),
    severity: 'info',
    why: end.why,
  };
}

/** A probed target no longer exposed: the new state and the change that says so. */
function resolvedOnProbe(
  stored: TargetState,
  scan: ScanMoment,
  target: ProbeTarget,
  after: ExposureSnapshot,
  result: ProbeResult | undefined,
  why: string,
): Decision<TargetState, ExposureChange> {
  const change = endOfExposure(stored, scan, { kind: 'resolved', target, after, why, ...(result && { result }) });
  return { write: { kind: 'put', state: { target, snapshot: after, lastSeen: scan.at, consecutiveMisses: 0 } }, change };
}

const noAcceptance: AcceptanceLookup = () => undefined;

/** Rules 1–8 and 10 for one target; `accepting` says which acceptance covers an exposed state (none: no rules given). */
export function diffTarget(
  stored: TargetState | undefined,
  observation: TargetObservation,
  scan: ScanMoment,
  accepting: AcceptanceLookup = noAcceptance,
): Decision<TargetState, ExposureChange> {
  const result = observation.kind === 'probed' ? observation.result : undefined;
  return withAcceptance(stored, diffExposure(stored, observation, scan), accepting, scan, result);
}

/** Rules 1–8. */
function diffExposure(
  stored: TargetState | undefined,
  observation: TargetObservation,
  scan: ScanMoment,
): Decision<TargetState, ExposureChange> {
  const wasExposed = stored !== undefined && isExposure(stored.snapshot.verdict);

  if (observation.kind === 'left-inventory') {
    if (!stored) return { write: { kind: 'none' } };
    if (!wasExposed) return { write: { kind: 'delete' } };
    const change = endOfExposure(stored, scan, {
      kind: observation.resourceStillListed ? 'resolved' : 'resource-gone',
      target: stored.target,
      why: observation.resourceStillListed ? `no longer reachable from the internet (${WHAT_CLOSED_IT[stored.target.resourceType] ?? WHAT_CLOSED_IT_DEFAULT})` : 'the resource no longer exists',
    });
    return { write: { kind: 'delete' }, change };
  }

  const { target } = observation;
  const result = observation.kind === 'probed' ? observation.result : undefined;

  if (!result || isInconclusive(result)) {
    if (!wasExposed) {
      if (!result) return { write: { kind: 'none' } };
      return unexposedWrite(stored, target, result, scan);
    }
    const misses = stored.consecutiveMisses + 1;
    if (misses < MISSES_BEFORE_RESOLVE) {
      return { write: { kind: 'put', state: { ...stored, target, consecutiveMisses: misses } } };
    }
    const after: ExposureSnapshot = result ? snapshotOf(result) : { verdict: 'error' };
    return resolvedOnProbe(stored, scan, target, after, result, missWhy(result));
  }

  if (wasExposed && notAskedAbout(stored, result)) return { write: { kind: 'put', state: { ...stored, target } } };
  const after = snapshotOf(result);
  if (!isExposure(result.verdict)) {
    if (!wasExposed) return unexposedWrite(stored, target, result, scan);
    const why = result.verdict === 'closed' ? 'the port is closed now' : 'no AI service answers on the port any more';
    return resolvedOnProbe(stored, scan, target, after, result, why);
  }

  const common = {
    scanId: scan.scanId,
    at: scan.at,
    target,
    after,
    result,
    ...(result.remediation && { remediation: result.remediation }),
  };
  if (!wasExposed) {
    const state: TargetState = { target, snapshot: after, firstSeen: scan.at, lastSeen: scan.at, consecutiveMisses: 0 };
    const change: ExposureChange = {
      ...common,
      kind: 'opened',
      ...(stored && { before: stored.snapshot }),
      firstSeen: scan.at,
      severity: exposureSeverity(result),
      why:
        result.verdict === 'unauthenticated'
          ? `${serviceName(result)} answered without credentials`
          : `${serviceName(result)} answered from the internet and demanded credentials`,
    };
    return { write: { kind: 'put', state }, change };
  }

  const firstSeen = stored.firstSeen ?? scan.at;
  const state: TargetState = { target, snapshot: after, firstSeen, lastSeen: scan.at, consecutiveMisses: 0 };
  const before = stored.snapshot;
  const withHistory = { ...common, before, firstSeen };
  const renamed = before.service && result.service && before.service.id !== result.service.id ? { from: before.service, to: result.service } : undefined;
  const sameServer = sameServerNamed(before, result);
  // Named less precisely, nothing else changed (the request that named it failed this time): the better-informed
  // stored name stays, so the next scan that names it again is no news either.
  if (sameServer === 'less precisely' && before.verdict === result.verdict) return { write: { kind: 'put', state: { ...state, snapshot: before } } };
  if (renamed && (sameServer === undefined || (before.verdict === result.verdict && worseThan(after.severity, before.severity)))) {
    const change: ExposureChange = {
      ...withHistory,
      kind: 'service-changed',
      severity: exposureSeverity(result),
      why:
        sameServer === undefined
          ? `${renamed.to.name} answers now, ${renamed.from.name} did before`
          : `the ${renamed.from.name} named before, now named ${sameServer} as ${renamed.to.name} (its answers identify both), and worse`,
    };
    return { write: { kind: 'put', state }, change };
  }
  if (before.verdict !== result.verdict) {
    const change: ExposureChange = {
      ...withHistory,
      kind: 'auth-changed',
      severity: result.verdict === 'unauthenticated' ? exposureSeverity(result) : 'info',
      why:
        result.verdict === 'unauthenticated'
          ? `${serviceName(result)} answers without credentials now; it demanded them before`
          : `${serviceName(result)} demands credentials now; it answered without them before`,
    };
    return { write: { kind: 'put', state }, change };
  }
  return { write: { kind: 'put', state } };
}

/** Rule 10: acceptance decides who hears of a change, never what changed. */
function withAcceptance(
  stored: TargetState | undefined,
  decision: Decision<TargetState, ExposureChange>,
  accepting: AcceptanceLookup,
  scan: ScanMoment,
  result: ProbeResult | undefined,
): Decision<TargetState, ExposureChange> {
  const had = stored && isExposure(stored.snapshot.verdict) ? stored.accepted : undefined;
  const { write, change } = decision;
  if (write.kind !== 'put' || !isExposure(write.state.snapshot.verdict)) {
    // The exposure ended (or never was one): the change that ends it carries the acceptance it had.
    return change && had ? { write, change: { ...change, accepted: had } } : decision;
  }
  const { accepted: _previous, acceptanceEndNoticed: _noticed, ...state } = write.state;
  const now = accepting(state.target, state.snapshot);
  const unchanged = now !== undefined && isDeepStrictEqual(now, had);
  // The last day whose coming end was announced, kept while the acceptance is unchanged. One first applied with its
  // last day already near counts as announced: its owners have just written that day.
  let noticed: string | undefined;
  if (unchanged) noticed = stored?.acceptanceEndNoticed === now.until ? now.until : undefined;
  else if (now && endsSoon(now.until, scan.at)) noticed = now.until;
  const put = (endNoticed: string | undefined) => ({
    kind: 'put' as const,
    state: { ...state, ...(now && { accepted: now }), ...(endNoticed !== undefined && { acceptanceEndNoticed: endNoticed }) },
  });
  if (change) return { write: put(noticed), change: now ? { ...change, accepted: now } : change };
  if (now && !unchanged) {
    return { write: put(noticed), change: acceptanceChange(stored, state, scan, result, { kind: 'accepted', severity: 'info', why: `accepted until ${now.until}: ${now.reason}`, accepted: now }) };
  }
  if (!now && had) {
    const how = holdsAt(had.until, scan.at) ? 'was withdrawn' : 'lapsed';
    const why = `still exposed, and its acceptance ${how} (it was accepted until ${had.until}: ${had.reason})`;
    return { write: put(undefined), change: acceptanceChange(stored, state, scan, result, { kind: 'acceptance-ended', severity: exposureSeverity(state.snapshot), why }) };
  }
  if (now && noticed === undefined && endsSoon(now.until, scan.at)) {
    const left = daysLeft(now.until, scan.at);
    const when = left === 0 ? 'today' : left === 1 ? 'tomorrow' : `in ${left} days`;
    const why = `still exposed, and its acceptance ends ${when}: its last day is ${now.until} (${now.reason})`;
    return { write: put(now.until), change: acceptanceChange(stored, state, scan, result, { kind: 'acceptance-ending', severity: 'low', why, acceptanceEnding: now }) };
  }
  return { write: put(noticed) };
}

function acceptanceChange(
  stored: TargetState | undefined,
  state: TargetState,
  scan: ScanMoment,
  result: ProbeResult | undefined,
  what: Pick<ExposureChange, 'kind' | 'severity' | 'why' | 'accepted' | 'acceptanceEnding'>,
): ExposureChange {
  return {
    ...what,
    scanId: scan.scanId,
    at: scan.at,
    target: state.target,
    ...(stored && { before: stored.snapshot }),
    after: state.snapshot,
    ...(result && { result }),
    ...(result?.remediation && { remediation: result.remediation }),
    ...(state.firstSeen && { firstSeen: state.firstSeen }),
  };
}

function missWhy(result: ProbeResult | undefined): string {
  if (result?.verdict === 'unreachable' && !result.partial) return `unreachable in ${MISSES_BEFORE_RESOLVE} consecutive scans`;
  const last = !result
    ? 'no probe result'
    : result.partial
      ? 'probe cut short by the scan deadline'
      : `probe error${result.evidence.reason ? `: ${result.evidence.reason}` : ''}`;
  return `no conclusive answer in ${MISSES_BEFORE_RESOLVE} consecutive scans (last: ${last})`;
}

/** Rule 8: a non-exposed target's state is rewritten only when something an auditor would see changed. */
function unexposedWrite(
  stored: TargetState | undefined,
  target: ProbeTarget,
  result: ProbeResult,
  scan: ScanMoment,
): Decision<TargetState, ExposureChange> {
  const snapshot = snapshotOf(result);
  if (stored && isDeepStrictEqual(stored.snapshot, snapshot) && isDeepStrictEqual(stored.target, target)) {
    return { write: { kind: 'none' } };
  }
  return { write: { kind: 'put', state: { target, snapshot, lastSeen: scan.at, consecutiveMisses: 0 } } };
}

/** What the scan says about one asset; undefined when it must stay untouched. */
export type AssetObservation = { readonly kind: 'listed'; readonly asset: AiAsset } | { readonly kind: 'not-listed' };

export function observeAsset(index: ScanIndex, assetId: string, stored: AssetState | undefined): AssetObservation | undefined {
  const asset = index.assets.get(assetId);
  if (asset) return { kind: 'listed', asset };
  if (stored && index.okScopes.has(scopeKey(stored.asset)) && !index.unlisted.has(unlistedKey(stored.asset, 'asset', stored.asset.kind))) return { kind: 'not-listed' };
  return undefined;
}

export function diffAsset(
  stored: AssetState | undefined,
  observation: AssetObservation,
  scan: ScanMoment,
): Decision<AssetState, AssetChange> {
  if (observation.kind === 'not-listed') {
    if (!stored) return { write: { kind: 'none' } };
    return { write: { kind: 'delete' }, change: { kind: 'asset-removed', scanId: scan.scanId, at: scan.at, asset: stored.asset } };
  }
  const { asset } = observation;
  if (!stored) {
    return {
      write: { kind: 'put', state: { asset, firstSeen: scan.at } },
      change: { kind: 'asset-added', scanId: scan.scanId, at: scan.at, asset },
    };
  }
  if (isDeepStrictEqual(stored.asset, asset)) return { write: { kind: 'none' } };
  const state: AssetState = { asset, firstSeen: stored.firstSeen };
  if (isDeepStrictEqual(stored.asset.facts, asset.facts)) return { write: { kind: 'put', state } };
  return {
    write: { kind: 'put', state },
    change: { kind: 'asset-changed', scanId: scan.scanId, at: scan.at, asset, beforeFacts: stored.asset.facts },
  };
}
