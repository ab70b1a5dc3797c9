/**
 * Real marimo 0.25.2 (PyPI, .venv-ai) through the real engine: a notebook server without its access token runs
 * anyone's Python (open, critical), with its token it sends every page to the login form (auth-required), and a
 * published app (`marimo run`), which serves the same login form, is not a notebook server at all, unless run with a
 * token, when it answers as a notebook server with its token does.
 */
import { describe, expect, it } from 'vitest';
import { marimoVersion, startMarimo, type MarimoMode } from '../../support/servers/marimo.js';
import { probeEachMode } from './probe-through.js';

const modes: readonly MarimoMode[] = ['edit-without-token', 'edit-with-token', 'run-app', 'run-app-with-token'];

describe('marimo through the real engine', () => {
  const results = probeEachMode('marimo', 2718, modes, startMarimo);

  it('calls a notebook server without its token unauthenticated and critical, with its version', () => {
    expect(results['edit-without-token']).toMatchObject({ verdict: 'unauthenticated', service: { id: 'marimo' }, version: marimoVersion, severity: 'critical' });
  });

  it('calls a notebook server with its token auth-required; no answer names the version', () => {
    expect(results['edit-with-token']).toMatchObject({ verdict: 'auth-required', service: { id: 'marimo' } });
    expect(results['edit-with-token'].version).toBeUndefined();
  });

  it('does not call a published app (marimo run) a notebook server, though it serves the same login form', () => {
    expect(results['run-app'].verdict).toBe('not-ai');
    expect(results['run-app'].service).toBeUndefined();
  });

  it('calls a published app with a token auth-required: it answers exactly as a notebook server with its token does', () => {
    expect(results['run-app-with-token']).toMatchObject({ verdict: 'auth-required', service: { id: 'marimo' } });
  });
});
