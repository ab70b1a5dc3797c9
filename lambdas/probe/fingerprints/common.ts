/**
 * Shared request and matcher for precision: a path no product serves. A catch-all server that
 * answers 200 to every path answers this one too, so fingerprints whose own answers are plain JSON
 * require it to be anything but 200. The path names the monitor, so an operator reading access logs
 * knows who asked.
 */
import type { GrpcProbeRequest, HttpProbeRequest, Matcher, SweepExclusion, SweepHint } from './types.js';

export const notFoundCanary: HttpProbeRequest = { id: 'canary', method: 'GET', path: '/ai-exposure-monitor-canary-404' };

export const canaryNotServed: Matcher = { on: notFoundCanary.id, status: [200], not: true };

/**
 * The canary is neither answered 200 nor refused for credentials: rules out catch-all servers and
 * gates that refuse every path, so a 401 on a product-specific path can identify the product.
 */
export const canaryNotGated: Matcher = { on: notFoundCanary.id, status: [200, 401, 403, 407], not: true };

/** Shared requests: identical requests of different families are sent once per port. */
export const rootPage: HttpProbeRequest = { id: 'root', method: 'GET', path: '/' };
export const openAiModels: HttpProbeRequest = { id: 'models', method: 'GET', path: '/v1/models' };
/** Where an OpenAI-compatible `GET /v1/models` names its models (`extract.models`). */
export const openAiModelIds: readonly string[] = ['data', '*', 'id'];
export const openApiDocument: HttpProbeRequest = { id: 'openapi', method: 'GET', path: '/openapi.json' };
export const plainVersion: HttpProbeRequest = { id: 'version', method: 'GET', path: '/version' };
export const apiVersion: HttpProbeRequest = { id: 'apiVersion', method: 'GET', path: '/api/version' };
export const apiConfig: HttpProbeRequest = { id: 'config', method: 'GET', path: '/api/config' };
export const serverInfo: HttpProbeRequest = { id: 'info', method: 'GET', path: '/info' };
export const apiV1Version: HttpProbeRequest = { id: 'v1version', method: 'GET', path: '/api/v1/version' };
/** Jupyter's REST API root, which Jupyter Server and the Kernel and Enterprise Gateways all answer (each with its own extras). */
export const jupyterApiRoot: HttpProbeRequest = { id: 'api', method: 'GET', path: '/api' };

/**
 * An OpenAPI document (`openApiDocument`) whose info names the product as its title, as FastAPI writes it ("openapi", then
 * "info" with the title first): `document` identifies it; `version` reads the version that follows the title, where the app
 * gives no description between them.
 */
export function openApiTitled(title: string): { readonly document: RegExp; readonly version: RegExp } {
  const quoted = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return {
    document: new RegExp(String.raw`^\s*\{\s*"openapi"\s*:\s*"[^"]*"\s*,\s*"info"\s*:\s*\{\s*"title"\s*:\s*"${quoted}"`),
    version: new RegExp(String.raw`"info"\s*:\s*\{\s*"title"\s*:\s*"${quoted}"\s*,\s*"version"\s*:\s*"([^"]+)"`),
  };
}

/**
 * `prefix`, then each of `later` somewhere after it: what `/prefix[\s\S]*later/` says, in time linear in the body.
 * That pattern searches on from every occurrence of the prefix, so a hostile body repeating it costs the square of
 * its length (seconds at the 128 KiB body cap). The first occurrence has the most text after it, so it alone decides;
 * the lookahead and back-reference take the text up to it once, without backtracking into it.
 */
export function prefixThenLater(prefix: RegExp, ...later: readonly RegExp[]): RegExp {
  if (later.some((pattern) => pattern.flags !== prefix.flags)) throw new Error(`prefixThenLater: ${String(prefix)} and what follows it must share their flags`);
  const after = later.map((pattern) => String.raw`(?=[\s\S]*(?:${pattern.source}))`).join('');
  return new RegExp(String.raw`^(?=([\s\S]*?(?:${prefix.source})))\1${after}`, prefix.flags);
}

