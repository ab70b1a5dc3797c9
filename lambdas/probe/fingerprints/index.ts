/** The fingerprint catalog: every family the probe knows, as data. The engine imports only this. */
import { a2aAgentCard } from './a2a-agent-card.js';
import { agnoAgentos } from './agno-agentos.js';
import { aim } from './aim.js';
import { anythingllm } from './anythingllm.js';
import { arizePhoenix } from './arize-phoenix.js';
import { autogenStudio } from './autogen-studio.js';
import { argilla } from './argilla.js';
import { astrbot } from './astrbot.js';
import { bentoml } from './bentoml.js';
import { chainlit } from './chainlit.js';
import { chromadb } from './chromadb.js';
import { clearml } from './clearml.js';
import { cog } from './cog.js';
import { cognee } from './cognee.js';
import { comfyui } from './comfyui.js';
import { dagster } from './dagster.js';
import { daskDashboard } from './dask-dashboard.js';
import { daskScheduler } from './dask-scheduler.js';
import { dify } from './dify.js';
import { elasticsearch } from './elasticsearch.js';
import { evidentlyUi } from './evidently-ui.js';
import { fastchat } from './fastchat.js';
import { fastchatController } from './fastchat-controller.js';
import { flowerSuperlink } from './flower-superlink.js';
import { flowerSuperlinkHttp } from './flower-superlink-http.js';
import { feastFeatureServer } from './feast-feature-server.js';
import { feastRegistryGrpc } from './feast-registry-grpc.js';
import { feastRegistryServer } from './feast-registry-server.js';
import { feastUi } from './feast-ui.js';
import { fiftyone } from './fiftyone.js';
import { genkit } from './genkit.js';
import { flowise } from './flowise.js';
import { googleAdk } from './google-adk.js';
import { gpustack } from './gpustack.js';
import { gradio } from './gradio.js';
import { h2o } from './h2o.js';
import { hayhooks } from './hayhooks.js';
import { hfTei } from './hf-tei.js';
import { hfTgi } from './hf-tgi.js';
import { inspectView } from './inspect-view.js';
import { invokeai } from './invokeai.js';
import { jupyterKernelGateway } from './jupyter-kernel-gateway.js';
import { jupyterServer } from './jupyter-server.js';
import { jupyterhub } from './jupyterhub.js';
import { kedroViz } from './kedro-viz.js';
import { koboldcpp } from './koboldcpp.js';
import { kubeflowPipelines } from './kubeflow-pipelines.js';
import { labelStudio } from './label-studio.js';
import { labelStudioMlBackend } from './label-studio-ml-backend.js';
import { langchainChatchat } from './langchain-chatchat.js';
import { langflow } from './langflow.js';
import { langfuse } from './langfuse.js';
import { langgraphServer } from './langgraph-server.js';
import { langserve } from './langserve.js';
import { letta } from './letta.js';
import { librechat } from './librechat.js';
import { lightrag } from './lightrag.js';
import { litellm } from './litellm.js';
import { litserve } from './litserve.js';
import { llamaCppPython } from './llama-cpp-python.js';
import { llamaCppServer } from './llama-cpp-server.js';
import { llamaAgentsAppserver } from './llama-agents-appserver.js';
import { llamaDeploy } from './llama-deploy.js';
import { llamaSwap } from './llama-swap.js';
import { llamaStack } from './llama-stack.js';
import { lmStudio } from './lm-studio.js';
import { lobechat } from './lobechat.js';
import { localai } from './localai.js';
import { magenticUi } from './magentic-ui.js';
import { marimo } from './marimo.js';
import { marqo } from './marqo.js';
import { mastra } from './mastra.js';
import { mcpContextforge } from './mcp-contextforge.js';
import { mcpInspector } from './mcp-inspector.js';
import { mcpo } from './mcpo.js';
import { mcpjamInspector } from './mcpjam-inspector.js';
import { mcpSse } from './mcp-sse.js';
import { mcpStreamableHttp } from './mcp-streamable-http.js';
import { meilisearch } from './meilisearch.js';
import { milvus } from './milvus.js';
import { mindsdb } from './mindsdb.js';
import { mlflow } from './mlflow.js';
import { mlflowGateway } from './mlflow-gateway.js';
import { n8n } from './n8n.js';
import { nemoGuardrails } from './nemo-guardrails.js';
import { nvidiaNim } from './nvidia-nim.js';
import { nvidiaTriton } from './nvidia-triton.js';
import { nvidiaTritonGrpc } from './nvidia-triton-grpc.js';
import { ollama } from './ollama.js';
import { omniroute } from './omniroute.js';
import { claudeCodeRouter } from './claude-code-router.js';
import { portkeyGateway } from './portkey-gateway.js';
import { openInferenceProtocol } from './open-inference-protocol.js';
import { openInferenceProtocolGrpc } from './open-inference-protocol-grpc.js';
import { openInterpreter } from './open-interpreter.js';
import { openhands } from './openhands.js';
import { openclaw } from './openclaw.js';
import { openWebui } from './open-webui.js';
import { openaiCompatible } from './openai-compatible.js';
import { opensearch } from './opensearch.js';
import { optunaDashboard } from './optuna-dashboard.js';
import { prefectServer } from './prefect-server.js';
import { promptflow } from './promptflow.js';
import { promptflowServe } from './promptflow-serve.js';
import { promptfoo } from './promptfoo.js';
import { chainforge } from './chainforge.js';
import { qdrant } from './qdrant.js';
import { rayDashboard } from './ray-dashboard.js';
import { rayServe } from './ray-serve.js';
import { redis } from './redis.js';
import { sglang } from './sglang.js';
import { sillytavern } from './sillytavern.js';
import { skypilotApiServer } from './skypilot-api-server.js';
import { stableDiffusionWebui } from './stable-diffusion-webui.js';
import { streamlit } from './streamlit.js';
import { tensorboard } from './tensorboard.js';
import { tensorflowServing } from './tensorflow-serving.js';
import { textGenerationWebui } from './text-generation-webui.js';
import { torchserve } from './torchserve.js';
import { torchserveGrpcInference } from './torchserve-grpc-inference.js';
import { torchserveGrpcManagement } from './torchserve-grpc-management.js';
import { typesense } from './typesense.js';
import { vanna } from './vanna.js';
import { vespa } from './vespa.js';
import { vllm } from './vllm.js';
import { voila } from './voila.js';
import { voltagent } from './voltagent.js';
import { weaviate } from './weaviate.js';
import { weaviateGrpc } from './weaviate-grpc.js';
import { xinference } from './xinference.js';
import { zenml } from './zenml.js';
import { zeppelin } from './zeppelin.js';
import type { Fingerprint } from './types.js';

