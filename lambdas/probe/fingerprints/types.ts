/**
 * The shape of a fingerprint: one AI-service family as typed data.
 * The probe engine imports `catalog` (index.ts) and never names a service.
 */
import type { INamespace } from 'protobufjs/light.js';
import type { Severity } from '../../shared/model.js';

export type FingerprintCategory =
  | 'model-server'
  | 'gateway'
  | 'notebook'
  | 'vector-db'
  | 'ml-platform'
  | 'agent-builder'
  | 'mcp'
  | 'ui';

/** A harmless HTTP request. POST only for read-only handshakes (e.g. MCP `initialize`). */
export interface HttpProbeRequest {
  readonly id: string;
  readonly kind?: 'http';
  readonly method: 'GET' | 'HEAD' | 'POST';
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /**
   * For answers that stream and never end on their own (Server-Sent Events): the answer is complete
   * once its body contains any of these texts (an event ends with a blank line, written "\n\n" by
   * some servers and "\r\n\r\n" by others), and the connection is dropped instead of waiting for the end.
   */
  readonly readUntil?: readonly string[];
  /**
   * The answer may open a session on the server, named by this response header (MCP's `mcp-session-id`).
   * Once the target's requests are done, the engine ends each session it opened with a DELETE to the same
   * path carrying that header, as the protocol asks of a client that is done: a stateful server would
   * otherwise keep one for every scan.
   */
  readonly opensSession?: { readonly header: string };
  /**
   * A protocol's next read-only steps after this request (MCP: the `initialized` notification, then
   * `tools/list`), sent right after it on the same connection, each branch's requests when its `when` holds
   * on the answer (`on` names this request), each carrying the session the answer opened (`opensSession`).
   * Branches are for a protocol's revisions, whose answers tell them apart (MCP's stateless revision refuses
   * the handshake and is asked `server/discover` instead). Their answers are observations like any other,
   * read through their ids by `open` and `extract`; the planner never plans them.
   */
  readonly followUps?: readonly FollowUps[];
  /**
   * A 307 or 308 whose Location is this path with a slash added is followed once: the same request goes to that path
   * on the same connection, and its answer stands for this request's, the follow-ups and the session's end going there
   * too. That redirect is how a web app answers the path of an app it mounts (FastAPI and Starlette sending POST /mcp
   * to a FastMCP app mounted at /mcp); 307 and 308 keep the method and body, as any client following them does.
   */
  readonly followsSlashRedirect?: boolean;
}

/** One branch of `HttpProbeRequest.followUps`. */
export interface FollowUps {
  readonly when: readonly Matcher[];
  readonly requests: readonly FollowUpRequest[];
}

/** A follow-up is sent within the session of the request it follows: it opens none and has none of its own. */
export type FollowUpRequest = Omit<HttpProbeRequest, 'opensSession' | 'followUps' | 'followsSlashRedirect'>;

/** A raw TCP exchange for non-HTTP services (e.g. Redis `PING\r\n`). */
export interface TcpProbeRequest {
  readonly id: string;
  readonly kind: 'tcp';
  /**
   * Bytes to send, as a string (latin1). Empty: nothing is sent, and the reply is the greeting the server sends as soon as
   * it accepts the connection, waited for a second at most.
   */
  readonly send: string;
  /**
   * How a reply shows it is whole, so reading ends there rather than after a quiet period (the peer
   * keeps the connection open): each ends the reply where it matches the bytes read so far (latin1).
   */
  readonly replyEnds?: ReplyFraming;
}

export interface ReplyFraming {
  /** A reply complete where this matches, from the first byte, e.g. one CRLF-terminated line. */
  readonly line?: RegExp;
  /** A header giving the byte count that follows it (group 1), then `trailer`, e.g. RESP's `$<n>\r\n…\r\n`. */
  readonly lengthPrefixed?: { readonly header: RegExp; readonly trailer: string };
}

/**
 * A unary gRPC call over HTTP/2 with prior knowledge (gRPC-only ports, such as Triton's 8001, answer nothing
 * else): a read-only method whose request message is empty, so nothing but the method's name is ever sent.
 */
