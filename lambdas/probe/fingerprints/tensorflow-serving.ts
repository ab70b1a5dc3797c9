import { notFoundCanary } from './common.js';
import type { Fingerprint } from './types.js';

export const tensorflowServing: Fingerprint = {
  id: 'tensorflow-serving',
  name: 'TensorFlow Serving (REST)',
  category: 'model-server',
  defaultPorts: [8501],
  specificity: 100,
  requests: [notFoundCanary],
  identify: {
    why: 'TensorFlow Serving: an unknown path is answered "Malformed request: GET /…" by its REST handler',
    // The prefix is TF Serving's http_rest_api_handler text; an echo server reflects the request
    // line but never adds this prefix.
    all: [{ on: 'canary', bodyRegex: /"error"\s*:\s*"Malformed request: GET \/ai-exposure-monitor-canary-404"/ }],
  },
  open: {
    why: 'the REST API answers without credentials; TF Serving has no authentication, so every loaded model can be queried',
    all: [{ on: 'canary', bodyContains: 'Malformed request' }],
  },
  noAuthReason: 'TensorFlow Serving has no authentication of its own (left to a gateway, which hides the service).',
  severityWhenOpen: 'high',
  remediation: 'Serve models only behind an authenticating gateway and remove the internet rule for ports 8500-8501.',
  references: ['https://www.tensorflow.org/tfx/serving/api_rest', 'https://github.com/tensorflow/serving/blob/master/tensorflow_serving/model_servers/http_rest_api_handler.cc'],
  cpe: 'cpe:2.3:a:google:tensorflow_serving',
};
