/**
 * API Gateway stages as targets, on 443 over TLS: each stage served on its API's public execute-api
 * endpoint, under the stage's path (none for an HTTP API's `$default` stage), and each stage a public custom
 * domain maps, under the mapping's path. An LLM proxy put "behind API Gateway" without an authorizer answers
 * anyone there. Private REST APIs and domains, WebSocket APIs and disabled execute-api endpoints are not
 * targets; whether a route demands credentials is the probe's to see.
 */
import {
  GetStagesCommand as GetRestStagesCommand,
  paginateGetBasePathMappings,
  paginateGetDomainNames as paginateGetRestDomainNames,
  paginateGetRestApis,
  type APIGatewayClient,
  type RestApi,
} from '@aws-sdk/client-api-gateway';
import { GetApiMappingsCommand, GetApisCommand, GetDomainNamesCommand, GetStagesCommand, type Api, type ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
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

const resourceOf = (stage: Pick<ApiStage, 'apiType' | 'apiId' | 'stage'>) => ({ resourceType: RESOURCE_TYPES[stage.apiType], resourceId: `${stage.apiId}/${stage.stage}` });

const stageArn = (scope: Scope, apiType: ApiStage['apiType'], apiId: string, stage: string): string =>
  `arn:${partitionOf(scope.region)}:apigateway:${scope.region}::/${apiType === 'REST' ? 'restapis' : 'apis'}/${apiId}/stages/${stage}`;

/** The target of a stage served on its public execute-api endpoint, or none (pure). */
export function apiStageTarget(scope: Scope, stage: ApiStage): ProbeTarget | undefined {
  if (!stage.publicEndpoint) return undefined;
  const basePath = stage.stage === DEFAULT_STAGE ? undefined : `/${encodeURIComponent(stage.stage)}`;
  const base = { accountId: scope.accountId, region: scope.region, ...resourceOf(stage), address: stage.host, port: EXECUTE_API_PORT };
  const kind = `${stage.apiType} API${stage.apiName ? ` ${stage.apiName}` : ''}`;
  return {
    targetId: targetIdOf(base),
    ...base,
    resourceArn: stageArn(scope, stage.apiType, stage.apiId, stage.stage),
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

/** A public custom domain's mapping of a path on it to one stage of one API. */
export interface DomainMapping {
  readonly domain: string;
  /** The path on the domain, without slashes at either end: '' for the root, "v1", "orders/v2". */
  readonly key: string;
  readonly apiId: string;
  readonly stage: string;
}

/** The target of a stage a custom domain maps (pure); `api` is what the API listing said of it, if it listed it. */
export function domainMappingTarget(scope: Scope, mapping: DomainMapping, api: Pick<ApiStage, 'apiType' | 'apiName'> | undefined): ProbeTarget {
  const apiType = api?.apiType ?? 'HTTP';
  const resource = resourceOf({ apiType, apiId: mapping.apiId, stage: mapping.stage });
  const basePath = mapping.key === '' ? undefined : `/${mapping.key.split('/').map(encodeURIComponent).join('/')}`;
  const base = { accountId: scope.accountId, region: scope.region, ...resource, address: mapping.domain, port: EXECUTE_API_PORT };
  const kind = `${apiType} API${api?.apiName ? ` ${api.apiName}` : ''}`;
  return {
    targetId: targetIdOf(base),
    ...base,
    resourceArn: stageArn(scope, apiType, mapping.apiId, mapping.stage),
    ...(basePath === undefined ? {} : { basePath }),
    reason: `custom domain ${mapping.domain}${basePath ?? '/'} → stage ${mapping.stage} of ${kind}`,
    context: {
      apiType,
      apiId: mapping.apiId,
      ...(api?.apiName ? { apiName: api.apiName } : {}),
      stage: mapping.stage,
      customDomain: mapping.domain,
      invokeUrl: `https://${mapping.domain}${basePath ?? '/'}`,
    },
    tlsExpected: true,
  };
}

/**
 * Targets of every stage served on a public execute-api endpoint or mapped by a public custom domain, and
 * every stage of every API as a listed resource.
 */
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
    const stagesByApi = await mapConcurrently(
      apis,
      STAGE_CALLS_IN_FLIGHT,
      async (entry) => {
        const read = entry.kind === 'REST' ? await restStages(scope, clients.apigateway, entry.api, signal) : await httpStages(scope, clients.apigatewayv2, entry.api, signal);
        apisRead += 1;
        return read;
      },
      signal,
    );
    const stages = stagesByApi.flat();
    const apisById = new Map(stages.map((stage) => [stage.apiId, stage] as const));
    const mappings = await domainMappings(clients, signal);
    // A regional domain shows in both listings, and a domain may map one stage under two paths: one target
    // per (stage, address), the first path found (any of them reaches the same stage).
    const targets = new Map<string, ProbeTarget>();
    for (const target of [
      ...stages.flatMap((stage) => apiStageTarget(scope, stage) ?? []),
      ...mappings.map((mapping) => domainMappingTarget(scope, mapping, apisById.get(mapping.apiId))),
    ]) {
      if (!targets.has(target.targetId)) targets.set(target.targetId, target);
    }
    return { targets: [...targets.values()], resources: stages.map((stage) => resourceKeyOf(resourceOf(stage))) };
  });
}

