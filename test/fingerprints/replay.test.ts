/** Every fixture replayed through the pure classifier: exact verdict, family, version and models. */
import { describe, expect, it } from 'vitest';
import { classify } from '../../lambdas/probe/classify.js';
import { catalog } from '../../lambdas/probe/fingerprints/index.js';
import { loadFixtures, replay } from '../support/fixture-format.js';

const fixtures = loadFixtures();

describe('fixture replay', () => {
  it.each(fixtures.map((x) => [`${x.family}/${x.name}`, x.fixture] as const))('%s', (_name, fixture) => {
    // Act
    const result = classify(catalog, replay(catalog, fixture), fixture.port);

    // Assess
    expect(result.verdict).toBe(fixture.expect.verdict);
    expect(result.fingerprint?.id ?? null).toBe(fixture.expect.family);
    expect(result.version).toBe(fixture.expect.version);
    expect(result.models).toEqual(fixture.expect.models);
    if (result.verdict !== 'not-ai') {
      expect(result.signals.length).toBeGreaterThan(0);
      expect(result.decisiveRequestKey).toBeDefined();
    }
  });

  it('never calls a Host/Origin refusal auth-required', () => {
    const hostBlocked = fixtures.filter((x) => x.name.includes('host'));
    expect(hostBlocked.length).toBeGreaterThanOrEqual(4);
    for (const { fixture } of hostBlocked) {
      const result = classify(catalog, replay(catalog, fixture), fixture.port);
      expect(result.verdict).not.toBe('auth-required');
    }
  });

  it('explains an unidentified credential gate in the signals', () => {
    const gate = fixtures.find((x) => x.name === 'negative-nginx-basic-gate')!.fixture;
    const result = classify(catalog, replay(catalog, gate), gate.port);
    expect(result.verdict).toBe('not-ai');
    expect(result.signals).toEqual([expect.stringMatching(/^credentials demanded by an unidentified service \(.* → 401, WWW-Authenticate: Basic\)$/)]);
  });

  it('names the Host policy for a Host-blocked Jupyter', () => {
    const blocked = fixtures.find((x) => x.family === 'jupyter-server' && x.name === 'negative-host-blocked')!.fixture;
    const result = classify(catalog, replay(catalog, blocked), blocked.port);
    expect(result.signals).toEqual([expect.stringContaining('Jupyter refused the Host header')]);
  });
});
