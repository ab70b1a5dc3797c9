/** The benchmark fleet as data, shared by the prober side (scripts/bench.ts) and the server side (fleet-server.ts). */
import type { Fixture } from '../../test/support/fixture-format.js';

/** What a loopback listener does with a connection. */
export type ListenerKind =
  /** Replays a recorded fixture over HTTP. */
  | 'http'
  /** The same over TLS with a self-signed certificate. */
  | 'https'
  /** Replays a fixture's raw TCP answers (Redis). */
  | 'tcp'
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
