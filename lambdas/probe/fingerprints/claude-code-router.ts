import { openAiModels, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/** 1.x: the root of its engine, @musistudio/llms (the engine's version, not the router's). */
const llmsRoot = /^\s*\{\s*"message"\s*:\s*"LLMs API"\s*,\s*"version"\s*:\s*"[^"]+"\s*\}\s*$/;
/**
 * 1.x: the engine's transformer list, behind the same APIKEY gate as GET /api/config (the whole config, provider keys
 * included), which is not asked: that shared path, planned earlier in the catalog's order, would reorder other families' sweeps.
 */
const transformers = { id: 'ccr-transformers', method: 'GET', path: '/api/transformers' } as const;
/** 3.x: the gateway's root names its core and the plugin. */
const gatewayRoot = /^\s*\{(?=[\s\S]*"core"\s*:\s*"next-ai-gateway")(?=[\s\S]*"plugin"\s*:\s*"claude-code-router")/;

export const claudeCodeRouter: Fingerprint = {
  id: 'claude-code-router',
  name: 'Claude Code Router',
  category: 'gateway',
  defaultPorts: [3456],
  specificity: 100,
  requests: [rootPage, transformers, openAiModels],
  identify: {
    why: "the root answers as Claude Code Router: 1.x's engine banner {\"message\":\"LLMs API\"} or 3.x's gateway naming core next-ai-gateway and plugin claude-code-router",
    any: [
      { on: rootPage.id, bodyRegex: llmsRoot },
      { on: rootPage.id, bodyRegex: gatewayRoot },
    ],
  },
  open: {
    why: '1.x without APIKEY: its management API answers anyone (GET /api/transformers here): GET /api/config answers anyone with the whole config, the provider API keys included; POST /api/config rewrites it and /api/restart applies it, and /v1/messages sends any request out on the owner\'s provider keys',
    all: [{ on: transformers.id, status: [200] }, { on: transformers.id, bodyRegex: /^\s*\{\s*"transformers"\s*:\s*\[/ }],
  },
  authRequired: {
    why: "an API key is demanded: 1.x with APIKEY set answers every route but /, /health and /ui 401 (\"APIKEY is missing\"); 3.x's gateway always has one (generated at first start) and answers /v1/models 401",
    any: [
      { on: transformers.id, bodyRegex: /^(?:APIKEY is missing|Invalid API key)$/ },
      { on: openAiModels.id, status: [401] },
    ],
  },
  sweepHints: [
    { on: rootPage.id, bodyRegex: llmsRoot },
    { on: rootPage.id, bodyRegex: gatewayRoot },
  ],
  severityWhenOpen: 'critical',
  remediation:
    'Set APIKEY in ~/.claude-code-router/config.json (or upgrade to 3.x, whose gateway always requires a key), never put a proxy or port forward in front of a 1.x router without one, rotate the provider API keys its config held, and remove the internet rule for port 3456.',
  references: [
    'https://github.com/musistudio/claude-code-router/blob/main/README.md',
    'https://github.com/musistudio/claude-code-router/blob/6429779ed63f8ada078755a982426dbbd5a234fc/src/middleware/auth.ts',
    'https://www.npmjs.com/package/@musistudio/claude-code-router',
  ],
  verifiedAgainst: ['Claude Code Router 1.0.73', 'Claude Code Router 3.1.1'],
};
