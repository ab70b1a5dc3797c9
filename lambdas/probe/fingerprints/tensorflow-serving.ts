import { notFoundCanary, openAiModels } from './common.js';
import type { Fingerprint } from './types.js';

/** TF Serving's answer to GET /v1/models: the model-status route needs a model name. */
const missingModelName = /^\s*\{\s*"error"\s*:\s*"Missing model name in request\."\s*\}\s*$/;

export const tensorflowServing: Fingerprint = {
  id: 'tensorflow-serving',
  name: 'TensorFlow Serving (REST)',
  category: 'model-server',
  defaultPorts: [8501],
  specificity: 100,
  requests: [openAiModels, notFoundCanary],
  // TF Serving's REST handler owns /v1/ (GET /v1/models: "Missing model name in request."); any other path gets
  // libevent's own error page (evhttp_send_error, ERR_FORMAT in upper case, unlike Apache's or nginx's).
  sweepHints: [
    { on: openAiModels.id, bodyRegex: /"error"\s*:\s*"Missing model name/ },
    [{ on: notFoundCanary.id, status: [404] }, { on: notFoundCanary.id, bodyContains: '<TITLE>404 Not Found</TITLE>' }],
  ],
  identify: {
    why: 'TensorFlow Serving: GET /v1/models is answered 400 { "error": "Missing model name in request." } by its REST handler',
    // The model-status route without a model name fails with this text (http_rest_api_handler.cc); the whole body
    // is the error object, which an echo or catch-all server does not produce.
    all: [{ on: 'models', status: [400] }, { on: 'models', bodyRegex: missingModelName }],
  },
  open: {
    why: 'the REST API answers without credentials; TF Serving has no authentication, so every loaded model can be queried',
    all: [{ on: 'models', status: [400] }, { on: 'models', bodyRegex: missingModelName }],
  },
  noAuthReason: 'TensorFlow Serving has no authentication of its own (left to a gateway, which hides the service).',
  severityWhenOpen: 'high',
  remediation: 'Serve models only behind an authenticating gateway and remove the internet rule for ports 8500-8501.',
  references: ['https://www.tensorflow.org/tfx/serving/api_rest', 'https://github.com/tensorflow/serving/blob/00e459f1604c40c073cbb9cb92d72cb6a88be9cd/tensorflow_serving/model_servers/http_rest_api_handler.cc'],
  cpe: 'cpe:2.3:a:google:tensorflow_serving',
  derivedFrom: ['TensorFlow Serving commit 00e459f'],
};
