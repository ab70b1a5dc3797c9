import { canaryAnsweredBy, notFoundCanary, openApiDocumentListsNone } from './common.js';
import type { Fingerprint } from './types.js';

export const stableDiffusionWebui: Fingerprint = {
  id: 'stable-diffusion-webui',
  name: 'Stable Diffusion WebUI (AUTOMATIC1111) API',
  category: 'ui',
  defaultPorts: [7860, 7861],
  specificity: 100,
  requests: [{ id: 'options', method: 'GET', path: '/sdapi/v1/options' }, notFoundCanary],
  // The WebUI's API is FastAPI (Gradio's app, or its own with --nowebui): its error wrapper catches only FastAPI's
  // HTTPException subclass, so an unknown path still gets FastAPI's own JSON 404, with or without --api-auth.
  sweepHints: [canaryAnsweredBy.starlette],
  // modules/api/api.py registers the API with app.add_api_route (default schema), whether the app is a bare FastAPI()
  // (--nowebui) or Gradio's, which serves /openapi.json too.
  sweepRuledOutBy: [openApiDocumentListsNone('/sdapi/')],
  identify: {
    why: 'AUTOMATIC1111: GET /sdapi/v1/options answers its settings (sd_model_checkpoint), or --api-auth refuses that path in its own error wrapper',
    // /sdapi/ is the WebUI's own API prefix. Without credentials --api-auth fails in FastAPI's HTTPBasic
    // ("Not authenticated"; "Incorrect username or password" is only for wrong ones), and the WebUI's
    // exception handler rewraps it as {"error":"HTTPException","detail":…} without WWW-Authenticate.
    // KoboldCpp emulates this path with a two-key stub; it is identified as itself.
    all: [{ on: 'options', bodyRegex: /^\s*\{\s*"samples_format"\s*:\s*"[^"]*"\s*,\s*"sd_model_checkpoint"\s*:\s*"[^"]*"\s*\}\s*$/, not: true }],
    any: [
      { on: 'options', bodyContains: '"sd_model_checkpoint"' },
      { on: 'options', bodyRegex: /^\s*\{\s*"error"\s*:\s*"HTTPException"\s*,\s*"detail"\s*:\s*"(?:Not authenticated|Incorrect username or password)"/ },
    ],
  },
  open: {
    why: 'the API answers without credentials: image generation, model and extension settings are open (extensions run code)',
    all: [{ on: 'options', status: [200] }],
  },
  authRequired: {
    why: 'the WebUI API demands credentials (--api-auth: 401 "Not authenticated")',
    all: [{ on: 'options', status: [401] }],
  },
  severityWhenOpen: 'critical',
  remediation: 'Start with --api-auth and --gradio-auth (never --listen without them), and remove the internet rule for port 7860 (7861 for --nowebui).',
  references: ['https://github.com/AUTOMATIC1111/stable-diffusion-webui/wiki/API', 'https://github.com/AUTOMATIC1111/stable-diffusion-webui/wiki/Command-Line-Arguments-and-Settings'],
  derivedFrom: ['Stable Diffusion WebUI commit 0050a35'],
};
