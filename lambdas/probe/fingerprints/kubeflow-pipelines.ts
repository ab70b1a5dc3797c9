import { canaryAnsweredBy, notFoundCanary } from './common.js';
import type { Fingerprint } from './types.js';

/** KFP API server health: commit, release tag and the multi-user flag. */
const healthz = /^\s*\{(?=[\s\S]*"commit_sha"\s*:)(?=[\s\S]*"tag_name"\s*:)(?=[\s\S]*"multi_user"\s*:)/;

export const kubeflowPipelines: Fingerprint = {
  id: 'kubeflow-pipelines',
  name: 'Kubeflow Pipelines API',
  category: 'ml-platform',
  defaultPorts: [8888, 80],
  specificity: 100,
  requests: [
    { id: 'healthz', method: 'GET', path: '/apis/v2beta1/healthz' },
    { id: 'pipelines', method: 'GET', path: '/apis/v2beta1/pipelines' },
    notFoundCanary,
  ],
  identify: {
    why: 'Kubeflow Pipelines: GET /apis/v2beta1/healthz reports commit_sha, tag_name and multi_user',
    all: [{ on: 'healthz', bodyRegex: healthz }],
  },
  open: {
    why: 'pipelines are listed without credentials: anyone can start runs, i.e. run containers in the cluster',
    all: [{ on: 'pipelines', status: [200] }, { on: 'pipelines', bodyRegex: /^\s*\{/ }],
  },
  authRequired: {
    why: 'the pipelines API refuses the request (multi-user mode behind Istio/Dex)',
    any: [{ on: 'pipelines', status: [401, 403] }],
  },
  // The API server is Go (gorilla mux + grpc-gateway): unknown paths get net/http's "404 page not found"; Istio/Dex
  // sit in front of it only in multi-user deployments, which route by path (the full plan's to find).
  sweepHints: [canaryAnsweredBy.goNetHttp],
  extract: { version: { on: 'healthz', regex: /"tag_name"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'critical',
  remediation: 'Expose Kubeflow only through its authenticated ingress (Dex/OIDC, multi-user mode) and remove the internet rule for the API port.',
  references: ['https://www.kubeflow.org/docs/components/pipelines/reference/api/kubeflow-pipeline-api-spec/', 'https://www.kubeflow.org/docs/components/pipelines/operator-guides/multi-user/'],
  derivedFrom: ['Kubeflow Pipelines API server commit 006adf8'],
};
