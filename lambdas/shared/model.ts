/**
 * The domain model shared by every stage of the pipeline:
 * inventory → probe → state/diff → alert.
 *
 * These are plain data (JSON-serialisable) so they can cross Lambda and
 * Step Functions boundaries unchanged.
 */
import { isIP } from 'node:net';

/** One (account, region) pair that the inventory lists. */
export interface Scope {
  readonly accountId: string;
  readonly region: string;
}

export const scopeKey = (scope: Scope): string => `${scope.accountId}/${scope.region}`;

/** What kind of AWS resource a probe target belongs to. */
export type ResourceType =
  | 'ec2-instance'
  | 'network-interface'
  | 'ecs-task'
  | 'elbv2'
  | 'elb-classic'
  | 'nat-gateway'
  | 'sagemaker-endpoint'
  | 'lambda-function'
  | 'apigateway-rest-api'
  | 'apigateway-http-api'
  | 'opensearch-domain'
  | 'cloudfront-distribution'
  | 'agentcore-gateway';

/** One internet-reachable (address, port) on one of the user's own resources. */
export interface ProbeTarget {
  /** Stable id: account/region/resourceType/resourceId/address/port. See `targetIdOf`. */
  readonly targetId: string;
  readonly accountId: string;
  readonly region: string;
  readonly resourceType: ResourceType;
  /** The id a person can search for in the console: i-…, eni-…, the LB ARN's name, … */
  readonly resourceId: string;
  readonly resourceArn?: string;
  /** The resource's `Name` tag, if any. */
  readonly nameTag?: string;
  /** Public IPv4/IPv6 literal, or a DNS name (load balancers, function URLs, API Gateway, OpenSearch Service, CloudFront and AgentCore endpoints). */
  readonly address: string;
  readonly port: number;
  /**
   * Where the service is mounted on the address, e.g. an API Gateway stage's "/prod": every HTTP request
   * the prober sends goes under it. Path segments of visible ASCII only. @default the root
   */
  readonly basePath?: string;
  /** Why this is a target, e.g. "sg-0abc (web) tcp 11434 from 0.0.0.0/0" or "listener HTTP:80". */
  readonly reason: string;
  /** Extra facts for the alert/auditor: owning instance, security groups, listener protocol… */
  readonly context?: Readonly<Record<string, string>>;
  /** A load balancer listener that terminates TLS (HTTPS, TLS, SSL), a function URL or an API Gateway endpoint: the prober starts with a handshake. */
  readonly tlsExpected?: true;
  /**
   * Got no answer in the last scan (set by the inventory stage): likely to wait out a header timeout
   * again, so the prober starts it early, but lets such targets hold only part of its sockets.
   */
  readonly unansweredLastScan?: true;
}

/** `host:port` with IPv6 bracketed: how an address is shown, the address-map key and the default Host header. */
export const formatHostPort = (address: string, port: number): string => (isIP(address) === 6 ? `[${address}]:${port}` : `${address}:${port}`);

export const targetIdOf = (t: Pick<ProbeTarget, 'accountId' | 'region' | 'resourceType' | 'resourceId' | 'address' | 'port'>): string =>
  [t.accountId, t.region, t.resourceType, t.resourceId, t.address, String(t.port)].join('/');

/**
 * An AI component found by inventory that is not probed (e.g. a SageMaker
 * endpoint, whose runtime always demands IAM signatures). Changes go to
 * history for auditors, never to the pager.
 */
export interface AiAsset {
  /** Stable id: account/region/kind/name. */
  readonly assetId: string;
  readonly accountId: string;
  readonly region: string;
  readonly kind: 'sagemaker-endpoint';
  readonly name: string;
  readonly arn?: string;
  /** Flat, comparable facts: model names, container images with tags, instance types, status. */
  readonly facts: Readonly<Record<string, string>>;
}

/** `resourceType/resourceId`: how a listed resource is named in `ScopeInventory.resources`. */
export const resourceKeyOf = (t: Pick<ProbeTarget, 'resourceType' | 'resourceId'>): string => `${t.resourceType}/${t.resourceId}`;

