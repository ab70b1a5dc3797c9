import { rootPage } from './common.js';
import type { Fingerprint } from './types.js';

export const marqo: Fingerprint = {
  id: 'marqo',
  name: 'Marqo',
  category: 'vector-db',
  defaultPorts: [8882],
  specificity: 100,
  requests: [rootPage],
  // Identify reads only GET /, which every port is asked first: the hint is identify's own matcher.
  sweepHints: [{ on: 'root', bodyRegex: /"message"\s*:\s*"Welcome to Marqo"/ }],
  identify: {
    why: 'Marqo: GET / answers {"message": "Welcome to Marqo", "version": …}',
    all: [{ on: 'root', bodyRegex: /"message"\s*:\s*"Welcome to Marqo"/ }],
  },
  open: {
    why: 'Marqo answers without credentials: indexes and documents are readable and writable',
    all: [{ on: 'root', status: [200] }],
  },
  noAuthReason: 'Open-source Marqo has no authentication of its own (left to a gateway, which hides the service).',
  extract: { version: { on: 'root', regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation: 'Serve Marqo only behind an authenticating gateway and remove the internet rule for port 8882.',
  references: ['https://docs.marqo.ai/latest/reference/api/'],
  derivedFrom: ['Marqo commit f41d22f'],
};
