/**
 * Starts a server from a project venv (.venv-ai unless told) in its own process group with a temp HOME and working directory,
 * waits for its "listening" log line, and stops the whole group by PID: MLflow and MLServer fork
 * workers that a plain SIGTERM to the parent would leave behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { waitForLine } from '../process.js';
import { serverVenvBinary, type ServerVenv } from './ai-venv.js';
import { freePort, tempDir, waitForPort, type RunningServer } from './common.js';

export interface PythonServerSpec {
  readonly label: string;
  /** Executable name in the venv's bin. */
  readonly binary: string;
  /** Where `binary` is: .venv-ai unless told. */
  readonly venv?: ServerVenv;
  readonly args: (port: number, dir: string) => readonly string[];
  readonly env?: (port: number, dir: string) => Readonly<Record<string, string>>;
  /** Writes what the server reads at start (a config file, a model store) into its working directory. */
  readonly prepare?: (port: number, dir: string) => Promise<void>;
  /** A log line that appears once the server is up; the port is then polled until it accepts connections too. */
  readonly ready: (port: number) => RegExp;
  readonly readyTimeoutMs?: number;
}

/** No telemetry or hub traffic from the servers: the suite talks to loopback only. */
const offline = {
  ANONYMIZED_TELEMETRY: 'False',
  GRADIO_ANALYTICS_ENABLED: 'False',
  HF_HUB_OFFLINE: '1',
  MLFLOW_DISABLE_TELEMETRY: 'true',
  DO_NOT_TRACK: '1',
  HAYSTACK_TELEMETRY_ENABLED: 'False',
  PYTHONUNBUFFERED: '1',
  // MLServer imports the echo model from the source tree; keep __pycache__ out of it.
  PYTHONDONTWRITEBYTECODE: '1',
};

const GRACE_MS = 5_000;

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch (error) {
    // ESRCH: the group is already gone.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** SIGTERM to the group, SIGKILL to the group after the grace period or once the leader has exited. */
function stopGroup(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(killer);
      signalGroup(child, 'SIGKILL');
      resolve();
    };
    const killer = setTimeout(finish, GRACE_MS);
    if (child.exitCode !== null || child.signalCode !== null) return finish();
    child.once('exit', finish);
    signalGroup(child, 'SIGTERM');
  });
}

export async function startPythonServer(spec: PythonServerSpec): Promise<RunningServer> {
  const binary = serverVenvBinary(spec.binary, spec.venv);
  const port = await freePort();
  const dir = await tempDir(spec.label);
  await spec.prepare?.(port, dir.path);
  const child = spawn(binary, spec.args(port, dir.path), {
    cwd: dir.path,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...offline, HOME: dir.path, ...spec.env?.(port, dir.path) },
  });
  const stop = async () => {
    await stopGroup(child);
    await dir.remove();
  };
  try {
    await waitForLine(child, spec.ready(port), spec.readyTimeoutMs ?? 90_000, spec.label);
    // Some servers log their address before they bind it: marimo prints its URL, then starts uvicorn.
    await waitForPort(port, spec.label);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, pid: child.pid!, stop };
}
