import { grpcCanary, grpcCanaryUnimplemented } from './common.js';
import type { Fingerprint, GrpcProbeRequest } from './types.js';

/**
 * The one field read of the run list's reply: `string now = 2` of `ListRunsResponse` (flwr/proto/control.proto in
 * flwr 1.36.0, flwr/proto/exec.proto in 1.20.0, the same message in both). The runs themselves (`run_dict = 1`) are
 * skipped: the server's clock alone shows the list was served.
 */
const schema = { nested: { flwr: { nested: { proto: { nested: { ListRunsResponse: { fields: { now: { type: 'string', id: 2 } } } } } } } } };

/** `flwr ls`: the Control API's run list (flwr 1.21–1.36; its gRPC service is off by default from 1.37, gone in 1.43). */
const controlListRuns: GrpcProbeRequest = {
  id: 'grpc-control-list-runs',
  kind: 'grpc',
  method: '/flwr.proto.Control/ListRuns',
  reply: { type: 'flwr.proto.ListRunsResponse', schema },
};

/** The same call on the Exec API, as the Control API was named up to flwr 1.20. */
const execListRuns: GrpcProbeRequest = {
  id: 'grpc-exec-list-runs',
  kind: 'grpc',
  method: '/flwr.proto.Exec/ListRuns',
  reply: { type: 'flwr.proto.ListRunsResponse', schema },
};

/** The reply as decoded: the server's time, ISO 8601 with an offset ("2026-11-29T23:44:05.162380+00:00"). */
const runList = /^\{"now":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:[+-]\d\d:\d\d|Z)"\}$/;

/**
 * Flower's SuperLink Control API (port 9093), which `flwr run` submits Flower App Bundles (the user's Python code) to:
 * the SuperLink runs their ServerApp and the connected SuperNodes their ClientApps.
 */
export const flowerSuperlink: Fingerprint = {
  id: 'flower-superlink',
  name: 'Flower SuperLink (Control API, gRPC)',
  category: 'ml-platform',
  defaultPorts: [9093],
  specificity: 100,
  requests: [controlListRuns, execListRuns, grpcCanary],
  identify: {
    why: "gRPC ListRuns of Flower's Control (or older Exec) service answers the SuperLink's run list, and an unknown method is UNIMPLEMENTED",
    // The canary rules out a server that answers every method alike, whatever it says.
    all: [grpcCanaryUnimplemented],
    any: [{ on: controlListRuns.id, bodyRegex: runList }, { on: execListRuns.id, bodyRegex: runList }],
  },
  open: {
    why: 'the Control API answers without credentials: anyone can list runs and submit a Flower App Bundle, whose ServerApp code runs on the SuperLink and ClientApp code on every connected SuperNode',
    // A refused unary call sends no reply message, so a run list is an answered call.
    any: [{ on: controlListRuns.id, bodyRegex: runList }, { on: execListRuns.id, bodyRegex: runList }],
  },
  noAuthReason:
    "open-source Flower has no account authentication: OIDC login (FLWR_OIDC_ENABLED=1, before 1.21 --user-auth-config) needs the enterprise flwr.ee package (1.36.0 exits \"OIDC account authentication is unavailable in this Flower distribution\"), and TLS (on unless --insecure) asks no client certificate, so over TLS the Control API answers anyone too",
  severityWhenOpen: 'critical',
  remediation:
    'Never expose the Control API (9093) to the internet: bind --control-api-address to a private address or put it behind an authenticating proxy or VPN, use TLS, and use Flower Enterprise OIDC account authentication where anyone else can reach it.',
  references: [
    'https://flower.ai/docs/framework/1.23/en/ref-flower-network-communication.html',
    'https://flower.ai/docs/framework/how-to-enable-tls-connections.html',
    'https://flower.ai/docs/framework/how-to-authenticate-accounts.html',
    'https://flower.ai/docs/framework/ref-api-cli.html',
  ],
  verifiedAgainst: ['Flower 1.36.0', 'Flower 1.20.0'],
};
