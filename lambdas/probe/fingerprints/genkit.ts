import { notFoundCanary } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * Two servers of `genkit start`, each a target of its own: the reflection API the app runs in dev mode (port 3100,
 * genkit's core/reflection.ts), which stamps `x-genkit-version` on every answer, and the Developer UI (port 4000,
 * tools-common's server.ts), whose tRPC API sits under /api.
 */
const reflectionActions = { id: 'genkitActions', method: 'GET', path: '/api/actions' } as const;
/** The Dev UI's record of the app it drives (a tRPC query that reads the runtime file): its reflection URL and Genkit version. */
const devUiRuntime = { id: 'genkitRuntime', method: 'GET', path: '/api/getCurrentRuntime' } as const;
const genkitVersionHeader = { header: 'x-genkit-version', regex: /^\d+\.\d+/ } as const;
const runtimeRecord = /^\s*\{\s*"result"\s*:\s*\{\s*"data"\s*:\s*\{(?=[^{}]*"reflectionServerUrl"\s*:\s*")(?=[^{}]*"genkitVersion"\s*:\s*")/;

export const genkit: Fingerprint = {
  id: 'genkit',
  name: 'Genkit Developer UI and reflection API',
  category: 'agent-builder',
  defaultPorts: [3100, 4000],
  specificity: 100,
  requests: [reflectionActions, devUiRuntime, notFoundCanary],
  identify: {
    why: "Genkit: its reflection API stamps x-genkit-version on its answers, or its Developer UI's GET /api/getCurrentRuntime names the app's reflection server and Genkit version",
    any: [
      { on: reflectionActions.id, ...genkitVersionHeader },
      { on: devUiRuntime.id, bodyRegex: runtimeRecord },
    ],
  },
  open: {
    why: "its reflection API (or the Developer UI in front of it) answers anyone: GET /api/actions lists the app's flows, tools, prompts and models, and POST /api/runAction runs any of them with any input — the owner's code and tools, and model calls on the owner's keys; the Developer UI also hands out its whole environment (GET /api/getGenkitEnvironment), API keys included",
    any: [
      { on: reflectionActions.id, bodyRegex: /^\s*\{\s*"\/[a-z-]+\/[^"]*"\s*:\s*\{\s*"key"\s*:/ },
      { on: devUiRuntime.id, bodyRegex: runtimeRecord },
    ],
  },
  noAuthReason:
    'Neither the reflection API nor the Developer UI has authentication: both bind 127.0.0.1 unless told otherwise (GENKIT_REFLECTION_HOST, `genkit start --host`), and the reflection API runs only in dev mode (GENKIT_ENV=dev).',
  sweepHints: [
    { on: notFoundCanary.id, ...genkitVersionHeader },
    // The Dev UI's CORS middleware exposes its trace header on every answer.
    { on: notFoundCanary.id, header: 'access-control-expose-headers', contains: 'X-Genkit-Trace-Id' },
  ],
  extract: { version: { on: devUiRuntime.id, regex: /"genkitVersion"\s*:\s*"(?:[a-z]+\/)?([^"]+)"/ } },
  severityWhenOpen: 'critical',
  remediation:
    'Never expose `genkit start` (Developer UI port 4000, reflection API port 3100): keep GENKIT_REFLECTION_HOST and --host at their 127.0.0.1 default, do not run production with GENKIT_ENV=dev, remove the internet rule for those ports, and rotate the model API keys in its environment.',
  references: [
    'https://genkit.dev/docs/devtools/',
    'https://genkit.dev/docs/js/devtools/',
    'https://genkit.dev/docs/deploy-node',
  ],
  verifiedAgainst: ['Genkit 1.42.0'],
};
