/**
 * Starts test/support/servers/mcp-server.ts (official MCP SDK 1.x) or mcp-stateless-server.ts (SDK v2, the
 * stateless revision) as a child process on 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitForLine } from '../process.js';
import { freePort, runningOnceReady, type RunningServer } from './common.js';

export interface McpServerOptions {
  readonly token?: string;
  readonly hostCheck?: boolean;
  readonly jsonResponse?: boolean;
  /** Sessions kept until the client ends them (DELETE); GET /test/sessions counts the open ones. */
  readonly stateful?: boolean;
}

const script = fileURLToPath(new URL('./mcp-server.ts', import.meta.url));
const statelessScript = fileURLToPath(new URL('./mcp-stateless-server.ts', import.meta.url));

export async function startMcpServer(options: McpServerOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
  if (options.token !== undefined) env.MCP_TOKEN = options.token;
  if (options.hostCheck === true) env.HOST_CHECK = '1';
  if (options.jsonResponse === true) env.JSON_RESPONSE = '1';
  if (options.stateful === true) env.STATEFUL = '1';
  return startScript(script, port, env);
}

export interface StatelessMcpServerOptions {
  /** `reject`: the stateless revision only (`initialize` refused); `stateless`: the SDK's default, the 2025 revisions too. */
  readonly legacy: 'reject' | 'stateless';
  readonly token?: string;
}

export async function startStatelessMcpServer(options: StatelessMcpServerOptions): Promise<RunningServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), LEGACY: options.legacy };
  if (options.token !== undefined) env.MCP_TOKEN = options.token;
  return startScript(statelessScript, port, env);
}

function startScript(path: string, port: number, env: NodeJS.ProcessEnv): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', path], { stdio: ['ignore', 'pipe', 'pipe'], env });
  return runningOnceReady(child, port, waitForLine(child, /mcp listening/, 60_000, 'mcp-server'));
}
