/**
 * The scan end to end for targets that are names, not addresses: a Lambda function URL, an API
 * Gateway stage, OpenSearch Service domains, a CloudFront distribution and AgentCore gateways, listed from moto, probed
 * through the address map on loopback (the function URL is the official MCP SDK's server; the REST API's
 * stage `prod` an Ollama replay mounted under /prod; the open domain a replay of a real OpenSearch with
 * its security plugin off, the signed-only one a replay of AWS's access-policy refusal; the distribution
 * a replay of a real Open WebUI with its login off; the open gateway, set to MCP's stateless revision only, the
 * official SDK v2's server refusing the 2025 handshake, the JWT one the SDK's server with a bearer token), and reconciled on the embedded store. Proves the stage's base path reaches the prober through the
 * workspace, that the Host header names the endpoint as a browser would (no ":443"), and what the
 * alert says about both.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GLOBAL_RESOURCES_REGION } from '../../../lambdas/inventory/regions.js';
import { createScopeClients } from '../../../lambdas/inventory/clients.js';
import { inventoryScope } from '../../../lambdas/inventory/inventory-scope.js';
import { awsScopeLister, candidatePortsOf } from '../../../lambdas/pipeline/aws-wiring.js';
import { runScan } from '../../../lambdas/pipeline/run-scan.js';
import { catalog } from '../../../lambdas/probe/fingerprints/index.js';
import { createProber } from '../../../lambdas/probe/prober.js';
import { historyOfScanCommand } from '../../../lambdas/shared/cli-commands.js';
import type { ProbeTarget, Scope } from '../../../lambdas/shared/model.js';
import { loopbackAddressMap } from '../../support/address-map.js';
import {
  buildAgentCoreScenario,
  buildApiGatewayScenario,
  buildCloudFrontScenario,
  buildFunctionUrlScenario,
  buildOpenSearchScenario,
  MOTO_ACCOUNT_ID,
  type AgentCoreScenario,
  type ApiGatewayScenario,
  type CloudFrontScenario,
  type FunctionUrlScenario,
  type OpenSearchScenario,
} from '../../support/aws-fixture.js';
import { loadFixtures } from '../../support/fixture-format.js';
import { startHttpServer, type LoopbackServer } from '../../support/hostile-servers.js';
import { startLocalStateStore, type LocalStateStore } from '../../support/local-state-store.js';
import { startMoto, type MotoServer } from '../../support/moto.js';
import { freeLoopbackPort } from '../../support/process.js';
import { startReplayServer, type ReplayServer } from '../../support/replay-server.js';
import type { RunningServer } from '../../support/servers/common.js';
import { startMcpServer, startStatelessMcpServer } from '../../support/servers/mcp.js';

const FUNCTIONS_REGION = 'eu-central-1';
const APIS_REGION = 'ap-southeast-2';
const DOMAINS_REGION = 'ca-central-1';
const GATEWAYS_REGION = 'us-west-2';
const REGIONS = [FUNCTIONS_REGION, APIS_REGION, DOMAINS_REGION, GLOBAL_RESOURCES_REGION, GATEWAYS_REGION];
const candidatePorts = candidatePortsOf(catalog, []);

let moto: MotoServer;
let local: LocalStateStore;
let functions: FunctionUrlScenario;
let apis: ApiGatewayScenario;
let domains: OpenSearchScenario;
let distributions: CloudFrontScenario;
let gateways: AgentCoreScenario;
let mcp: RunningServer;
let mcpWithToken: RunningServer;
let statelessMcp: RunningServer;
let ollama: ReplayServer;
let openCluster: ReplayServer;
let policyRefusal: ReplayServer;
let openWebUi: ReplayServer;
let stage: LoopbackServer;
let closedPort: number;

const clientsFor = (scope: Scope) => createScopeClients(scope.region, { endpoint: moto.endpoint, credentials: moto.credentials, maxAttempts: 2 });

/** An API Gateway stage in front of Ollama: requests under /prod go to it without the prefix, anything else gets the gateway's 403. */
function stageInFrontOf(backendPort: number): Promise<LoopbackServer> {
  return startHttpServer((request, response) => {
    const url = request.url ?? '';
    if (url !== '/prod' && !url.startsWith('/prod/')) {
      response.writeHead(403, { 'content-type': 'application/json' });
      response.end('{"message":"Missing Authentication Token"}');
      return;
    }
    const forwarded = http.request(
      { host: '127.0.0.1', port: backendPort, method: request.method, path: url.slice('/prod'.length) || '/', headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forwarded.on('error', () => response.destroy());
    request.pipe(forwarded);
  });
}

beforeAll(async () => {
  moto = await startMoto();
  const fixtures = loadFixtures();
  const fixture = (family: string, name: string) => {
    const found = fixtures.find((f) => f.family === family && f.name === name);
    if (!found) throw new Error(`test/fixtures/${family}/${name}.json is missing`);
    return found.fixture;
  };
  const settings = (region: string) => ({ endpoint: moto.endpoint, credentials: moto.credentials, region });
  [functions, apis, domains, distributions, gateways, mcp, mcpWithToken, statelessMcp, ollama, openCluster, policyRefusal, openWebUi, local, closedPort] = await Promise.all([
    buildFunctionUrlScenario(settings(FUNCTIONS_REGION)),
    buildApiGatewayScenario(settings(APIS_REGION)),
    buildOpenSearchScenario(settings(DOMAINS_REGION)),
    buildCloudFrontScenario(settings(GLOBAL_RESOURCES_REGION)),
    buildAgentCoreScenario(settings(GATEWAYS_REGION)),
    startMcpServer(),
    startMcpServer({ token: 'gateway-test-token' }),
    startStatelessMcpServer({ legacy: 'reject' }),
    startReplayServer(fixture('ollama', 'open')),
    startReplayServer(fixture('opensearch', 'security-disabled')),
    startReplayServer(fixture('opensearch', 'aws-access-policy')),
    startReplayServer(fixture('open-webui', 'auth-off')),
    startLocalStateStore('aem-serverless-'),
    freeLoopbackPort(),
  ]);
  stage = await stageInFrontOf(ollama.port);
});

afterAll(async () => {
  await Promise.all([mcp?.stop(), mcpWithToken?.stop(), statelessMcp?.stop(), ollama?.stop(), openCluster?.stop(), policyRefusal?.stop(), openWebUi?.stop(), stage?.close(), local?.stop()]);
  await moto?.stop();
});

describe('runScan: function URLs, API Gateway stages, OpenSearch Service domains, CloudFront and AgentCore gateways (moto, loopback)', () => {
  it('finds the MCP server behind a function URL, the Ollama behind a REST API stage, the open OpenSearch domain, the Open WebUI behind CloudFront and the gateway anyone may call, and alerts on them', async () => {
    // Prepare: every listed target goes to loopback; all but the two services to a closed port
    const targets: ProbeTarget[] = [];
    for (const region of REGIONS) {
      const scope = { accountId: MOTO_ACCOUNT_ID, region };
      const inventory = await inventoryScope(scope, clientsFor(scope), { candidatePorts });
      if (!inventory.ok) throw new Error(`inventory of ${region} failed: ${inventory.error}`);
      targets.push(...inventory.targets);
    }
    const restStage = `${apis.publicRest.id}/prod`;
    const restHost = `${apis.publicRest.id}.execute-api.${APIS_REGION}.amazonaws.com`;
    const addressMap = loopbackAddressMap(targets, (t) => {
      if (t.address === functions.openFunction.host) return mcp.port;
      if (t.address === restHost) return stage.port;
      if (t.address === domains.openDomain.endpoint) return openCluster.port;
      if (t.address === domains.signedDomain.endpoint) return policyRefusal.port;
      if (t.address === distributions.chatUi.domainName) return openWebUi.port;
      if (t.address === gateways.openGateway.host) return statelessMcp.port;
      if (t.address === gateways.jwtGateway.host) return mcpWithToken.port;
      return closedPort;
    });
    const prober = createProber({ catalog, addressMap, budgets: { connectTimeoutMs: 1_000, targetTimeoutMs: 5_000 } });

    // Act
    const { report, alert } = await runScan(
      { store: local.store, listScope: awsScopeLister(clientsFor, candidatePorts), batchSize: 25, prober, now: () => new Date(), listAllCommand: historyOfScanCommand },
      { accounts: [MOTO_ACCOUNT_ID], regions: REGIONS },
    );

    // Assess: both exposures, named by their resources, with what they give away
    expect(report.scopes.map((s) => [s.scope.region, s.ok, s.unlisted ?? []]).sort()).toEqual([
      [APIS_REGION, true, []],
      [DOMAINS_REGION, true, []],
      [FUNCTIONS_REGION, true, []],
      [GLOBAL_RESOURCES_REGION, true, []],
      [GATEWAYS_REGION, true, []],
    ]);
    const exposures = report.currentExposures.map((e) => [e.target.resourceType, e.target.resourceId, e.snapshot.verdict, e.snapshot.service?.id]);
    expect(exposures.sort()).toEqual(
      [
        ['apigateway-rest-api', restStage, 'unauthenticated', 'ollama'],
        ['lambda-function', functions.openFunction.name, 'unauthenticated', 'mcp-streamable-http'],
        ['opensearch-domain', domains.openDomain.name, 'unauthenticated', 'opensearch'],
        ['opensearch-domain', domains.signedDomain.name, 'auth-required', 'opensearch'],
        ['cloudfront-distribution', distributions.chatUi.id, 'unauthenticated', 'open-webui'],
        ['agentcore-gateway', gateways.openGateway.id, 'unauthenticated', 'mcp-streamable-http'],
        ['agentcore-gateway', gateways.jwtGateway.id, 'auth-required', 'mcp-streamable-http'],
      ].sort(),
    );
    expect(stage.requests.length).toBeGreaterThan(0);
    expect(stage.requests.filter((r) => !r.url.startsWith('/prod/') || r.headers.host !== restHost)).toEqual([]);
    expect(alert?.body).toContain(`lambda-function ${functions.openFunction.name}`);
    expect(alert?.body).toContain(`apigateway-rest-api ${restStage}`);
    expect(alert?.body).toContain('tools: echo');
    expect(alert?.body).toContain(`opensearch-domain ${domains.openDomain.name}`);
    expect(alert?.body).toContain(`cloudfront-distribution ${distributions.chatUi.id}`);
    expect(alert?.body).toContain(`agentcore-gateway ${gateways.openGateway.id}`);
    // The gateway set to the stateless revision only refused the handshake; discover and tools/list told the rest.
    expect(report.currentExposures.find((e) => e.target.resourceId === gateways.openGateway.id)).toMatchObject({
      target: { context: { mcpVersions: '2026-07-28' } },
      snapshot: { version: '0.0.2' },
    });
    // The alert wraps its lines: read it as one.
    expect(alert?.body.replace(/\s+/g, ' ')).toContain('Reached via: OpenSearch Service domain with a public endpoint (access policy: allows anyone (Principal "*", no condition))');
  });
});
