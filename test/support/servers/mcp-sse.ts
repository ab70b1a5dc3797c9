/** Starts test/support/servers/mcp-sse-server.ts (official MCP SDK, legacy HTTP+SSE) as a child process on 127.0.0.1. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitForLine } from '../process.js';
import { freePort, runningOnceReady, type RunningServer } from './common.js';

const script = fileURLToPath(new URL('./mcp-sse-server.ts', import.meta.url));

export async function startMcpSseServer(options: { readonly token?: string } = {}): Promise<RunningServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
  if (options.token !== undefined) env.MCP_TOKEN = options.token;
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'], env });
  return runningOnceReady(child, port, waitForLine(child, /mcp-sse listening/, 60_000, 'mcp-sse-server'));
}
