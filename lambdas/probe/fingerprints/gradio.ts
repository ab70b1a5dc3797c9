import { canaryAnsweredBy, notFoundCanary, rootPage, prefixThenLater } from './common.js';
import type { Fingerprint } from './types.js';

/** Gradio's app config: mode, components and dependencies of the Blocks app. */
const appConfig = /^\s*\{(?=[\s\S]*"mode"\s*:\s*"(?:blocks|interface|chat_interface)")(?=[\s\S]*"components"\s*:\s*\[)(?=[\s\S]*"dependencies"\s*:\s*\[)/;

/** Generic Gradio app; products built on Gradio (SD WebUI, text-generation-webui) are more specific. */
export const gradio: Fingerprint = {
  id: 'gradio',
  name: 'Gradio app',
  category: 'ui',
  defaultPorts: [7860],
  specificity: 50,
  requests: [rootPage, { id: 'appConfig', method: 'GET', path: '/config' }, notFoundCanary],
  // Gradio is a FastAPI app launched by uvicorn: FastAPI's JSON 404 on unknown paths in every auth mode, and
  // uvicorn's server header also when SSR mode proxies unknown paths to its Node server.
  sweepHints: [canaryAnsweredBy.starlette, canaryAnsweredBy.uvicorn],
  identify: {
    why: 'Gradio: GET /config is a Blocks config, or the page embeds a Gradio config that asks for login',
    // The config shape is Gradio's; behind auth the page still embeds window.gradio_config with auth_required.
    any: [
      { on: 'appConfig', bodyRegex: appConfig },
      { on: 'root', bodyRegex: prefixThenLater(/gradio_config\s*=\s*\{/, /"auth_required"\s*:\s*true/) },
    ],
  },
  open: {
    why: 'the app config is served without login: every function of the app (often a model) is callable through its API',
    all: [{ on: 'appConfig', status: [200] }, { on: 'appConfig', bodyRegex: appConfig }],
  },
  authRequired: {
    why: 'Gradio auth= is set (401 "Not authenticated" on /config)',
    all: [{ on: 'appConfig', status: [401] }],
  },
  extract: { version: { on: 'appConfig', regex: /"version"\s*:\s*"(\d[^"]*)"/ } },
  severityWhenOpen: 'medium',
  remediation: 'Launch with auth= (or behind an authenticating proxy), never share=True for private models, and remove the internet rule for port 7860.',
  references: ['https://www.gradio.app/guides/sharing-your-app#authentication', 'https://www.gradio.app/guides/security'],
  cpe: 'cpe:2.3:a:gradio_project:gradio',
  verifiedAgainst: ['Gradio 5.50.0'],
};
