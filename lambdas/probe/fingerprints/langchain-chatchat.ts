import { canaryAnsweredBy, notFoundCanary, openApiDocument, openApiDocumentListsNone, openApiTitled, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/** Its API server's OpenAPI document (FastAPI's), titled by the product, with its version; about 60 KB, so read whole. */
const chatchatDocument = openApiTitled('Langchain-Chatchat API Server');
/** Its knowledge bases (api_server/kb_routes.py), in its own envelope: code, msg, data. */
const knowledgeBases = { id: 'knowledgeBases', method: 'GET', path: '/knowledge_base/list_knowledge_bases' } as const;
const knowledgeBaseList = /^\s*\{\s*"code"\s*:\s*200\s*,\s*"msg"\s*:\s*"success"\s*,\s*"data"\s*:\s*\[/;

export const langchainChatchat: Fingerprint = {
  id: 'langchain-chatchat',
  name: 'Langchain-Chatchat API server',
  category: 'agent-builder',
  defaultPorts: [7861],
  specificity: 100,
  requests: [openApiDocument, knowledgeBases, rootPage, notFoundCanary],
  identify: {
    why: 'Langchain-Chatchat: GET /openapi.json is the "Langchain-Chatchat API Server" document, with its version',
    all: [
      { on: openApiDocument.id, status: [200] },
      { on: openApiDocument.id, bodyRegex: chatchatDocument.document },
    ],
  },
  open: {
    why: "its API answers anyone (GET /knowledge_base/list_knowledge_bases lists the knowledge bases), who can read, upload and delete the knowledge bases' documents, chat on its owner's model platforms, and call its agent tools directly (POST /tools/call), the shell tool among them, which runs commands on the host",
    all: [
      { on: knowledgeBases.id, status: [200] },
      { on: knowledgeBases.id, bodyRegex: knowledgeBaseList },
    ],
  },
  noAuthReason: "Langchain-Chatchat's API server has no authentication of its own, and its default settings bind it to 0.0.0.0.",
  // FastAPI's 404 beside a redirect of / to its API docs. A whole OpenAPI document listing none of its paths is another
  // FastAPI app doing the same.
  sweepHints: [[canaryAnsweredBy.starlette, { on: rootPage.id, status: [307] }, { on: rootPage.id, header: 'location', regex: /^\/docs$/ }]],
  sweepRuledOutBy: [openApiDocumentListsNone('/knowledge_base/', '/chat/', '/tools')],
  extract: { version: { on: openApiDocument.id, regex: chatchatDocument.version } },
  severityWhenOpen: 'critical',
  remediation:
    'Bind the API server to 127.0.0.1 (API_SERVER.host in basic_settings.yaml; its default is 0.0.0.0) and reach it, and the web UI, only through an authenticating proxy or a private network; remove the internet rule for port 7861, rotate the model platform keys in model_settings.yaml, and check the knowledge bases and the host for changes you did not make.',
  references: ['https://github.com/chatchat-space/Langchain-Chatchat/blob/master/README_en.md'],
  verifiedAgainst: ['Langchain-Chatchat 0.3.1.3'],
};
