/** The inventory of one (account, region): every internet-reachable target and every AI asset in it. */
import type { AiAsset, ProbeTarget, ResourceType, ScopeInventory, Scope, UnlistedPart } from '../shared/model.js';
import { listAgentCoreGatewayTargets } from './agentcore-gateways.js';
import { listApiGatewayTargets } from './api-gateways.js';
import type { ScopeClients } from './clients.js';
import { listCloudFrontTargets } from './cloudfront-distributions.js';
import { endpointNameDoesNotResolve, InventoryError } from './errors.js';
import { listFunctionUrlTargets } from './function-urls.js';
import { listInterfaceTargets } from './interface-listing.js';
import { listClassicElbTargets, listElbv2Targets } from './load-balancers.js';
import { listOpenSearchDomainTargets } from './opensearch-domains.js';
import { GLOBAL_RESOURCES_REGION } from './regions.js';
import { listSageMakerAssets } from './sagemaker-assets.js';

export interface InventoryOptions {
  /** Ports probed inside wide security-group ranges: the catalog's default ports plus the user's extra ports. */
  candidatePorts: readonly number[];
}

interface Listed {
  readonly targets?: readonly ProbeTarget[];
  /** See `ScopeInventory.resources`. */
  readonly resources?: readonly string[];
  readonly assets?: readonly AiAsset[];
}

/** A listing the rest of the scope can do without: when it fails, what it would name is unlisted, not absent. */
interface OptionalPart extends Omit<UnlistedPart, 'error'> {
  readonly list: (scope: Scope, clients: ScopeClients) => Promise<Listed>;
  /** A global service is listed in one region's scope only. @default every region */
  readonly onlyIn?: string;
  /** Offered in some regions only: where its endpoint's name does not resolve, it is `notOffered`, not missed. */
  readonly regionalAvailability?: 'some';
}

const OPTIONAL_PARTS: readonly OptionalPart[] = [
  { what: 'ALB/NLB load balancers', resourceTypes: ['elbv2'], assetKinds: [], list: (scope, clients) => listElbv2Targets(scope, clients.elbv2) },
  { what: 'Classic load balancers', resourceTypes: ['elb-classic'], assetKinds: [], list: (scope, clients) => listClassicElbTargets(scope, clients.elb) },
  { what: 'Lambda function URLs', resourceTypes: ['lambda-function'], assetKinds: [], list: (scope, clients) => listFunctionUrlTargets(scope, clients.lambda) },
  {
    what: 'API Gateway APIs',
    resourceTypes: ['apigateway-rest-api', 'apigateway-http-api'],
    assetKinds: [],
    list: (scope, clients) => listApiGatewayTargets(scope, clients),
  },
  {
    what: 'CloudFront distributions',
    resourceTypes: ['cloudfront-distribution'],
    assetKinds: [],
    onlyIn: GLOBAL_RESOURCES_REGION,
    list: (scope, clients) => listCloudFrontTargets(scope, clients.cloudfront),
  },
  {
    what: 'AgentCore gateways',
    resourceTypes: ['agentcore-gateway'],
    assetKinds: [],
    regionalAvailability: 'some',
    list: (scope, clients) => listAgentCoreGatewayTargets(scope, clients.agentcore),
  },
  { what: 'OpenSearch Service domains', resourceTypes: ['opensearch-domain'], assetKinds: [], list: (scope, clients) => listOpenSearchDomainTargets(scope, clients.opensearch) },
  {
    what: 'SageMaker endpoints',
    resourceTypes: [],
    assetKinds: ['sagemaker-endpoint'],
    list: async (scope, clients) => ({ assets: await listSageMakerAssets(scope, clients.sagemaker) }),
  },
];

/**
 * Never throws for AWS failures. The network interfaces and their security groups are the core: when
 * they cannot be listed the whole scope is `{ ok: false, error }`, because a partial listing must never
 * look complete (a later diff would resolve exposures wrongly). Any other listing that fails (a role not
 * yet granted an action an upgrade added, one service throttled past its retries) is named in `unlisted`
 * instead: the rest of the scope is still watched, and nothing of that listing's kinds is resolved.
 * Other errors are bugs and are thrown.
 */
export async function inventoryScope(scope: Scope, clients: ScopeClients, options: InventoryOptions): Promise<ScopeInventory> {
  const optionalParts = OPTIONAL_PARTS.filter((part) => part.onlyIn === undefined || part.onlyIn === scope.region);
  const outcomes = await Promise.allSettled<Listed>([
    listInterfaceTargets(scope, clients.ec2, options.candidatePorts),
    ...optionalParts.map((part) => part.list(scope, clients)),
  ]);
  const bug = outcomes.find((outcome) => outcome.status === 'rejected' && !(outcome.reason instanceof InventoryError));
  if (bug?.status === 'rejected') throw bug.reason;
  const [core, ...parts] = outcomes as [PromiseSettledResult<Listed>, ...PromiseSettledResult<Listed>[]];
  if (core.status === 'rejected') return { scope, ok: false, error: (core.reason as InventoryError).message };

  const listed: Listed[] = [core.value];
  const unlisted: UnlistedPart[] = [];
  parts.forEach((outcome, index) => {
    const { list: _list, onlyIn: _onlyIn, regionalAvailability, ...part } = optionalParts[index]!;
    if (outcome.status === 'fulfilled') listed.push(outcome.value);
    else {
      const notOffered = regionalAvailability === 'some' && endpointNameDoesNotResolve(outcome.reason);
      unlisted.push({ ...part, error: (outcome.reason as InventoryError).message, ...(notOffered ? { notOffered: true as const } : {}) });
    }
  });
  return {
    scope,
    ok: true,
    targets: listed.flatMap((l) => l.targets ?? []),
    assets: listed.flatMap((l) => l.assets ?? []),
    resources: [...new Set(listed.flatMap((l) => l.resources ?? []))].sort(),
    ...(unlisted.length > 0 ? { unlisted } : {}),
  };
}
