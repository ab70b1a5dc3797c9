/**
 * The second project-local virtualenv, `.venv-ai`, holds the real AI servers from PyPI (pinned in
 * test/support/ai-servers-requirements.txt, installed by scripts/test-prereqs.sh). A missing venv or
 * binary is an error, never a skip: the conformance suite must not pass without its servers.
 */
import { accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const aiVenv = fileURLToPath(new URL('../../../.venv-ai/', import.meta.url));

export class AiVenvError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AiVenvError';
  }
}

/** Absolute path of an executable in .venv-ai/bin; throws naming the fix when it is not there. */
export function aiVenvBinary(name: string): string {
  const path = `${aiVenv}bin/${name}`;
  try {
    accessSync(path, constants.X_OK);
  } catch (error) {
    throw new AiVenvError(
      `${path} is missing: run scripts/test-prereqs.sh (installs .venv-ai from test/support/ai-servers-requirements.txt)`,
      { cause: error },
    );
  }
  return path;
}