/**
 * The mappings of the public custom domains: the REST listing's (edge-optimized and regional domains, base
 * path mappings) and the v2 listing's (regional domains, API mappings). Private domains and wildcard names
 * (nothing to connect to) are left out.
 */
async function domainMappings(clients: { readonly apigateway: APIGatewayClient; readonly apigatewayv2: ApiGatewayV2Client }, signal: AbortSignal): Promise<DomainMapping[]> {
  const [restDomains, httpDomains] = await Promise.all([
    awsCall('apigateway', 'GetDomainNames', () => collect(paginateGetRestDomainNames({ client: clients.apigateway, pageSize: 500 }, {}), (page) => page.items, signal)),
    awsCall('apigateway', 'GetDomainNames', () => allPages((NextToken) => clients.apigatewayv2.send(new GetDomainNamesCommand({ MaxResults: '500', NextToken }), { abortSignal: signal }))),
  ]);
  const isPublicName = (name: string | undefined): name is string => !!name && !name.startsWith('*');
  const restNames = restDomains.filter((d) => !(d.endpointConfiguration?.types ?? []).includes('PRIVATE')).map((d) => d.domainName).filter(isPublicName);
  const httpNames = httpDomains.map((d) => d.DomainName).filter(isPublicName);
  const [restMappings, httpMappings] = await Promise.all([
    mapConcurrently(restNames, STAGE_CALLS_IN_FLIGHT, async (domain) => {
      const mappings = await awsCall('apigateway', 'GetBasePathMappings', () =>
        collect(paginateGetBasePathMappings({ client: clients.apigateway, pageSize: 500 }, { domainName: domain }), (page) => page.items, signal),
      );
      // "(none)" is the REST listing's name for the root.
      return mappings.flatMap((m) => (m.restApiId && m.stage ? [{ domain, key: m.basePath === '(none)' ? '' : (m.basePath ?? ''), apiId: m.restApiId, stage: m.stage }] : []));
    }, signal),
    mapConcurrently(httpNames, STAGE_CALLS_IN_FLIGHT, async (domain) => {
      const mappings = await awsCall('apigateway', 'GetApiMappings', () =>
        allPages((NextToken) => clients.apigatewayv2.send(new GetApiMappingsCommand({ DomainName: domain, MaxResults: '500', NextToken }), { abortSignal: signal })),
      );
      return mappings.flatMap((m) => (m.ApiId && m.Stage ? [{ domain, key: m.ApiMappingKey ?? '', apiId: m.ApiId, stage: m.Stage }] : []));
    }, signal),
  ]);
  return [...restMappings.flat(), ...httpMappings.flat()].map((m) => ({ ...m, key: m.key.replace(/^\/+|\/+$/g, '') }));
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
