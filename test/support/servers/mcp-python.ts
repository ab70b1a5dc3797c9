/**
 * Real MCP server on the official Python SDK (FastMCP, PyPI mcp, .venv-ai) serving python/mcp_fastmcp.py on
 * 127.0.0.1: stateful as FastMCP is by default (sessions kept until DELETE; requests refused before the
 * client's `notifications/initialized`), or stateless; answering any Host as when bound to 0.0.0.0, or with
 * the Host check FastMCP turns on by itself on 127.0.0.1; or mounted at /mcp in a Starlette app, as web apps mount it.
 */
import { fileURLToPath } from 'node:url';
import type { RunningServer } from './common.js';
import { startPythonServer } from './python-server.js';

/** The Python SDK names itself in `serverInfo.version`. */
export const mcpPythonSdkVersion = '1.30.0';

const app = fileURLToPath(new URL('./python/mcp_fastmcp.py', import.meta.url));

export function startFastMcpServer(options: { readonly stateless?: boolean; readonly hostCheck?: boolean; readonly mounted?: boolean } = {}): Promise<RunningServer> {
  return startPythonServer({
    label: `fastmcp-${options.stateless === true ? 'stateless' : 'stateful'}${options.hostCheck === true ? '-host-check' : ''}${options.mounted === true ? '-mounted' : ''}`,
    binary: 'python',
    args: () => [app],
    env: (port) => ({
      PORT: String(port),
      ...(options.stateless === true ? { MCP_STATELESS: '1' } : {}),
      ...(options.hostCheck === true ? { HOST_CHECK: '1' } : {}),
      ...(options.mounted === true ? { MOUNTED: '1' } : {}),
    }),
    ready: (port) => new RegExp(`Uvicorn running on http://127\\.0\\.0\\.1:${port}`),
  });
}
