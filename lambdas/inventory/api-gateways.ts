/**
 * API Gateway stages served on their public execute-api endpoint as targets: one per (API, stage), on 443
 * over TLS, with the stage as the base path (none for an HTTP API's `$default` stage). An LLM proxy put
 * "behind API Gateway" without an authorizer answers anyone there. Private REST APIs, WebSocket APIs and
 * APIs whose execute-api endpoint is disabled are not targets; whether a route demands credentials is the
 * probe's to see.
 */
import { GetStagesCommand as GetRestStagesCommand, paginateGetRestApis, type APIGatewayClient, type RestApi } from '@aws-sdk/client-api-gateway';
import { GetApisCommand, GetStagesCommand, type Api, type ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { resourceKeyOf, targetIdOf, type ProbeTarget, type ResourceType, type Scope } from '../shared/model.js';
import { partitionOf } from './arn.js';
import { awsCall } from './errors.js';
import type { ListedTargets } from './load-balancers.js';
import { collect, mapConcurrently, withinBudget, type BudgetedListing } from './paging.js';

/** API Gateway answers about 10 control-plane calls a second per account; a couple in flight is enough. */
const STAGE_CALLS_IN_FLIGHT = 2;
const EXECUTE_API_PORT = 443;
/** The stage an HTTP API serves at the root of its endpoint. */
const DEFAULT_STAGE = '$default';

/** One stage of one API, as the inventory read it. */
export interface ApiStage {
  readonly apiType: 'REST' | 'HTTP';
  readonly apiId: string;
  readonly apiName: string | undefined;
  /** REST: EDGE or REGIONAL (PRIVATE ones are not public); HTTP: none. */
  readonly endpointType?: string;
  /** The execute-api host name. */
  readonly host: string;
  readonly stage: string;
  /** False for a private REST API or one whose execute-api endpoint is disabled: listed, never a target. */
  readonly publicEndpoint: boolean;
}

const RESOURCE_TYPES = { REST: 'apigateway-rest-api', HTTP: 'apigateway-http-api' } as const satisfies Record<ApiStage['apiType'], ResourceType>;

/** `https://{id}.execute-api.{region}.amazonaws.com` and its China partition's name. */
export const executeApiHost = (apiId: string, region: string): string =>
  `${apiId}.execute-api.${region}.${partitionOf(region) === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com'}`;

const resourceOf = (stage: ApiStage) => ({ resourceType: RESOURCE_TYPES[stage.apiType], resourceId: `${stage.apiId}/${stage.stage}` });

/** The target of a stage served on its public execute-api endpoint, or none (pure). */
export function apiStageTarget(scope: Scope, stage: ApiStage): ProbeTarget | undefined {
  if (!stage.publicEndpoint) return undefined;
  const basePath = stage.stage === DEFAULT_STAGE ? undefined : `/${encodeURIComponent(stage.stage)}`;
  const base = { accountId: scope.accountId, region: scope.region, ...resourceOf(stage), address: stage.host, port: EXECUTE_API_PORT };
  const kind = `${stage.apiType} API${stage.apiName ? ` ${stage.apiName}` : ''}`;
  return {
    targetId: targetIdOf(base),
    ...base,
    resourceArn: `arn:${partitionOf(scope.region)}:apigateway:${scope.region}::/${stage.apiType === 'REST' ? 'restapis' : 'apis'}/${stage.apiId}/stages/${stage.stage}`,
    ...(basePath === undefined ? {} : { basePath }),
    reason: `stage ${stage.stage} of ${kind} on its public execute-api endpoint`,
    context: {
      apiType: stage.apiType,
      apiId: stage.apiId,
      ...(stage.apiName ? { apiName: stage.apiName } : {}),
      ...(stage.endpointType ? { endpointType: stage.endpointType } : {}),
      stage: stage.stage,
      invokeUrl: `https://${stage.host}${basePath ?? '/'}`,
    },
    tlsExpected: true,
  };
}

/** Targets of every stage served on a public execute-api endpoint, and every stage of every API as a listed resource. */
export async function listApiGatewayTargets(
  scope: Scope,
  clients: { readonly apigateway: APIGatewayClient; readonly apigatewayv2: ApiGatewayV2Client },
  budget: Pick<BudgetedListing, 'signal'> = {},
): Promise<ListedTargets> {
  let apiCount: number | undefined;
  let apisRead = 0;
  const listing: BudgetedListing = {
    ...budget,
    what: 'apigateway: the API listing',
    progress: () => (apiCount === undefined ? 'before the APIs were listed' : `with the stages of ${apisRead} of ${apiCount} APIs read`),
    why: 'API Gateway answers about 10 control-plane calls a second per account',
  };
  return withinBudget(listing, async (signal) => {
    const [restApis, httpApis] = await Promise.all([
      awsCall('apigateway', 'GetRestApis', () => collect(paginateGetRestApis({ client: clients.apigateway, pageSize: 500 }, {}), (page) => page.items, signal)),
      awsCall('apigateway', 'GetApis', () => allPages((NextToken) => clients.apigatewayv2.send(new GetApisCommand({ MaxResults: '500', NextToken }), { abortSignal: signal }))),
    ]);
    const apis = [
      ...restApis.flatMap((api) => (api.id ? [{ kind: 'REST' as const, api: { ...api, id: api.id } }] : [])),
      ...httpApis.flatMap((api) => (api.ApiId && api.ProtocolType === 'HTTP' ? [{ kind: 'HTTP' as const, api: { ...api, ApiId: api.ApiId } }] : [])),
    ];
    apiCount = apis.length;
    const stages = await mapConcurrently(
      apis,
      STAGE_CALLS_IN_FLIGHT,
      async (entry) => {
        const read = entry.kind === 'REST' ? await restStages(scope, clients.apigateway, entry.api, signal) : await httpStages(scope, clients.apigatewayv2, entry.api, signal);
        apisRead += 1;
        return read;
      },
      signal,
    );
    return {
      targets: stages.flat().flatMap((stage) => apiStageTarget(scope, stage) ?? []),
      resources: stages.flat().map((stage) => resourceKeyOf(resourceOf(stage))),
    };
  });
}

async function restStages(scope: Scope, client: APIGatewayClient, api: RestApi & { id: string }, signal: AbortSignal): Promise<ApiStage[]> {
  const { item } = await awsCall('apigateway', 'GetStages', () => client.send(new GetRestStagesCommand({ restApiId: api.id }), { abortSignal: signal }));
  const types = api.endpointConfiguration?.types ?? [];
  const endpointType = types.join(', ') || undefined;
  return (item ?? []).flatMap((stage) =>
    stage.stageName
      ? [
          {
            apiType: 'REST' as const,
            apiId: api.id,
            apiName: api.name,
            ...(endpointType ? { endpointType } : {}),
            host: executeApiHost(api.id, scope.region),
            stage: stage.stageName,
            publicEndpoint: !types.includes('PRIVATE') && api.disableExecuteApiEndpoint !== true,
          },
        ]
      : [],
  );
}

async function httpStages(scope: Scope, client: ApiGatewayV2Client, api: Api & { ApiId: string }, signal: AbortSignal): Promise<ApiStage[]> {
  const stages = await awsCall('apigateway', 'GetStages', () =>
    allPages((NextToken) => client.send(new GetStagesCommand({ ApiId: api.ApiId, MaxResults: '500', NextToken }), { abortSignal: signal })),
  );
  const host = api.ApiEndpoint ? new URL(api.ApiEndpoint).hostname : executeApiHost(api.ApiId, scope.region);
  return stages.flatMap((stage) =>
    stage.StageName
      ? [{ apiType: 'HTTP' as const, apiId: api.ApiId, apiName: api.Name, host, stage: stage.StageName, publicEndpoint: api.DisableExecuteApiEndpoint !== true }]
      : [],
  );
}

/** The items of every page of an API Gateway v2 listing, which has no paginator: pages follow `NextToken`. */
async function allPages<Item>(page: (nextToken: string | undefined) => Promise<{ Items?: Item[]; NextToken?: string }>): Promise<Item[]> {
  const items: Item[] = [];
  let nextToken: string | undefined;
  do {
    const answer = await page(nextToken);
    items.push(...(answer.Items ?? []));
    nextToken = answer.NextToken;
  } while (nextToken);
  return items;
}
