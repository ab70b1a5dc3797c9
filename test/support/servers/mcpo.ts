/**
 * Real mcpo (PyPI, .venv-ai), Open WebUI's MCP-to-OpenAPI proxy, on 127.0.0.1 in front of python/mcp_stdio_echo.py (one
 * tool, `echo`, over stdio): one server given on its command line, without an API key, with one (`--api-key`, which
 * guards the tool routes), with one and `--strict-auth` (which guards every path, its documents included), or two
 * servers named in a config file (`--config`), each mounted under its name.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverVenvBinary } from './ai-venv.js';
import type { RunningServer } from './common.js';
import { startPythonServer } from './python-server.js';

export const mcpoVersion = '0.0.20';

export type McpoMode = 'open' | 'api-key' | 'strict-auth' | 'config';

const toolServer = fileURLToPath(new URL('./python/mcp_stdio_echo.py', import.meta.url));

export function startMcpo(mode: McpoMode, apiKey = 'mcpo-test-key'): Promise<RunningServer> {
  const python = serverVenvBinary('python');
  const keyArgs = { open: [], 'api-key': ['--api-key', apiKey], 'strict-auth': ['--api-key', apiKey, '--strict-auth'], config: [] }[mode];
  return startPythonServer({
    label: `mcpo-${mode}`,
    binary: 'mcpo',
    args: (port, dir) => [
      '--host', '127.0.0.1', '--port', String(port), ...keyArgs,
      ...(mode === 'config' ? ['--config', join(dir, 'mcp.json')] : ['--', python, toolServer]),
    ],
    prepare: async (_port, dir) => {
      if (mode !== 'config') return;
      const server = { command: python, args: [toolServer] };
      await writeFile(join(dir, 'mcp.json'), JSON.stringify({ mcpServers: { echo: server, 'echo-again': server } }));
    },
    ready: (port) => new RegExp(`Uvicorn running on http://127\\.0\\.0\\.1:${port}`),
  });
}
