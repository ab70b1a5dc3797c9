import { canaryAnsweredBy, notFoundCanary, openApiDocument } from './common.js';
import type { Fingerprint } from './types.js';

/** A runnable's generated route in the OpenAPI paths, mounted at a path or at the root. */
const route = (name: string): RegExp => new RegExp(`"(?:/[^"]*)?/${name}"\\s*:\\s*\\{`);

/** The runnable's invoke operation, up to the next path's operation (a lazy scan that stops there). */
const invokeOperation = String.raw`"(?:\/[^"]*)?\/invoke"\s*:\s*\{\s*"post"\s*:\s*\{(?:(?!"\/[^"]*"\s*:\s*\{\s*"(?:get|post|put|patch|delete)")[\s\S])*?`;
/** /invoke declares a security requirement: a FastAPI security dependency (APIKeyHeader, HTTPBearer…). */
const invokeSecured = new RegExp(`${invokeOperation}"security"\\s*:\\s*\\[\\s*\\{`);
/** /invoke requires a header parameter: a plain Header() dependency (LangServe's path-dependencies example). */
const invokeNeedsHeader = new RegExp(`${invokeOperation}"in"\\s*:\\s*"header"\\s*,\\s*"required"\\s*:\\s*true`);

export const langserve: Fingerprint = {
  id: 'langserve',
  name: 'LangServe',
  category: 'agent-builder',
  defaultPorts: [8000],
  specificity: 100,
  requests: [openApiDocument, notFoundCanary],
  identify: {
    why: 'LangServe: the OpenAPI document has its generated /invoke, /batch and /stream_log routes',
    // add_routes() generates this trio for every runnable; a plain FastAPI app has no /stream_log.
    all: [
      { on: 'openapi', bodyRegex: route('invoke') },
      { on: 'openapi', bodyRegex: route('batch') },
      { on: 'openapi', bodyRegex: route('stream_log') },
    ],
  },
  open: {
    why: 'the runnables are documented and callable without credentials (LangServe adds no auth, and no dependency on /invoke asks for one)',
    all: [
      { on: 'openapi', status: [200] },
      { on: 'openapi', bodyRegex: invokeSecured, not: true },
      { on: 'openapi', bodyRegex: invokeNeedsHeader, not: true },
    ],
  },
  authRequired: {
    why: 'the OpenAPI document shows /invoke guarded by an auth dependency (a security requirement or a required header)',
    // LangServe has no auth of its own; its examples guard the routes with FastAPI dependencies (app-wide
    // or passed to add_routes), which FastAPI documents in the still unguarded /openapi.json while
    // refusing the routes themselves.
    all: [{ on: 'openapi', status: [200] }],
    any: [
      { on: 'openapi', bodyRegex: invokeSecured },
      { on: 'openapi', bodyRegex: invokeNeedsHeader },
    ],
  },
  // A LangServe app is a FastAPI app: unknown paths get FastAPI's JSON 404 (auth dependencies guard routes,
  // not the 404), whatever ASGI server runs it.
  sweepHints: [canaryAnsweredBy.starlette],
  severityWhenOpen: 'high',
  remediation: 'Add an auth dependency to add_routes (or a gateway) and remove the internet rule for the port.',
  references: [
    'https://python.langchain.com/docs/langserve/',
    'https://github.com/langchain-ai/langserve/blob/main/README.md',
    'https://github.com/langchain-ai/langserve/tree/main/examples/auth',
  ],
  verifiedAgainst: ['LangServe 0.3.3'],
};
