/** The fingerprint catalog: every family the probe knows, as data. The engine imports only this. */
import { chromadb } from './chromadb.js';
import { jupyterServer } from './jupyter-server.js';
import { mcpStreamableHttp } from './mcp-streamable-http.js';
import { mlflow } from './mlflow.js';
import { nvidiaTriton } from './nvidia-triton.js';
import { ollama } from './ollama.js';
import { openInferenceProtocol } from './open-inference-protocol.js';
import { openaiCompatible } from './openai-compatible.js';
import { rayDashboard } from './ray-dashboard.js';
import { redis } from './redis.js';
import type { Fingerprint } from './types.js';

export const catalog: readonly Fingerprint[] = [
  ollama,
  openaiCompatible,
  nvidiaTriton,
  openInferenceProtocol,
  jupyterServer,
  chromadb,
  rayDashboard,
  mlflow,
  mcpStreamableHttp,
  redis,
];