/**
 * A part of a scope's inventory that could not be listed (its calls failed), while the rest was: the targets
 * and assets it would have named are unknown this scan, so the stored ones of its kinds stay as they are.
 */
export interface UnlistedPart {
  /** What was not listed, in words: "Lambda function URLs". */
  readonly what: string;
  readonly resourceTypes: readonly ResourceType[];
  readonly assetKinds: readonly AiAsset['kind'][];
  readonly error: string;
  /**
   * The service has no endpoint in this region (AgentCore is offered in some only): nothing to scan, so not
   * reported as not scanned; what is stored of its kinds is still left as it is, in case the name failed to
   * resolve for another reason.
   */
  readonly notOffered?: true;
}

/** The parts of a scope that a scan missed: its unlisted parts, but for services not offered in its region. */
export const partsMissed = <Part extends { readonly notOffered?: true }>(unlisted: readonly Part[] | undefined): Part[] =>
  (unlisted ?? []).filter((part) => part.notOffered !== true);

/** A scope that was listed but for some parts (an inventory, or its line in a report). */
export const listedInPart = (scope: { readonly ok: boolean; readonly unlisted?: readonly Pick<UnlistedPart, 'what' | 'notOffered'>[] }): boolean =>
  scope.ok && partsMissed(scope.unlisted).length > 0;

/** The result of inventorying one scope. `ok: false` means nothing may be resolved in it. */
export type ScopeInventory =
  | {
      readonly scope: Scope;
      readonly ok: true;
      readonly targets: readonly ProbeTarget[];
      readonly assets: readonly AiAsset[];
      /** The parts that could not be listed; nothing of their kinds may be resolved in the scope. @default none */
      readonly unlisted?: readonly UnlistedPart[];
      /**
       * `resourceKeyOf` of every resource listed that could own a target, with or without one now
       * (attached interfaces' owners, internet-facing load balancers). Tells a revoked rule
       * ("resolved") from a deleted resource ("resource-gone"); targets' own resources count too.
       */
      readonly resources?: readonly string[];
    }
  | { readonly scope: Scope; readonly ok: false; readonly error: string };

/** Probe verdicts, from worst to most benign. */
export const VERDICTS = ['unauthenticated', 'auth-required', 'not-ai', 'closed', 'unreachable', 'error'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Orders severities as `SEVERITIES` lists them, worst first: negative when `a` is worse than `b`. */
export const bySeverity = (a: Severity, b: Severity): number => SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b);

/** Which catalog family answered. */
export interface ServiceRef {
  readonly id: string;
  readonly name: string;
  readonly category: string;
}

/** Short, redacted proof of a verdict, safe to store for years and to put in an e-mail. */
export interface Evidence {
  /** e.g. "GET /api/tags → 200". One line per request that mattered. */
  readonly requests?: readonly string[];
  /** The `why` of the signals that fired, e.g. "Ollama banner on GET /". */
  readonly signals?: readonly string[];
  /**
   * The models the service named to anyone (its model list, or the one model it serves), as it named them but
   * for credential shapes (redacted), the first 20; `modelCount` how many it named. What an attacker could use or take.
   */
  readonly models?: readonly string[];
  readonly modelCount?: number;
  /** The tools the service lets anyone call (an MCP server's `tools/list`), kept as models are; `toolCount` how many it named. */
  readonly tools?: readonly string[];
  readonly toolCount?: number;
  /** A short redacted excerpt of the decisive response body/banner. */
  readonly excerpt?: string;
  readonly tls?: { readonly subject?: string; readonly issuer?: string; readonly validTo?: string; readonly selfSigned?: boolean; readonly authorized?: boolean; readonly error?: string };
  /** For verdict `error`/`unreachable`: what went wrong, in a few words. */
  readonly reason?: string;
}

