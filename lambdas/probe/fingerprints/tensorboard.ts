import { canaryAnsweredBy, notFoundCanary, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

export const tensorboard: Fingerprint = {
  id: 'tensorboard',
  name: 'TensorBoard',
  category: 'ml-platform',
  defaultPorts: [6006],
  specificity: 100,
  requests: [{ id: 'environment', method: 'GET', path: '/data/environment' }, rootPage, notFoundCanary],
  identify: {
    why: 'TensorBoard: GET /data/environment reports data_location and window_title',
    all: [{ on: 'environment', bodyRegex: /^\s*\{(?=[\s\S]*"data_location"\s*:)(?=[\s\S]*"window_title"\s*:)/ }],
  },
  open: {
    why: 'training logs are readable without credentials (TensorBoard has no auth)',
    all: [{ on: 'environment', status: [200] }],
  },
  noAuthReason: 'TensorBoard has no authentication of its own (left to a proxy, which hides the service).',
  // TensorBoard serves itself with Werkzeug and answers unknown paths with its own plain "Not found"; / is its UI
  // shell (tb-relative-root meta, <tf-tensorboard> in older releases). No auth mode exists.
  sweepHints: [
    { on: rootPage.id, bodyRegex: /tb-relative-root|<tf-tensorboard/ },
    [canaryAnsweredBy.werkzeug, { on: notFoundCanary.id, status: [404] }, { on: notFoundCanary.id, bodyRegex: /^Not found$/ }],
  ],
  extract: { version: { on: 'environment', regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'medium',
  remediation: 'Bind TensorBoard to localhost (--host 127.0.0.1) and reach it through SSH or an authenticating proxy; remove the internet rule for port 6006.',
  references: ['https://github.com/tensorflow/tensorboard/blob/master/README.md'],
  verifiedAgainst: ['TensorBoard 2.21.0'],
};
