/**
 * The project-local virtualenvs of real AI servers from PyPI, each pinned by a requirements file and installed by
 * scripts/test-prereqs.sh: `.venv-ai` for most, and one of its own for a server whose requirements its pins exclude.
 * A missing venv or binary is an error, never a skip: the conformance suite must not pass without its servers.
 */
import { accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface ServerVenv {
  readonly dir: string;
  /** The file that pins it, named in the error that asks to install it. */
  readonly requirements: string;
}

const projectPath = (relative: string): string => fileURLToPath(new URL(`../../../${relative}`, import.meta.url));

export const aiServersVenv: ServerVenv = { dir: projectPath('.venv-ai/'), requirements: 'test/support/ai-servers-requirements.txt' };
/** Every Chainlit 2.x asks for a FastAPI, python-multipart or watchfiles that .venv-ai's pins exclude. */
export const chainlitVenv: ServerVenv = { dir: projectPath('.venv-chainlit/'), requirements: 'test/support/chainlit-requirements.txt' };

export class AiVenvError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AiVenvError';
  }
}

/** Absolute path of an executable in the venv's bin; throws naming the fix when it is not there. */
export function serverVenvBinary(name: string, venv: ServerVenv = aiServersVenv): string {
  const path = `${venv.dir}bin/${name}`;
  try {
    accessSync(path, constants.X_OK);
  } catch (error) {
    throw new AiVenvError(`${path} is missing: run scripts/test-prereqs.sh (installs ${venv.dir} from ${venv.requirements})`, { cause: error });
  }
  return path;
}