export interface GrpcProbeRequest {
  readonly id: string;
  readonly kind: 'grpc';
  /** `/package.Service/Method`, as gRPC puts it in `:path`. */
  readonly method: string;
  /**
   * The reply's message type, by its full name in `schema` (protobuf.js JSON descriptors, as `pbjs -t json`
   * writes them): the answer's body is that message decoded, as JSON, which matchers and extractors read
   * like any JSON body. Fields the schema does not name are skipped.
   */
  readonly reply: { readonly type: string; readonly schema: INamespace };
}

export type ProbeRequest = HttpProbeRequest | TcpProbeRequest | GrpcProbeRequest;

/** The protocol a request speaks. */
export type RequestKind = NonNullable<ProbeRequest['kind']>;

export const kindOf = (request: ProbeRequest): RequestKind => request.kind ?? 'http';

export const isHttpRequest = (request: ProbeRequest): request is HttpProbeRequest => kindOf(request) === 'http';

/** `on` names a request id of the same fingerprint. */
export type Matcher =
  | { readonly on: string; readonly status: readonly number[]; readonly not?: true }
  | { readonly on: string; readonly bodyContains: string; readonly not?: true }
  | { readonly on: string; readonly bodyRegex: RegExp; readonly not?: true }
  | { readonly on: string; readonly header: string; readonly contains?: string; readonly regex?: RegExp; readonly not?: true }
  /** The body arrived whole (the byte cap did not cut it), so what it lacks, the answer lacks. */
  | { readonly on: string; readonly whole: true; readonly not?: true };

/** A sweep hint: one matcher, or a list that holds when all of its matchers hold. */
export type SweepHint = Matcher | readonly Matcher[];

/**
 * A sweep exclusion (`Fingerprint.sweepRuledOutBy`): requests of its own and matchers on them (`on` names one
 * of these requests) that, all holding, show the product is not what answers on the port.
 */
export interface SweepExclusion {
  readonly requests: readonly HttpProbeRequest[];
  readonly all: readonly Matcher[];
}

/**
 * Names an answer lists, as a JSON path into it: object keys, and "*" for every element of an array. An
 * answer sent as Server-Sent Events is read from its first `data:` line.
 */
export interface NamesAt {
  readonly on: AnswerOf;
  readonly path: readonly string[];
}

/**
 * The request (id) whose answer an extractor reads, or several: the first of them whose answer yields a
 * value (a protocol's revisions, each asked its own way: MCP's `initialize` or `server/discover`).
 */
export type AnswerOf = string | readonly string[];

/** One thing an answer starts on the server (`Fingerprint.endsWhatItStarts`) and the request that ends it. */
export interface StartedPerVisit {
  /** The request whose answer names what it started. */
  readonly on: string;
  /** Group 1 is its id: visible ASCII only, as it is put into the path (escaped). */
  readonly id: RegExp;
  /** `{id}` in the path stands for the id. A request of its own, never planned; its answer is not an observation. */
  readonly end: { readonly method: 'POST' | 'DELETE'; readonly path: string; readonly headers?: Readonly<Record<string, string>> };
}

/** A named group of matchers. `why` becomes evidence when it fires. */
export interface Signal {
  readonly why: string;
  readonly all?: readonly Matcher[];
  readonly any?: readonly Matcher[];
}

