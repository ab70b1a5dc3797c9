/** Starts test/support/servers/mcp-server.ts (official MCP SDK) as a child process on 127.0.0.1. */
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

export async function startMcpServer(options: McpServerOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
  if (options.token !== undefined) env.MCP_TOKEN = options.token;
  if (options.hostCheck === true) env.HOST_CHECK = '1';
  if (options.jsonResponse === true) env.JSON_RESPONSE = '1';
  if (options.stateful === true) env.STATEFUL = '1';
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'], env });
  return runningOnceReady(child, port, waitForLine(child, /mcp listening/, 60_000, 'mcp-server'));
}