/** The OpenAI model-list shape on `openAiModels`: `{"object":"list","data":[…]}` in any key order. */
export const openAiModelList = /^\s*\{(?=[\s\S]*"object"\s*:\s*"list")(?=[\s\S]*"data"\s*:\s*\[)/;

/**
 * Sweep hints (`Fingerprint.sweepHints`) shared by families built on the same server: how that server
 * answers the canary, whatever product runs on it. A family lists the ones its product is served by.
 */
export const canaryAnsweredBy = {
  /** FastAPI/Starlette's JSON 404. */
  starlette: { on: notFoundCanary.id, bodyContains: '{"detail":"Not Found"}' },
  uvicorn: { on: notFoundCanary.id, header: 'server', contains: 'uvicorn' },
  /** Go's net/http 404 (Ollama, Milvus, Kubeflow…). */
  goNetHttp: { on: notFoundCanary.id, bodyContains: '404 page not found' },
  /** Rust servers (axum, actix) and others answer unknown paths with an empty 404. */
  emptyNotFound: [
    { on: notFoundCanary.id, status: [404] },
    { on: notFoundCanary.id, bodyRegex: /^\s*$/ },
  ],
  tornado: { on: notFoundCanary.id, header: 'server', contains: 'TornadoServer' },
  aiohttp: { on: notFoundCanary.id, header: 'server', contains: 'aiohttp' },
  werkzeug: { on: notFoundCanary.id, header: 'server', contains: 'Werkzeug' },
  /** Express's default 404 page. */
  express: { on: notFoundCanary.id, bodyContains: 'Cannot GET /' },
  /** A single-page app: the UI shell answers every path with 200. */
  appShell: [
    { on: notFoundCanary.id, status: [200] },
    { on: notFoundCanary.id, header: 'content-type', contains: 'text/html' },
  ],
} as const satisfies Record<string, SweepHint>;

/** A FastAPI/Starlette app with no route at /: the root page and the canary both get its JSON 404. */
export const starletteWithoutRootPage: SweepHint = [canaryAnsweredBy.starlette, { on: rootPage.id, status: [404] }, { on: rootPage.id, bodyContains: '{"detail":"Not Found"}' }];

/**
 * A sweep exclusion (`Fingerprint.sweepRuledOutBy`): the port serves an OpenAPI 3 document at /openapi.json,
 * whole, with paths, and none of them starts with any of `pathPrefixes`. Sound for products that are the app
 * serving that document and list their API in it (FastAPI's default, utoipa), since that app is then
 * something else. A document cut by the byte cap, escaped slashes, an empty path list or no document at all
 * rule nothing out.
 */
export function openApiDocumentListsNone(...pathPrefixes: readonly string[]): SweepExclusion {
  const on = openApiDocument.id;
  return {
    requests: [openApiDocument],
    all: [
      { on, status: [200] },
      { on, whole: true },
      { on, bodyRegex: /^\s*\{\s*"openapi"\s*:\s*"3\./ },
      { on, bodyRegex: /"paths"\s*:\s*\{\s*"\// },
      ...pathPrefixes.map((prefix): Matcher => ({ on, bodyContains: `"${prefix}`, not: true })),
    ],
  };
}

/**
 * The Open Inference Protocol's gRPC messages the catalog reads (`inference.GRPCInferenceService`, KServe's
 * grpc_predict_v2.proto, which Triton, MLServer and KServe serve), as protobuf.js JSON descriptors.
 */
const inferenceGrpcSchema = {
  nested: {
    inference: {
      nested: {
        ServerMetadataResponse: {
          fields: { name: { type: 'string', id: 1 }, version: { type: 'string', id: 2 }, extensions: { rule: 'repeated', type: 'string', id: 3 } },
        },
        RepositoryIndexResponse: {
          fields: { models: { rule: 'repeated', type: 'ModelIndex', id: 1 } },
          nested: {
            ModelIndex: { fields: { name: { type: 'string', id: 1 }, version: { type: 'string', id: 2 }, state: { type: 'string', id: 3 }, reason: { type: 'string', id: 4 } } },
          },
        },
      },
    },
  },
};

/** OIP gRPC server metadata (name, version, extensions): the gRPC twin of `GET /v2`. */
export const inferenceGrpcMetadata: GrpcProbeRequest = {
  id: 'grpc-metadata',
  kind: 'grpc',
  method: '/inference.GRPCInferenceService/ServerMetadata',
  reply: { type: 'inference.ServerMetadataResponse', schema: inferenceGrpcSchema },
};

/** OIP gRPC model repository index: the models the server holds, read-only (loading and unloading are other methods). */
export const inferenceGrpcRepositoryIndex: GrpcProbeRequest = {
  id: 'grpc-repository-index',
  kind: 'grpc',
  method: '/inference.GRPCInferenceService/RepositoryIndex',
  reply: { type: 'inference.RepositoryIndexResponse', schema: inferenceGrpcSchema },
};

/** Where the repository index names its models. */
export const inferenceGrpcModelNames: readonly string[] = ['models', '*', 'name'];

/** A gRPC call succeeded (status 0, OK). */
export const grpcOk = (on: string): Matcher => ({ on, header: 'grpc-status', regex: /^0$/ });

/**
 * A method no server has: a gRPC server answers UNIMPLEMENTED (12), which tells a real service from one that
 * answers every method alike.
 */
export const grpcCanary: GrpcProbeRequest = {
  id: 'grpc-canary',
  kind: 'grpc',
  method: '/ai_exposure_monitor.Canary/NotFound',
  reply: { type: 'Empty', schema: { nested: { Empty: { fields: {} } } } },
};

export const grpcCanaryUnimplemented: Matcher = { on: grpcCanary.id, header: 'grpc-status', regex: /^12$/ };

/**
 * TorchServe's two gRPC services (management.proto and inference.proto in its frontend jar), as protobuf.js JSON
 * descriptors. Both answer with one string field holding the same JSON text as the HTTP API's body.
 */
export const torchServeGrpcSchema = {
  nested: {
    org: {
      nested: {
        pytorch: {
          nested: {
            serve: {
              nested: {
                grpc: {
                  nested: {
                    management: { nested: { ManagementResponse: { fields: { msg: { type: 'string', id: 1 } } } } },
                    inference: { nested: { TorchServeHealthResponse: { fields: { health: { type: 'string', id: 1 } } } } },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

/**
 * TorchServe's token authorization (on by default since 0.11) refuses a gRPC call without the key as
 * PERMISSION_DENIED (7), with the same text on both services (0.12.0).
 */
export const torchServeGrpcTokenRefusal = /^Token Authorization failed\. Token either incorrect, expired, or not provided correctly$/;

export const torchServeGrpcTokenRefused = (on: string): Matcher[] => [
  { on, header: 'grpc-status', regex: /^7$/ },
  { on, header: 'grpc-message', regex: torchServeGrpcTokenRefusal },
];

export const torchServeGrpcReferences: readonly string[] = [
  'https://pytorch.org/serve/grpc_api.html',
  'https://pytorch.org/serve/token_authorization_api.html',
  'https://pytorch.org/serve/configuration.html',
];
