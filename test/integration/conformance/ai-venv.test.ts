/** The server venvs' launchers fail, never skip, when a server binary is missing. */
import { describe, expect, it } from 'vitest';
import { AiVenvError, chainlitVenv, serverVenvBinary } from '../../support/servers/ai-venv.js';

describe('serverVenvBinary', () => {
  it('returns the path of an installed server binary, in .venv-ai unless told another venv', () => {
    expect(serverVenvBinary('mlflow')).toMatch(/\/\.venv-ai\/bin\/mlflow$/);
    expect(serverVenvBinary('chainlit', chainlitVenv)).toMatch(/\/\.venv-chainlit\/bin\/chainlit$/);
  });

  it('throws naming the install step and the pins when the binary is missing', () => {
    expect(() => serverVenvBinary('no-such-server')).toThrow(AiVenvError);
    expect(() => serverVenvBinary('no-such-server')).toThrow(/scripts\/test-prereqs\.sh .*ai-servers-requirements\.txt/);
    expect(() => serverVenvBinary('mlflow', chainlitVenv)).toThrow(/chainlit-requirements\.txt/);
  });
});
