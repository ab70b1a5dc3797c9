import { canaryAnsweredBy, notFoundCanary } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * An A2A agent card: name, service url, capabilities and skills. The url is top-level in A2A 0.x
 * cards and inside `supportedInterfaces` in 1.0 cards (a2a-sdk 1.x serves the latter).
 */
const agentCard = /^\s*\{(?=[\s\S]*"name"\s*:)(?=[\s\S]*"url"\s*:\s*"http)(?=[\s\S]*"capabilities"\s*:\s*\{)(?=[\s\S]*"skills"\s*:\s*\[)/;

export const a2aAgentCard: Fingerprint = {
  id: 'a2a-agent-card',
  name: 'A2A agent (agent card)',
  category: 'mcp',
  defaultPorts: [8000, 9999, 10000],
  // A protocol that products speak too (OmniRoute serves an agent card, A2A off or not): a named product wins, as with MCP.
  specificity: 75,
  requests: [
    { id: 'card', method: 'GET', path: '/.well-known/agent-card.json' },
    { id: 'legacyCard', method: 'GET', path: '/.well-known/agent.json' },
    notFoundCanary,
  ],
  identify: {
    why: 'A2A: a /.well-known agent card with url, capabilities and skills',
    any: [{ on: 'card', bodyRegex: agentCard }, { on: 'legacyCard', bodyRegex: agentCard }],
  },
  open: {
    why: 'the agent card declares no security scheme: anyone can send the agent tasks',
    // The card that answered names no scheme (an empty object counts as none); the other path's 404
    // names none either.
    all: [
      { on: 'card', bodyRegex: /"securitySchemes"\s*:\s*\{\s*"/, not: true },
      { on: 'legacyCard', bodyRegex: /"securitySchemes"\s*:\s*\{\s*"/, not: true },
    ],
    any: [{ on: 'card', bodyRegex: agentCard }, { on: 'legacyCard', bodyRegex: agentCard }],
  },
  authRequired: {
    why: 'the agent card declares securitySchemes: clients must authenticate',
    // The card is public by design (the spec serves it without credentials so that clients learn how
    // to authenticate); the scheme it declares is what the agent's endpoint enforces.
    any: [{ on: 'card', bodyRegex: /"securitySchemes"\s*:\s*\{\s*"/ }, { on: 'legacyCard', bodyRegex: /"securitySchemes"\s*:\s*\{\s*"/ }],
  },
  // A2A agents run on the SDKs' servers: uvicorn/Starlette (Python a2a-sdk, Google ADK; also when a middleware
  // refuses every path), Express (JS SDK), Go's net/http (Go SDK).
  sweepHints: [canaryAnsweredBy.uvicorn, canaryAnsweredBy.starlette, canaryAnsweredBy.express, canaryAnsweredBy.goNetHttp],
  extract: { version: { on: 'card', regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'medium',
  remediation: 'Declare and enforce securitySchemes (OAuth2/API key) on the A2A endpoint, and remove the internet rule for the port.',
  references: ['https://a2a-protocol.org/latest/specification/', 'https://a2a-protocol.org/latest/topics/enterprise-ready/'],
  verifiedAgainst: ['a2a-sdk 1.3.0'],
};
