import { canaryAnsweredBy, canaryNotServed, notFoundCanary, openApiDocumentListsNone } from './common.js';
import type { Fingerprint } from './types.js';

/** OIP v2 server metadata: an object with "name", "version" and an "extensions" array. */
const serverMetadata = /^\s*\{(?=[\s\S]*"name"\s*:\s*")(?=[\s\S]*"version"\s*:\s*")(?=[\s\S]*"extensions"\s*:\s*\[)/;

/** KServe ModelServer, MLServer and other Open Inference Protocol v2 servers that are not Triton. */
export const openInferenceProtocol: Fingerprint = {
  id: 'open-inference-protocol',
  name: 'Open Inference Protocol v2 server (KServe, MLServer)',
  category: 'model-server',
  defaultPorts: [8080],
  specificity: 25,
  requests: [{ id: 'metadata', method: 'GET', path: '/v2' }, notFoundCanary],
  // KServe ModelServer and MLServer are FastAPI apps: FastAPI's JSON 404 on the canary.
  sweepHints: [canaryAnsweredBy.starlette],
  // KServe (protocol/rest/v2_endpoints.py, a /v2 router included into the app) and MLServer (rest/app.py, APIRoutes of
  // the app) are the FastAPI app serving the document, with their /v2 routes in it.
  sweepRuledOutBy: [openApiDocumentListsNone('/v2')],
  identify: {
    why: 'GET /v2 answers with Open Inference Protocol v2 server metadata (name, version, extensions)',
    // All three keys of the OIP metadata object, and the canary rules out a catch-all JSON server.
    all: [{ on: 'metadata', status: [200] }, { on: 'metadata', bodyRegex: serverMetadata }, canaryNotServed],
  },
  open: {
    why: 'GET /v2 answers without credentials; the inference endpoints of this server have no auth of their own',
    all: [{ on: 'metadata', status: [200] }],
  },
  noAuthReason: 'KServe ModelServer and MLServer have no authentication of their own (left to Istio/Knative or a gateway, which hides the service).',
  extract: { version: { on: 'metadata', regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation: 'Serve the model only behind an authenticating gateway or service mesh policy, and remove the internet rule for the port.',
  references: [
    'https://github.com/kserve/open-inference-protocol/blob/main/specification/protocol/inference_rest.md',
    'https://kserve.github.io/website/latest/modelserving/data_plane/v2_protocol/',
    'https://mlserver.readthedocs.io/en/latest/',
  ],
  verifiedAgainst: ['MLServer 1.7.1', 'KServe 0.21.0'],
};
