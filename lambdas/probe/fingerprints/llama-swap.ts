import { openAiModelIds, openAiModels } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * llama-swap's own model list: every entry it lists is `"owned_by": "llama-swap"` (listModelsHandler, in 0.1.5 and in the
 * later vNNN releases alike), whatever model server runs behind it. 0.1.5 sends `{"data":[…]}` without "object":"list",
 * so the generic OpenAI-compatible family does not read it. Parsed as a JSON object opening, so a reflected path cannot match.
 */
const ownList = /^\s*\{(?=[\s\S]*"data"\s*:\s*\[)(?=[\s\S]*"owned_by"\s*:\s*"llama-swap")/;

export const llamaSwap: Fingerprint = {
  id: 'llama-swap',
  name: 'llama-swap (model-swapping proxy)',
  category: 'gateway',
  defaultPorts: [8080],
  specificity: 100,
  // /v1/models is already asked of every port. No canary: once a model is loaded, llama-swap 0.1.5 hands every path it
  // has no route for (the canary, /props…) to that model's server, so the canary reads whatever the upstream says. With a
  // llama-server loaded, llama-cpp-server identifies too (its /props and Server header pass through): both are 100 on
  // 8080, so llama-swap is listed before it in the catalog and the front door wins.
  requests: [openAiModels],
  sweepHints: [{ on: 'models', bodyRegex: /"owned_by"\s*:\s*"llama-swap"/ }],
  identify: {
    why: 'GET /v1/models lists models "owned_by": "llama-swap"',
    all: [{ on: 'models', bodyRegex: ownList }],
  },
  open: {
    why: 'GET /v1/models lists the configured models without a key: anyone can start them by name (POST /v1/chat/completions swaps the model in), read /logs (the model servers\' output) and reach the running model server on any other path',
    all: [{ on: 'models', status: [200] }, { on: 'models', bodyRegex: ownList }],
  },
  noAuthReason:
    'llama-swap 0.1.5, the newest release the Go module proxy serves (later releases are tagged vNNN, which is not a Go module version), has no auth switch at all. The apiKeys option of later releases (401 "unauthorized: invalid or missing API key" on /v1/models, /running, /logs, /upstream, /unload; its guide says on all but /favicon.ico and /ui/site.webmanifest) could not be recorded here, so no refusal is claimed.',
  extract: { models: { on: 'models', path: openAiModelIds } },
  severityWhenOpen: 'high',
  remediation:
    'Bind llama-swap to 127.0.0.1 (--listen 127.0.0.1:8080) or put an authenticating proxy in front; on releases that have it, set apiKeys in config.yaml; remove the internet rule for the port.',
  references: [
    'https://github.com/mostlygeek/llama-swap/blob/v0.1.5/README.md',
    'https://github.com/mostlygeek/llama-swap/blob/v0.1.5/proxy/proxymanager.go',
    'https://github.com/mostlygeek/llama-swap/blob/main/docs/configuration.md',
    'https://github.com/mostlygeek/llama-swap/blob/main/docs/kb/guides/api-integration/api-keys-and-auth.md',
  ],
  verifiedAgainst: ['llama-swap 0.1.5'],
};
