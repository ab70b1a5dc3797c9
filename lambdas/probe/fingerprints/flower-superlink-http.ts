import { canaryAnsweredBy, notFoundCanary, openApiDocument, openApiTitled } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * From flwr 1.37 the SuperLink serves its Control, Fleet and Runtime APIs as one FastAPI app (superlink/main.py), whose
 * OpenAPI document is titled "SuperLink API" with the Flower version and lists the Control API's routes first. It is
 * asked of FastAPI apps already, so identifying the SuperLink adds no request to them. Every Control route (the run and
 * node lists too) is a POST of a protobuf message, which the probe does not send: the document is all it reads, and
 * open-source Flower has no account authentication to refuse with.
 */
const superlinkDocument = openApiTitled('SuperLink API');

export const flowerSuperlinkHttp: Fingerprint = {
  id: 'flower-superlink-http',
  name: 'Flower SuperLink (Control API, HTTP)',
  category: 'ml-platform',
  defaultPorts: [8000],
  specificity: 100,
  requests: [openApiDocument, notFoundCanary],
  identify: {
    why: "Flower SuperLink 1.37+: GET /openapi.json is the \"SuperLink API\" document, listing the Control API's /v1/control/ routes",
    all: [
      { on: openApiDocument.id, status: [200] },
      { on: openApiDocument.id, bodyRegex: superlinkDocument.document },
      { on: openApiDocument.id, bodyContains: '"/v1/control/list-runs"' },
    ],
  },
  open: {
    why: "the Control API answers without credentials in open-source Flower (verified: POST /v1/control/list-runs lists the runs): anyone can list runs, nodes and federations and submit a Flower App Bundle (POST /v1/control/start-run, what `flwr run` sends), whose ServerApp code runs on the SuperLink and ClientApp code on every connected SuperNode",
    // Flower Enterprise's OIDC login (flwr.ee) would refuse the Control routes and still serve this document; open source cannot turn it on.
    all: [{ on: openApiDocument.id, status: [200] }],
  },
  noAuthReason:
    'open-source Flower has no account authentication: FLWR_OIDC_ENABLED=1 needs the enterprise flwr.ee package (1.42.0 exits "OIDC account authentication is unavailable in this Flower distribution"; POST /v1/control/get-login-details answers authn type "noop"), and its TLS (on unless --insecure) asks no client certificate, so over HTTPS the Control API answers anyone too',
  // FastAPI's JSON 404 on unknown paths; / is that 404 too.
  sweepHints: [canaryAnsweredBy.starlette],
  extract: { version: { on: openApiDocument.id, regex: superlinkDocument.version } },
  severityWhenOpen: 'critical',
  remediation:
    "Keep the SuperLink's HTTP API (--host/--port, 8000) off the internet: leave --host at its default 127.0.0.1 or a private address, or put it behind an authenticating proxy or VPN; serve it over TLS, use Flower Enterprise OIDC account authentication where others can reach it and --enable-supernode-auth for the Fleet API, and check `flwr ls` for runs you did not start.",
  references: [
    'https://flower.ai/docs/framework/ref-flower-network-communication.html',
    'https://flower.ai/docs/framework/ref-api-cli.html',
    'https://flower.ai/docs/framework/how-to-enable-tls-connections.html',
    'https://flower.ai/docs/framework/how-to-authenticate-accounts.html',
    'https://flower.ai/docs/framework/how-to-authenticate-supernodes.html',
  ],
  verifiedAgainst: ['Flower 1.42.0', 'Flower 1.37.0'],
};
