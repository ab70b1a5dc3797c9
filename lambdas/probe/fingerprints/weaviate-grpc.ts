import { grpcCanary, grpcCanaryUnimplemented, grpcOk } from './common.js';
import type { Fingerprint, GrpcProbeRequest } from './types.js';

/** The messages read here: the standard health protocol's list, and the start of Weaviate's search reply (never decoded: the call always fails, see below). */
const schema = {
  nested: {
    grpc: {
      nested: {
        health: {
          nested: {
            v1: {
              nested: {
                HealthListResponse: { fields: { statuses: { keyType: 'string', type: 'HealthCheckResponse', id: 1 } } },
                HealthCheckResponse: {
                  fields: { status: { type: 'ServingStatus', id: 1 } },
                  nested: { ServingStatus: { values: { UNKNOWN: 0, SERVING: 1, NOT_SERVING: 2, SERVICE_UNKNOWN: 3 } } },
                },
              },
            },
          },
        },
      },
    },
    weaviate: { nested: { v1: { nested: { SearchReply: { fields: { took: { type: 'float', id: 1 } } } } } } },
  },
};

/** Weaviate registers the health protocol for its own service name, outside its auth check. */
const healthList: GrpcProbeRequest = {
  id: 'grpc-health-list',
  kind: 'grpc',
  method: '/grpc.health.v1.Health/List',
  reply: { type: 'grpc.health.v1.HealthListResponse', schema },
};

/**
 * A read that checks the caller first: with no collection named, a caller that got past authentication and
 * authorization is told there is no such class ("could not find class  in schema"), one that did not is refused
 * ("extract auth: …"). (TenantsGet would say the same, but its "missing collection " ends in a space, which makes
 * the HTTP/2 field invalid and Node drops it.)
 */
const search: GrpcProbeRequest = {
  id: 'grpc-search',
  kind: 'grpc',
  method: '/weaviate.v1.Weaviate/Search',
  reply: { type: 'weaviate.v1.SearchReply', schema },
};

/** Weaviate's gRPC API (port 50051), which its v4 clients need beside the REST API: search, aggregate and batch writes. */
export const weaviateGrpc: Fingerprint = {
  id: 'weaviate-grpc',
  name: 'Weaviate (gRPC)',
  category: 'vector-db',
  defaultPorts: [50051],
  specificity: 100,
  requests: [healthList, search, grpcCanary],
  identify: {
    why: 'the gRPC health list names the "weaviate" service, and an unknown method is UNIMPLEMENTED',
    // The canary rules out a server that answers every method alike, whatever it says.
    all: [grpcOk(healthList.id), { on: healthList.id, bodyRegex: /^\{"statuses":\{(?:"[^"]*":\{"status":"[A-Z_]+"\},)*"weaviate":\{/ }, grpcCanaryUnimplemented],
  },
  open: {
    why: 'anonymous access is on: a caller without a key gets past the auth checks (Search fails only for the missing collection), so collections are readable and writable',
    all: [{ on: search.id, header: 'grpc-message', regex: /^could not find class .* in schema$/ }],
  },
  authRequired: {
    why: 'Weaviate API-key/OIDC auth is on: Search without a key is refused ("extract auth: …")',
    // UNKNOWN (2) for a missing API key in 1.35.2: only the auth errors of Weaviate's own types become UNAUTHENTICATED.
    all: [{ on: search.id, header: 'grpc-message', regex: /^extract auth: / }],
  },
  severityWhenOpen: 'high',
  remediation: 'Set AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=false with API keys or OIDC, and remove the internet rule for port 50051 (and 8080, the REST API beside it).',
  references: ['https://weaviate.io/developers/weaviate/configuration/authentication', 'https://weaviate.io/developers/weaviate/api/grpc'],
  verifiedAgainst: ['Weaviate 1.35.2'],
};
