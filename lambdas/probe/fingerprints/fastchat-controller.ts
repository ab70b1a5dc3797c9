import { notFoundCanary, openApiDocument, rootPage, starletteWithoutRootPage } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * The controller's OpenAPI document (serve/controller.py, a plain `FastAPI()`): its paths open with /register_worker, the
 * route workers announce themselves on. Its routes are all POST but /test_connection, so the document, which every
 * FastAPI port is asked for anyway, is what a GET can read.
 */
const controllerDocument =
  /^\s*\{\s*"openapi"\s*:\s*"3\.[^"]*"\s*,\s*"info"\s*:\s*\{\s*"title"\s*:\s*"FastAPI"\s*,\s*"version"\s*:\s*"[^"]*"\s*\}\s*,\s*"paths"\s*:\s*\{\s*"\/register_worker"\s*:/;

export const fastchatController: Fingerprint = {
  id: 'fastchat-controller',
  name: 'FastChat controller',
  category: 'model-server',
  defaultPorts: [21001],
  specificity: 100,
  requests: [openApiDocument, rootPage, notFoundCanary],
  identify: {
    why: "FastChat's controller: its OpenAPI document lists /register_worker, /get_worker_address and /worker_generate_stream",
    all: [
      { on: openApiDocument.id, bodyRegex: controllerDocument },
      { on: openApiDocument.id, bodyContains: '"/get_worker_address"' },
      { on: openApiDocument.id, bodyContains: '"/worker_generate_stream"' },
    ],
  },
  open: {
    why: "the controller answers anyone: they can list its models, run them through /worker_generate_stream, register a worker of their own for a served model (and report the owner's workers busy) so that every user's prompts reach them and they write the answers, and make it POST to any address they name as a worker",
    all: [{ on: openApiDocument.id, status: [200] }],
  },
  noAuthReason: "FastChat's controller has no authentication at all (no option for it); only the network keeps strangers off.",
  // A FastAPI app with no / route: the root page and the canary are its JSON 404.
  sweepHints: [starletteWithoutRootPage],
  severityWhenOpen: 'critical',
  remediation:
    'Bind the FastChat controller (port 21001) and its model workers (21002…) to a private network only (--host 127.0.0.1 or an internal address, never 0.0.0.0 on a public interface), remove the internet rules for those ports, and restart the controller to drop any worker you did not start.',
  references: [
    'https://github.com/lm-sys/FastChat/blob/main/docs/server_arch.md',
    'https://github.com/lm-sys/FastChat/blob/main/docs/openai_api.md',
    'https://github.com/lm-sys/FastChat/issues/3886',
  ],
  verifiedAgainst: ['FastChat 0.2.36'],
};
