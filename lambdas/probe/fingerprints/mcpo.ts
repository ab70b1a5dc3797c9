import { canaryAnsweredBy, notFoundCanary, openApiDocument } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * mcpo's OpenAPI document (main.py): each MCP tool a POST route whose handler is named `tool` (so FastAPI names the
 * operation `tool_<name>_post`) with its arguments in a `<name>_form_model` schema, and, for one server given on the
 * command line, the document titled with the MCP server's name and described as "<name> MCP Server".
 */
const toolRoutes = /^\s*\{(?=[\s\S]*"operationId"\s*:\s*"tool_[^"]*_post")(?=[\s\S]*(?:_form_model"|\sMCP Server"))/;
const namedAfterServer = /"info"\s*:\s*\{\s*"title"\s*:\s*"([^"\\]{1,200})"\s*,\s*"description"\s*:\s*"\1 MCP Server"/;
/** Several servers from a config file (--config): mounted under their names, listed in the main document's default description. */
const configMain = /"info"\s*:\s*\{\s*"title"\s*:\s*"[^"]*"\s*,\s*"description"\s*:\s*"Automatically generated API from MCP Tool Schemas/;
/** --api-key puts mcpo's HTTPBearer dependency on every tool route; the document names it on each one. */
const bearerOnTools = '"security":[{"HTTPBearer":[]}]';

export const mcpo: Fingerprint = {
  id: 'mcpo',
  name: 'mcpo (MCP-to-OpenAPI proxy)',
  category: 'mcp',
  defaultPorts: [8000],
  specificity: 100,
  requests: [openApiDocument, notFoundCanary],
  identify: {
    why: "mcpo: its OpenAPI document lists MCP tools as its tool_<name>_post routes, or is named after the MCP server, or is mcpo's config-file document",
    // With --strict-auth, every path answers 401 "Missing or invalid Authorization header" (utils/auth.py) and nothing
    // names mcpo: that reads as credentials demanded by an unidentified service.
    any: [
      { on: openApiDocument.id, bodyRegex: toolRoutes },
      { on: openApiDocument.id, bodyRegex: namedAfterServer },
      { on: openApiDocument.id, bodyRegex: configMain },
    ],
  },
  open: {
    why: 'the MCP tools are plain POST routes that answer without an API key: anyone can call them, with whatever the tools reach (files, shells, databases, APIs with their keys)',
    all: [
      { on: openApiDocument.id, status: [200] },
      { on: openApiDocument.id, whole: true },
      { on: openApiDocument.id, bodyRegex: toolRoutes },
      { on: openApiDocument.id, bodyContains: bearerOnTools, not: true },
    ],
  },
  authRequired: {
    why: 'mcpo was started with --api-key: every tool route wants it as a Bearer token',
    all: [{ on: openApiDocument.id, bodyContains: bearerOnTools }],
  },
  // mcpo is FastAPI: unknown paths get its JSON 404.
  sweepHints: [canaryAnsweredBy.starlette],
  severityWhenOpen: 'critical',
  remediation:
    'Start mcpo with --api-key (and --strict-auth to hide the tool list too), keep it on 127.0.0.1 or behind Open WebUI on a private network, and remove the internet rule for its port.',
  references: ['https://github.com/open-webui/mcpo', 'https://docs.openwebui.com/features/plugin/tools/openapi-servers/mcp/'],
  verifiedAgainst: ['mcpo 0.0.20'],
};
