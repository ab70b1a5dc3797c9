/** The benchmark fleet as data, shared by the prober side (scripts/bench.ts) and the server side (fleet-server.ts). */
import type { ProbeInput } from '../../lambdas/probe/prober.js';
import type { Fixture } from '../../test/support/fixture-format.js';

/** What a loopback listener does with a connection. */
export type ListenerKind =
  /** Replays a recorded fixture over HTTP. */
  | 'http'
  /** The same over TLS with a self-signed certificate. */
  | 'https'
  /** Replays a fixture's raw TCP answers (Redis). */
  | 'tcp'
  /** Replays a fixture's gRPC answers over cleartext HTTP/2 (a gRPC-only port). */
  | 'grpc'
  /** Accepts and never says a word. */
  | 'silent';

export interface ListenerSpec {
  /** 127.0.0.0/8 only. */
  readonly host: string;
  readonly kind: ListenerKind;
  /** Index into the fixture list (unused for 'silent'). */
  readonly fixture?: number;
  /** Delay before every HTTP response (a slow or loaded service). */
  readonly delayMs?: number;
}

/** Parent → child. */
export interface FleetRequest {
  readonly fixtures: readonly Fixture[];
  readonly listeners: readonly ListenerSpec[];
  readonly certificate: { readonly key: string; readonly cert: string };
}

/** Child → parent: the port of each listener, in request order. */
export interface FleetReady {
  readonly ports: readonly number[];
}

/** Child → parent, on request ("stats"): what the fleet served and the CPU it spent doing so. */
export interface FleetStats {
  readonly requests: number;
  readonly connections: number;
  readonly cpuMs?: number;
}

/** Parent → prober child: the targets and the address map entries that lead them to the fleet. */
export interface ProberRequest {
  readonly targets: readonly ProbeInput[];
  readonly plan: 'full' | 'sweep';
  /**
   * Probe the targets as probe Lambda invocations do (`probeStage`): each batch's targets read from a scan
   * workspace in the store at `endpoint` and its results written back, `concurrency` batches at a time.
   */
  readonly invocations?: {
    readonly endpoint: string;
    readonly region: string;
    readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
    readonly tableName: string;
    readonly scanId: string;
    readonly batchIds: readonly string[];
    readonly concurrency: number;
  };
  readonly addressMap: readonly (readonly [string, { readonly connectHost: string; readonly connectPort: number }])[];
  /**
   * How many times to probe the targets in the one process (default 1). Passes after the first run code
   * the first compiled and optimized, as a Lambda container's later invocations do.
   */
  readonly passes?: number;
  /** The prober's cap on targets in flight (`--max-concurrency`, else `defaultBudgets.maxConcurrentTargets`). */
  readonly maxConcurrentTargets: number;
}

/** One pass over the targets: a verdict per target, in order, and what the pass took. */
export interface PassReport {
  readonly results: readonly { readonly verdict: string; readonly family: string | null; readonly why: string }[];
  readonly wallMs: number;
  readonly cpuUserMs: number;
  readonly cpuSystemMs: number;
  /** With `invocations`: each batch's wall time, in order. */
  readonly batchWallMs?: readonly number[];
  /** With `invocations` one at a time: each batch's CPU time (the process's, store calls included), in order. */
  readonly batchCpuMs?: readonly number[];
  /** With `invocations`: each batch's wall time in its two store calls (reading its targets, writing its results), in order. */
  readonly batchStoreMs?: readonly { readonly read: number; readonly write: number }[];
  /** With `invocations`: how long each batch's last tenth of results came after the first nine tenths, in order. */
  readonly batchTailMs?: readonly number[];
}

/** Prober child → parent: the first pass (a fresh process, as a cold Lambda container) and, with `passes`, the last. */
export interface ProberReport extends PassReport {
  /** The process's peak RSS by the end of the first pass. */
  readonly peakRssMb: number;
  readonly warm?: PassReport;
}