/**
 * What the service listed to anyone, as labelled lines: `['models', 'a, b (and 3 more)']`, then the tools:
 * the names evidence keeps, and how many the service named in all. None for a service that listed none.
 */
export function namesListed(evidence: Evidence): (readonly [label: 'models' | 'tools', names: string])[] {
  const listed = (label: 'models' | 'tools', names: readonly string[] = [], count = names.length) =>
    names.length === 0 ? [] : [[label, `${names.join(', ')}${count > names.length ? ` (and ${count - names.length} more)` : ''}`] as const];
  return [...listed('models', evidence.models, evidence.modelCount), ...listed('tools', evidence.tools, evidence.toolCount)];
}

/** How long an exposure lasted, from its first sighting to the change that ended it ("2 d 3 h", "under a minute"); undefined if unknown. */
export function exposureDuration(fromIso: string | undefined, toIso: string): string | undefined {
  if (fromIso === undefined) return undefined;
  const ms = Date.parse(toIso) - Date.parse(fromIso);
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1_440);
  const hours = Math.floor((minutes % 1_440) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes % 60} min`;
  return minutes > 0 ? `${minutes} min` : 'under a minute';
}

/** A known vulnerability of the version a service revealed (from the pinned, cited data file). */
export interface KnownVulnerabilityRef {
  /** CVE or GHSA id. */
  readonly id: string;
  readonly alias?: string;
  readonly severity: Exclude<Severity, 'info'>;
  readonly summary: string;
  readonly reference: string;
  readonly fixedIn?: string;
}

/** The probe engine's answer for one target. */
export interface ProbeResult {
  readonly targetId: string;
  readonly address: string;
  readonly port: number;
  readonly verdict: Verdict;
  readonly service?: ServiceRef;
  /** Set for `unauthenticated` (from the fingerprint) and lower for `auth-required`. */
  readonly severity?: Severity;
  readonly version?: string;
  /** Known vulnerabilities of `version` (or of every version, where no fix exists). */
  readonly knownVulnerabilities?: readonly KnownVulnerabilityRef[];
  readonly remediation?: string;
  readonly tls: boolean;
  readonly evidence: Evidence;
  readonly probedAt: string;
  readonly durationMs: number;
  /** True when the scan deadline cut this probe short. */
  readonly partial?: boolean;
  /**
   * Set by a sweep plan (the scans between full ones): the fingerprint ids it asked about on this port.
   * It says nothing about the others, so it never ends or replaces an exposure of one of them (state
   * diff rule 6).
   */
  readonly askedInSweep?: readonly string[];
  /**
   * With a `service`: the other fingerprint ids these answers identify, ranked below it. The server speaks
   * their API too (a named OpenAI-compatible server is also `openai-compatible`), so a scan that names
   * `service` where an earlier one named one of these has found the same server, named more precisely
   * (state diff rule 3), e.g. once the catalog learns a product that read as a generic family before;
   * and one that names one of these later names it less precisely (a request that failed that time).
   */
  readonly alsoIdentifiedAs?: readonly string[];
}

/**
 * When a result names another service than `before` for what is the same server: 'more precisely' when its answers
 * still identify the service named before, 'less precisely' when the answers behind `before` identified this one too.
 * Undefined for the same name, no name, or another server.
 */
export function sameServerNamed(before: ExposureSnapshot | undefined, result: ProbeResult | undefined): 'more precisely' | 'less precisely' | undefined {
  const [was, is] = [before?.service?.id, result?.service?.id];
  if (was === undefined || is === undefined || was === is) return undefined;
  if (result?.alsoIdentifiedAs?.includes(was) === true) return 'more precisely';
  return before?.alsoIdentifiedAs?.includes(is) === true ? 'less precisely' : undefined;
}

/** A verdict is an exposure when an AI service answered from the internet. */
export const isExposure = (verdict: Verdict): boolean => verdict === 'unauthenticated' || verdict === 'auth-required';

/** What the state keeps of a verdict, to compare scans. */
export interface ExposureSnapshot {
  readonly verdict: Verdict;
  readonly service?: ServiceRef;
  readonly severity?: Severity;
  readonly version?: string;
  /** The result's `alsoIdentifiedAs`: a later scan that names one of these names the same server less precisely. */
  readonly alsoIdentifiedAs?: readonly string[];
}

export type ExposureChangeKind =
  | 'opened' // not exposed → exposed
  | 'auth-changed' // unauthenticated ↔ auth-required
  | 'service-changed' // a different AI service now answers
  | 'resolved' // exposed → not exposed (port closed, not AI any more, rule revoked, or unreachable per the miss rule)
  | 'resource-gone' // exposed target whose resource no longer exists in a successfully listed scope
  | 'accepted' // an open exposure its owners accepted (history only, never paged)
  | 'acceptance-ended' // an accepted exposure still open once its acceptance lapsed or was withdrawn
  | 'acceptance-ending'; // an accepted exposure whose acceptance ends within a week (paged once, to renew it or close it in time)

/** An exposure its owners mean to keep, from the monitor's `acceptedExposures`: recorded, not paged, until `until`. */
export interface Acceptance {
  /** Why it may stay open, as the owners wrote it (a ticket, an approval). */
  readonly reason: string;
  /** The last day (UTC, YYYY-MM-DD) the acceptance holds. */
  readonly until: string;
  /** The worst verdict accepted; `unauthenticated` covers `auth-required` too. */
  readonly accepts: 'auth-required' | 'unauthenticated';
}

/** One change in exposure: the unit of history and of alerts. */
export interface ExposureChange {
  readonly kind: ExposureChangeKind;
  readonly scanId: string;
  /** ISO-8601 time of the scan that saw the change. */
  readonly at: string;
  /** The target as last inventoried (account, region, resource, name tag, address, port, reason). */
  readonly target: ProbeTarget;
  readonly before?: ExposureSnapshot;
  readonly after?: ExposureSnapshot;
  /** The probe result that proves the new state (absent when the target left the inventory). */
  readonly result?: ProbeResult;
  /** When this exposure was first seen (for `resolved`/`resource-gone`: how long it lasted). */
  readonly firstSeen?: string;
  /** How bad the change is, for the subject line and for subscribers' filters. */
  readonly severity: Severity;
  /** One sentence on why, e.g. "security group rule removed" or "unreachable in 2 consecutive scans". */
  readonly why: string;
  /** One-line fix, from the fingerprint. */
  readonly remediation?: string;
  /** Set when the exposure is accepted: the change goes to history, not to the pager. */
  readonly accepted?: Acceptance;
  /** Set on `acceptance-ending` (which is paged): the acceptance about to end. */
  readonly acceptanceEnding?: Acceptance;
}

export type AssetChangeKind = 'asset-added' | 'asset-changed' | 'asset-removed';

/** A change to an inventoried AI asset: history for auditors, never paged. */
export interface AssetChange {
  readonly kind: AssetChangeKind;
  readonly scanId: string;
  readonly at: string;
  readonly asset: AiAsset;
  readonly beforeFacts?: Readonly<Record<string, string>>;
}

/** The outcome of reconciling one scan: what the alert and the CLI report. */
export interface ScanReport {
  readonly scanId: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly scopes: readonly {
    readonly scope: Scope;
    readonly ok: boolean;
    readonly error?: string;
    readonly targets: number;
    /** Of an ok scope, what could not be listed and why. @default none */
    readonly unlisted?: readonly Pick<UnlistedPart, 'what' | 'error'>[];
  }[];
  readonly changes: readonly ExposureChange[];
  readonly assetChanges: readonly AssetChange[];
  /** Every target currently exposed after this scan (for the CLI's "current exposures"). */
  readonly currentExposures: readonly {
    readonly target: ProbeTarget;
    readonly snapshot: ExposureSnapshot;
    readonly firstSeen: string;
    readonly lastSeen: string;
    readonly accepted?: Acceptance;
  }[];
}
