/** The .venv-ai launchers fail, never skip, when a server binary is missing. */
import { describe, expect, it } from 'vitest';
import { AiVenvError, aiVenvBinary } from '../../support/servers/ai-venv.js';

describe('aiVenvBinary', () => {
  it('returns the path of an installed server binary', () => {
    expect(aiVenvBinary('mlflow')).toMatch(/\/\.venv-ai\/bin\/mlflow$/);
  });

  it('throws naming the install step when the binary is missing', () => {
    expect(() => aiVenvBinary('no-such-server')).toThrow(AiVenvError);
    expect(() => aiVenvBinary('no-such-server')).toThrow(/scripts\/test-prereqs\.sh/);
  });
});
