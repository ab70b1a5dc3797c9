import { canaryAnsweredBy, notFoundCanary, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

export const comfyui: Fingerprint = {
  id: 'comfyui',
  name: 'ComfyUI',
  category: 'ui',
  defaultPorts: [8188],
  specificity: 100,
  requests: [{ id: 'systemStats', method: 'GET', path: '/system_stats' }, rootPage, notFoundCanary],
  // ComfyUI is an aiohttp server (no auth of its own): aiohttp's plain-text 404 and server header, or its page title.
  sweepHints: [
    [
      { on: notFoundCanary.id, status: [404] },
      { on: notFoundCanary.id, bodyRegex: /^404: Not Found\s*$/ },
    ],
    canaryAnsweredBy.aiohttp,
    { on: rootPage.id, bodyContains: '<title>ComfyUI</title>' },
  ],
  identify: {
    why: 'ComfyUI: GET /system_stats reports the system (python_version, embedded_python) and devices',
    all: [
      { on: 'systemStats', bodyRegex: /^\s*\{(?=[\s\S]*"system"\s*:\s*\{)(?=[\s\S]*"embedded_python"\s*:)(?=[\s\S]*"devices"\s*:\s*\[)/ },
      // KoboldCpp emulates this path (its device is named "koboldcpp"); it is identified as itself.
      { on: 'systemStats', bodyRegex: /"devices"\s*:\s*\[\s*\{\s*"name"\s*:\s*"koboldcpp"/, not: true },
    ],
  },
  open: {
    why: 'ComfyUI answers without credentials: anyone can queue workflows and, with ComfyUI-Manager, install custom nodes (code execution)',
    all: [{ on: 'systemStats', status: [200] }],
  },
  noAuthReason:
    'ComfyUI has no authentication of its own: server.py installs only a cache-control middleware and either a CORS header or a Host-vs-Origin check (a CSRF guard that refuses mismatched browser requests, not visitors); protection is left to a proxy, which hides the service.',
  extract: { version: { on: 'systemStats', regex: /"comfyui_version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'critical',
  remediation: 'Run ComfyUI on 127.0.0.1 (no --listen 0.0.0.0) behind an authenticating proxy, keep ComfyUI-Manager security level normal+, and remove the internet rule for port 8188.',
  references: ['https://docs.comfy.org/development/comfyui-server/comms_routes', 'https://github.com/comfyanonymous/ComfyUI#running'],
  derivedFrom: ['ComfyUI commit 005f3ba'],
};
