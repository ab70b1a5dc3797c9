import { grpcCanary, grpcCanaryUnimplemented, grpcOk } from './common.js';
import type { Fingerprint, GrpcProbeRequest } from './types.js';

/**
 * What is read of the project list's reply (feast/registry/RegistryServer.proto and feast/core/Project.proto, 0.67.0): each
 * project's name. An empty registry answers an empty message, which decodes as {}.
 */
const schema = {
  nested: {
    feast: {
      nested: {
        core: {
          nested: {
            Project: { fields: { spec: { type: 'ProjectSpec', id: 1 } } },
            ProjectSpec: { fields: { name: { type: 'string', id: 1 } } },
          },
        },
        registry: { nested: { ListProjectsResponse: { fields: { projects: { rule: 'repeated', type: 'feast.core.Project', id: 1 } } } } },
      },
    },
  },
};

/** `feast projects list` against a remote registry: the registry's projects. */
const listProjects: GrpcProbeRequest = {
  id: 'grpc-feast-list-projects',
  kind: 'grpc',
  method: '/feast.registry.RegistryServer/ListProjects',
  reply: { type: 'feast.registry.ListProjectsResponse', schema },
};

/**
 * Feast's gRPC registry server (`feast serve_registry`, port 6570, on every address): the registry that feature servers and
 * `feast` clients with `registry_type: remote` read their definitions from, and apply them through.
 */
export const feastRegistryGrpc: Fingerprint = {
  id: 'feast-registry-grpc',
  name: 'Feast registry server (gRPC)',
  category: 'ml-platform',
  defaultPorts: [6570],
  specificity: 100,
  requests: [listProjects, grpcCanary],
  identify: {
    why: "gRPC ListProjects of Feast's RegistryServer service answers, and an unknown method is UNIMPLEMENTED",
    // The canary rules out a server that answers every method alike.
    all: [grpcCanaryUnimplemented, grpcOk(listProjects.id)],
  },
  open: {
    why: "auth type no_auth (Feast's default): the registry's service answers anyone (ListProjects lists the projects), who can read every entity, feature view, data source (with its storage paths) and permission, and apply or delete them (ApplyFeatureView, DeleteFeatureView): what every feature server and client of the registry serves and trains on",
    all: [grpcOk(listProjects.id)],
  },
  noAuthReason:
    'under auth type oidc or kubernetes, the server\'s auth interceptor raises for a call without a token, which grpcio reports as UNKNOWN "Error in service handler!" on every method, the canary too: nothing in it is Feast\'s, so a registry that refuses is not identified (checked on 0.67.0)',
  severityWhenOpen: 'high',
  remediation:
    'Set an auth type in feature_store.yaml (auth: type: oidc or kubernetes, with permissions on who may apply and delete), keep the registry server on a private network reachable only by the feature servers and clients that use it, use TLS (--key, --cert), remove the internet rule for port 6570, and compare the registry with your feature repo (`feast plan`) for definitions you did not apply.',
  references: [
    'https://docs.feast.dev/reference/feature-servers/registry-server',
    'https://docs.feast.dev/getting-started/components/authz_manager',
    'https://docs.feast.dev/reference/feast-cli-commands',
  ],
  verifiedAgainst: ['Feast 0.67.0'],
};
