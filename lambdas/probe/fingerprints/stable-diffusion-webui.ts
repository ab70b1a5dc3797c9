import type { Fingerprint } from './types.js';

export const stableDiffusionWebui: Fingerprint = {
  id: 'stable-diffusion-webui',
  name: 'Stable Diffusion WebUI (AUTOMATIC1111) API',
  category: 'ui',
  defaultPorts: [7860],
  specificity: 100,
  requests: [{ id: 'options', method: 'GET', path: '/sdapi/v1/options' }],
  identify: {
    why: 'AUTOMATIC1111: GET /sdapi/v1/options answers its settings (sd_model_checkpoint), or --api-auth refuses that path',
    // /sdapi/ is the WebUI's own API prefix; "Incorrect username or password" is its API basic-auth text.
    any: [
      { on: 'options', bodyContains: '"sd_model_checkpoint"' },
      { on: 'options', bodyContains: 'Incorrect username or password' },
    ],
  },
  open: {
    why: 'the API answers without credentials: image generation, model and extension settings are open (extensions run code)',
    all: [{ on: 'options', status: [200] }],
  },
  authRequired: {
    why: 'the WebUI API demands credentials (--api-auth: 401)',
    all: [{ on: 'options', status: [401] }],
  },
  severityWhenOpen: 'critical',
  remediation: 'Start with --api-auth and --gradio-auth (never --listen without them), and remove the internet rule for port 7860.',
  references: ['https://github.com/AUTOMATIC1111/stable-diffusion-webui/wiki/API', 'https://github.com/AUTOMATIC1111/stable-diffusion-webui/wiki/Command-Line-Arguments-and-Settings'],
};