export const catalog: readonly Fingerprint[] = [
  // Model servers and gateways
  ollama,
  vllm,
  sglang,
  fastchat,
  fastchatController,
  llamaSwap,
  llamaCppServer,
  llamaCppPython,
  localai,
  lmStudio,
  koboldcpp,
  textGenerationWebui,
  hfTgi,
  hfTei,
  litellm,
  omniroute,
  claudeCodeRouter,
  portkeyGateway,
  mlflowGateway,
  nemoGuardrails,
  llamaStack,
  xinference,
  gpustack,
  nvidiaNim,
  nvidiaTriton,
  nvidiaTritonGrpc,
  torchserve,
  torchserveGrpcManagement,
  torchserveGrpcInference,
  tensorflowServing,
  openInferenceProtocol,
  openInferenceProtocolGrpc,
  bentoml,
  cog,
  litserve,
  rayServe,
  openaiCompatible,
  // Notebooks and ML platforms
  // Before Jupyter Server, which it ties with: its /api answers as Jupyter Server's does.
  jupyterKernelGateway,
  jupyterServer,
  jupyterhub,
  marimo,
  mlflow,
  rayDashboard,
  kubeflowPipelines,
  labelStudio,
  labelStudioMlBackend,
  argilla,
  fiftyone,
  zenml,
  h2o,
  zeppelin,
  tensorboard,
  aim,
  optunaDashboard,
  promptfoo,
  chainforge,
  inspectView,
  evidentlyUi,
  langfuse,
  arizePhoenix,
  clearml,
  prefectServer,
  skypilotApiServer,
  dagster,
  kedroViz,
  feastFeatureServer,
  feastUi,
  feastRegistryServer,
  feastRegistryGrpc,
  mindsdb,
  daskDashboard,
  flowerSuperlink,
  flowerSuperlinkHttp,
  // UIs and apps
  gradio,
  streamlit,
  voila,
  chainlit,
  openWebui,
  comfyui,
  stableDiffusionWebui,
  invokeai,
  sillytavern,
  librechat,
  anythingllm,
  lobechat,
  // Agent and workflow builders
  langflow,
  flowise,
  n8n,
  dify,
  langgraphServer,
  langserve,
  // Before AutoGen Studio, which it ties with: its /api/version repeats AutoGen Studio's envelope.
  magenticUi,
  autogenStudio,
  hayhooks,
  llamaDeploy,
  llamaAgentsAppserver,
  agnoAgentos,
  mastra,
  voltagent,
  googleAdk,
  genkit,
  letta,
  openInterpreter,
  openhands,
  openclaw,
  langchainChatchat,
  lightrag,
  cognee,
  astrbot,
  vanna,
  promptflow,
  promptflowServe,
  // Vector and search stores
  chromadb,
  qdrant,
  weaviate,
  weaviateGrpc,
  milvus,
  elasticsearch,
  opensearch,
  redis,
  // After Redis, though an ML platform: wherever HTTP got no answer both are asked, in catalog order, and its greeting read
  // waits a second on a Redis, which speaks only when spoken to. Once Redis's PING has answered, it is not asked.
  daskScheduler,
  typesense,
  meilisearch,
  marqo,
  vespa,
  // Agent protocols
  mcpInspector,
  mcpjamInspector,
  mcpContextforge,
  mcpStreamableHttp,
  mcpSse,
  mcpo,
  a2aAgentCard,
];
