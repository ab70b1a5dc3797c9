/** Every fixture replayed through the pure classifier, as the engine asks it: exact verdict, family, version and models. */
import { describe, expect, it } from 'vitest';
import { classify } from '../../lambdas/probe/classify.js';
import { catalog } from '../../lambdas/probe/fingerprints/index.js';
import { classifyFixture, loadFixtures, replay } from '../support/fixture-format.js';

const fixtures = loadFixtures();

describe('fixture replay', () => {
  it.each(fixtures.map((x) => [`${x.family}/${x.name}`, x.fixture] as const))('%s', (_name, fixture) => {
    // Act
    const result = classifyFixture(catalog, fixture);

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

  it("reads a Host policy's refusal as no verdict of its own, and the port by its answers naming localhost", () => {
    const refused = fixtures.filter((x) => x.fixture.responsesNamingLocalhost !== undefined);
    expect(refused.length).toBeGreaterThanOrEqual(8);
    for (const { fixture } of refused) {
      const first = classify(catalog, replay(catalog, fixture), fixture.port);
      expect(first).toMatchObject({ verdict: 'not-ai', refusedHost: true });
      const result = classifyFixture(catalog, fixture);
      expect(result.signals.slice(0, 2)).toEqual([first.signals[0], expect.stringContaining(`asked again naming Host: localhost:${fixture.port}`)]);
    }
  });

  it('explains an unidentified credential gate in the signals', () => {
    const gate = fixtures.find((x) => x.name === 'negative-nginx-basic-gate')!.fixture;
    const result = classify(catalog, replay(catalog, gate), gate.port);
    expect(result.verdict).toBe('not-ai');
    expect(result.signals).toEqual([expect.stringMatching(/^credentials demanded by an unidentified service \(.* → 401, WWW-Authenticate: Basic\)$/)]);
  });

  it('names the Host policy of a Jupyter asked with a public Host, and reads it open as asked naming localhost', () => {
    const blocked = fixtures.find((x) => x.family === 'jupyter-server' && x.name === 'public-host')!.fixture;
    const result = classifyFixture(catalog, blocked);
    expect(result).toMatchObject({ verdict: 'unauthenticated', fingerprint: { id: 'jupyter-server' } });
    expect(result.signals.slice(0, 2)).toEqual([
      expect.stringContaining('Jupyter refused the Host header'),
      'asked again naming Host: localhost:8888, as any client may (a browser on the server\'s own host does), it answered:',
    ]);
  });
});
