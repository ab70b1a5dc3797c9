import { rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * `/` and `/health` are one route (api.py), answered as Flask's jsonify writes it (keys sorted): 2.x says the model class
 * it serves, `{"model_class":"NewModel","status":"UP"}` (either order, for an app that unsorts them); 1.x its model directory and
 * mode, `{"model_dir":"…","status":"UP","v2":false}`.
 */
const status2x = /^\s*\{\s*(?:"model_class"\s*:\s*"[^"]*"\s*,\s*"status"\s*:\s*"UP"|"status"\s*:\s*"UP"\s*,\s*"model_class"\s*:\s*"[^"]*")\s*\}/;
const status1x = /^\s*\{\s*"model_dir"\s*:\s*"[^"]*"\s*,\s*"status"\s*:\s*"UP"\s*,\s*"v2"\s*:/;

export const labelStudioMlBackend: Fingerprint = {
  id: 'label-studio-ml-backend',
  name: 'Label Studio ML backend',
  category: 'model-server',
  defaultPorts: [9090],
  specificity: 100,
  requests: [rootPage],
  identify: {
    why: 'Label Studio ML backend: GET / answers its status "UP" with the model class it serves (2.x) or its model directory (1.x)',
    any: [
      { on: rootPage.id, bodyRegex: status2x },
      { on: rootPage.id, bodyRegex: status1x },
    ],
  },
  open: {
    // 2.x's basic auth (BASIC_AUTH_USER/BASIC_AUTH_PASS) refuses / too, so a status answered is a backend without it.
    why: "the backend answers without credentials: anyone can run the owner's model on tasks of their own (POST /predict), and an image model fetches whatever URL a task names (get_local_path); 1.x's /setup also takes the Label Studio URL from the caller, after which the backend sends the owner's Label Studio API key (LABEL_STUDIO_API_KEY) with the files it fetches there. Anyone can also replace a project's labelling config (POST /setup) and start training (POST /webhook)",
    all: [{ on: rootPage.id, status: [200] }],
  },
  noAuthReason:
    '1.x has no authentication; 2.x\'s basic auth (BASIC_AUTH_USER and BASIC_AUTH_PASS) refuses every path, / and /health too, with a bare 401 "Unauthorized" and WWW-Authenticate: Basic realm="Login required": nothing in it is the backend\'s, so a backend that refuses is not identified',
  extract: { models: { on: rootPage.id, path: ['model_class'] } },
  severityWhenOpen: 'high',
  remediation:
    "Set BASIC_AUTH_USER and BASIC_AUTH_PASS on the ML backend (2.x) and the same credentials in Label Studio's model connection, or keep it on a private network reachable only by Label Studio (`label-studio-ml start` listens on every address unless given --host); remove the internet rule for port 9090, and rotate the Label Studio API key (LABEL_STUDIO_API_KEY) it holds.",
  references: ['https://labelstud.io/guide/ml_create', 'https://labelstud.io/guide/ml', 'https://github.com/HumanSignal/label-studio-ml-backend'],
  verifiedAgainst: ['Label Studio ML backend 1.0.9'],
  derivedFrom: ['Label Studio ML backend 2.0.0.dev0'],
};
