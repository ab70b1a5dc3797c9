import { openApiDocument } from './common.js';
import type { Fingerprint } from './types.js';

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
      { on: 'openapi', bodyRegex: /"\/[^"]*\/invoke"\s*:/ },
      { on: 'openapi', bodyRegex: /"\/[^"]*\/batch"\s*:/ },
      { on: 'openapi', bodyRegex: /"\/[^"]*\/stream_log"\s*:/ },
    ],
  },
  open: {
    why: 'the runnables are documented and callable without credentials (LangServe adds no auth)',
    all: [{ on: 'openapi', status: [200] }],
  },
  noAuthReason: 'LangServe has no authentication of its own (per-app FastAPI dependencies or a gateway, which hide the service).',
  severityWhenOpen: 'high',
  remediation: 'Add an auth dependency to add_routes (or a gateway) and remove the internet rule for the port.',
  references: ['https://python.langchain.com/docs/langserve/', 'https://github.com/langchain-ai/langserve/blob/main/README.md'],
};
