/**
 * Amazon Bedrock AgentCore gateways as targets: MCP servers AWS hosts on a public endpoint, aggregating tools
 * that call the user's Lambdas and APIs. One TLS target on 443 per serving gateway that a caller can reach
 * without AWS credentials: inbound authorization NONE (anyone may list and call its tools), CUSTOM_JWT or
 * AUTHENTICATE_ONLY (a bearer token, which the probe sees demanded). A gateway that demands IAM signatures
 * (AWS_IAM) is none, as a function URL's AWS_IAM is. AgentCore is offered in some regions only.
 */
import { GetGatewayCommand, paginateListGateways, type BedrockAgentCoreControlClient, type GatewaySummary } from '@aws-sdk/client-bedrock-agentcore-control';
import { resourceKeyOf, targetIdOf, type ProbeTarget, type Scope } from '../shared/model.js';
import { awsCall } from './errors.js';
import type { ListedTargets } from './load-balancers.js';
import { collect, mapConcurrently } from './paging.js';

const GATEWAY_CALLS_IN_FLIGHT = 4;
const GATEWAY_PORT = 443;
/** States in which a gateway answers (an update keeps serving the last good configuration). */
const SERVING = new Set(['READY', 'UPDATING', 'UPDATE_UNSUCCESSFUL']);
/** Inbound authorization a caller without AWS credentials can get past or be refused by, by the gateway itself. */
const WITHOUT_AWS_SIGNATURES: ReadonlyMap<string, string> = new Map([
  ['NONE', 'inbound authorization NONE (anyone may list and call its tools)'],
  ['CUSTOM_JWT', 'inbound authorization CUSTOM_JWT (a bearer token from its identity provider)'],
  ['AUTHENTICATE_ONLY', 'inbound authorization AUTHENTICATE_ONLY (any authenticated caller; authorization left to its targets)'],
]);
/** The MCP endpoint's own path, which the catalog's MCP requests name. */
const MCP_PATH = /\/mcp\/?$/;

export interface Gateway {
  readonly summary: Pick<GatewaySummary, 'gatewayId' | 'name' | 'status' | 'authorizerType' | 'protocolType'>;
  readonly url: string;
  readonly arn?: string;
  /** The MCP revisions the gateway is set to speak (a gateway of the stateless revision only refuses `initialize`). */
  readonly mcpVersions?: readonly string[];
}

/** A gateway's serving state and authorization, and a target when it is one (pure). */
export function gatewayTarget(scope: Scope, gateway: Gateway): ProbeTarget | undefined {
  const { gatewayId, name, status, authorizerType, protocolType } = gateway.summary;
  const how = authorizerType === undefined ? undefined : WITHOUT_AWS_SIGNATURES.get(authorizerType);
  if (!gatewayId || authorizerType === undefined || how === undefined || status === undefined || !SERVING.has(status)) return undefined;
  const url = new URL(gateway.url);
  // The catalog asks for /mcp itself; a gateway URL naming it (as AWS's does) adds no path of its own.
  const basePath = url.pathname.replace(MCP_PATH, '').replace(/\/$/, '');
  const base = { accountId: scope.accountId, region: scope.region, resourceType: 'agentcore-gateway' as const, resourceId: gatewayId, address: url.hostname, port: GATEWAY_PORT };
  return {
    targetId: targetIdOf(base),
    ...base,
    ...(basePath ? { basePath } : {}),
    ...(gateway.arn ? { resourceArn: gateway.arn } : {}),
    reason: `AgentCore gateway${name ? ` ${name}` : ''} with ${how}`,
    context: {
      gatewayUrl: gateway.url,
      authorizerType,
      ...(protocolType ? { protocolType } : {}),
      ...(gateway.mcpVersions?.length ? { mcpVersions: gateway.mcpVersions.join(', ') } : {}),
      status,
    },
    tlsExpected: true,
  };
}

/** Targets of the gateways a caller without AWS credentials reaches, and every gateway as a listed resource. */
export async function listAgentCoreGatewayTargets(scope: Scope, agentcore: BedrockAgentCoreControlClient): Promise<ListedTargets> {
  const summaries = await awsCall('bedrock-agentcore', 'ListGateways', () => collect(paginateListGateways({ client: agentcore, pageSize: 100 }, {}), (page) => page.items));
  // Only a gateway that could be a target is worth a GetGateway for its URL.
  const candidates = summaries.filter((s) => s.gatewayId && s.authorizerType !== undefined && WITHOUT_AWS_SIGNATURES.has(s.authorizerType));
  const gateways = await mapConcurrently(candidates, GATEWAY_CALLS_IN_FLIGHT, async (summary): Promise<Gateway | undefined> => {
    const detail = await awsCall('bedrock-agentcore', 'GetGateway', async () => {
      try {
        return await agentcore.send(new GetGatewayCommand({ gatewayIdentifier: summary.gatewayId }));
      } catch (error) {
        // Deleted since it was listed: it is still a listed resource this scan, with no target.
        if (error instanceof Error && error.name === 'ResourceNotFoundException') return undefined;
        throw error;
      }
    });
    if (detail === undefined) return undefined;
    // The summary may be older than the detail: the detail's state and authorization win.
    const current = { ...summary, ...(detail.status ? { status: detail.status } : {}), ...(detail.authorizerType ? { authorizerType: detail.authorizerType } : {}) };
    const mcpVersions = detail.protocolConfiguration?.mcp?.supportedVersions;
    return detail.gatewayUrl
      ? { summary: current, url: detail.gatewayUrl, ...(detail.gatewayArn ? { arn: detail.gatewayArn } : {}), ...(mcpVersions?.length ? { mcpVersions } : {}) }
      : undefined;
  });
  return {
    targets: gateways.flatMap((gateway) => (gateway ? (gatewayTarget(scope, gateway) ?? []) : [])),
    resources: summaries.flatMap((s) => (s.gatewayId ? [resourceKeyOf({ resourceType: 'agentcore-gateway', resourceId: s.gatewayId })] : [])),
  };
}