export interface Fingerprint {
  /** Equals the module's file name (kebab-case); unique in the catalog. */
  readonly id: string;
  readonly name: string;
  readonly category: FingerprintCategory;
  readonly defaultPorts: readonly number[];
  /** Generic families low; the most specific identified family wins. */
  readonly specificity: 1 | 25 | 50 | 75 | 100;
  readonly requests: readonly ProbeRequest[];
  /** "This is the product." */
  readonly identify: Signal;
  /**
   * Served data or capability without credentials. Checked only when identified. The one signal that may
   * read follow-ups (`HttpProbeRequest.followUps`): what a client may do once the handshake answered.
   */
  readonly open: Signal;
  /** The service itself demanded credentials. Absent when the product has no auth switch (say why in `noAuthReason`). */
  readonly authRequired?: Signal;
  readonly noAuthReason?: string;
  /**
   * The product has no mode in which it serves data without credentials (e.g. an API key is mandatory
   * at start-up), so no `unauthenticated` fixture can exist; say why. `open` still guards against a
   * misconfiguration that serves data anyway.
   */
  readonly noOpenReason?: string;
  /**
   * The service refused the request because of the Host/Origin header it saw (a DNS-rebinding guard),
   * not because credentials were missing. Never read as authentication: on an HTTP answer, the port is asked
   * again naming `Host: localhost:<port>` and read by those answers (classify.ts rules 4 and 9).
   */
  readonly hostPolicy?: Signal;
  /**
   * Sweep plans only (the scheduled scans between full ones): answers to the requests every port gets
   * first (`GET /`, the canary, `GET /v1/models`) that make this family worth asking for on a port that
   * is not one of its default ports, typically the 404 page of the server the product is built on or
   * its UI shell. Any one hint holding is enough; a hint that is a list holds when all its matchers do.
   * Absent: the family is always asked. A product that answers only some paths behind a proxy is the
   * full plan's to find (see `PlanDepth` in classify.ts).
   */
  readonly sweepHints?: readonly SweepHint[];
  /**
   * Sweep plans only, on ports the family does not list: answers that rule the family out although one of
   * its hints held, typically the port's own OpenAPI document listing none of the product's paths
   * (`openApiDocumentListsNone` in common.ts). Any one holding is enough. A sweep sends their requests
   * before asking about such a family, in a stage of their own, when they could spare more requests than
   * they cost; they are not the family's requests (a full plan never sends them for it). Never for a
   * product that is mounted into other apps (MCP servers, Gradio): the parent's document does not list a
   * mounted app's paths.
   */
  readonly sweepRuledOutBy?: readonly SweepExclusion[];
  /**
   * What the family's answers start on the server for each visitor and keep until the visitor ends it: a Voilà page
   * starts a Python kernel at every visit, which only the page's script shuts down. When the family is identified,
   * the engine ends each one its requests started once they are done, as it ends MCP sessions
   * (`HttpProbeRequest.opensSession`): a client that runs no script, every scan, would otherwise leave one running.
   */
  readonly endsWhatItStarts?: readonly StartedPerVisit[];
  readonly extract?: {
    /** Group 1 of the regex is the value. */
    readonly version?: { readonly on: AnswerOf; readonly regex: RegExp };
    /**
     * Where the answer to `on`, read as JSON, names the models it serves: object keys, and "*" for every
     * element of an array (`['data', '*', 'id']` for an OpenAI model list). Parsed, not searched: list
     * entries carry other ids (vLLM's permission ids), and a cut body is not read.
     */
    readonly models?: NamesAt;
    /** Where an answer names the tools the service lets a client call (MCP's `tools/list`), read as `models` is. */
    readonly tools?: NamesAt;
  };
  readonly severityWhenOpen: Exclude<Severity, 'info'>;
  /** One line, straight into the alert. */
  readonly remediation: string;
  /** Vendor docs for the endpoint and the auth switch. */
  readonly references: readonly string[];
  readonly cpe?: string;
  /**
   * Real server builds whose recorded answers this fingerprint is proven against (fixtures with
   * source "recorded"), e.g. "Jupyter Server 1.23.3". Absent: fixtures derived from docs/source only.
   */
  readonly verifiedAgainst?: readonly string[];
  /**
   * Product versions whose source or docs the family's cited fixtures were transcribed from (fixtures
   * with `citations`), e.g. "Qdrant 1.15.5", for families no real server here can answer for.
   */
  readonly derivedFrom?: readonly string[];
}

/** What the engine observed for one distinct request on one target, handed to the pure classifier. */
export interface ObservedResponse {
  readonly kind: 'http' | 'tcp' | 'grpc';
  /** HTTP status (gRPC: the HTTP/2 `:status`); absent for tcp and for failed requests. */
  readonly status?: number;
  /** Lower-cased header names; repeated headers joined with ", ". gRPC: headers and trailers (`grpc-status`, `grpc-message`). */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Body (HTTP, after content decoding), banner (TCP), decoded as UTF-8 with replacement, capped; gRPC: the
   * reply message as JSON (`GrpcProbeRequest.reply`), '' when the call sent none.
   */
  readonly body: string;
  /** True when the byte cap cut the body. */
  readonly truncated: boolean;
  /** Set when the request failed (reset, timeout, parse error…); then status is absent. */
  readonly error?: string;
}
