import { openApiDocument } from './common.js';
import type { Fingerprint } from './types.js';

/** A runnable's generated route in the OpenAPI paths, mounted at a path or at the root. */
const route = (name: string): RegExp => new RegExp(`"(?:/[^"]*)?/${name}"\\s*:\\s*\\{`);

/**
 * The invoke operation declares a security requirement: a FastAPI security dependency (API key
 * header, bearer…) guards the runnables. The lazy scan stops at the next path's operation, so a
 * requirement on another route does not count.
 */
const invokeSecured = /"(?:\/[^"]*)?\/invoke"\s*:\s*\{\s*"post"\s*:\s*\{(?:(?!"\/[^"]*"\s*:\s*\{\s*"(?:get|post|put|patch|delete)")[\s\S])*?"security"\s*:\s*\[\s*\{/;

export const langserve: Fingerprint = {
  id: 'langserve',
  name: 'LangServe',
  category: 'agent-builder',
  defaultPorts: [8000],
  specificity: 100,
  requests: [openApiDocument],
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
    why: 'the runnables are documented and callable without credentials (LangServe adds no auth, and no security dependency guards /invoke)',
    all: [
      { on: 'openapi', status: [200] },
      { on: 'openapi', bodyRegex: invokeSecured, not: true },
    ],
  },
  authRequired: {
    why: 'the OpenAPI document shows a security requirement on the runnables\' /invoke (an app or add_routes auth dependency)',
    // LangServe has no auth of its own; its docs guard the routes with FastAPI dependencies, which
    // FastAPI still documents in the (unguarded) /openapi.json while refusing the routes themselves.
    all: [
      { on: 'openapi', status: [200] },
      { on: 'openapi', bodyRegex: invokeSecured },
    ],
  },
  severityWhenOpen: 'high',
  remediation: 'Add an auth dependency to add_routes (or a gateway) and remove the internet rule for the port.',
  references: [
    'https://python.langchain.com/docs/langserve/',
    'https://github.com/langchain-ai/langserve/blob/main/README.md',
    'https://github.com/langchain-ai/langserve/tree/main/examples/auth',
  ],
  verifiedAgainst: ['LangServe 0.3.3'],
};
