/**
 * Fixtures are evidence only if their answers come from the product: recorded from a real server, or
 * transcribed from its source/docs with a citation per response. Hand-made answers are allowed for
 * the negative servers this project builds itself, never for a family's own fixtures.
 */
import { describe, expect, it } from 'vitest';
import { catalog } from '../../lambdas/probe/fingerprints/index.js';
import { loadFixtures, type LoadedFixture, type RecordedResponse } from '../support/fixture-format.js';

const fixtures = loadFixtures();
const label = (x: LoadedFixture): string => `${x.family}/${x.name}`;
/** A GitHub file link must name a tag or commit: a branch moves and the citation rots. */
const unpinnedGithubRef = /^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/(?:main|master|dev|develop|HEAD)\//;
const derived = fixtures.filter((x) => x.fixture.provenance.source !== 'recorded' && !x.fixture.synthetic);

function occursIn(literal: string, response: RecordedResponse): boolean {
  return response.body.includes(literal) || Object.values(response.headers).some((v) => v.includes(literal)) || String(response.status) === literal;
}

describe('fixture provenance', () => {
  it.each(fixtures.filter((x) => x.fixture.expect.family !== null).map((x) => [label(x), x] as const))(
    '%s: a family fixture is recorded or cited, never hand-made',
    (_name, x) => {
      expect(x.fixture.synthetic, 'synthetic').toBe(false);
    },
  );

  it.each(fixtures.filter((x) => x.fixture.provenance.source === 'recorded').map((x) => [label(x), x] as const))(
    '%s: a recorded fixture carries no citations (the server is the source)',
    (_name, x) => {
      expect(x.fixture.synthetic).toBe(false);
      expect(x.fixture.citations).toBeUndefined();
    },
  );

  it.each(derived.map((x) => [label(x), x] as const))('%s: every response is cited, and each cited literal is in its response', (_name, x) => {
    const citations = x.fixture.citations ?? [];
    const responses: [string, RecordedResponse][] = Object.entries(x.fixture.responses);
    if (x.fixture.fallback !== undefined && x.fixture.fallback !== 'echo') responses.push(['fallback', x.fixture.fallback]);
    for (const [key] of responses) expect(citations.some((c) => c.response === key), `no citation for "${key}"`).toBe(true);
    for (const citation of citations) {
      const response = citation.response === 'fallback' ? responses.find(([k]) => k === 'fallback')?.[1] : x.fixture.responses[citation.response];
      expect(response, `citation names an unknown response "${citation.response}"`).toBeDefined();
      expect(occursIn(citation.literal, response!), `"${citation.literal}" is not in ${citation.response}`).toBe(true);
      expect(citation.url, 'GitHub links name a tag or commit').not.toMatch(unpinnedGithubRef);
    }
    expect(x.fixture.provenance.source).not.toMatch(/^(?:docs|source):https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/(?:main|master|dev|develop|HEAD)\//);
  });

  it('claims "derived from" only for product versions with cited fixtures of that family', () => {
    for (const fp of catalog) {
      for (const build of fp.derivedFrom ?? []) {
        const backed = derived.some((x) => x.family === fp.id && build === `${x.fixture.provenance.product} ${x.fixture.provenance.version}`);
        expect(backed, `${fp.id}: ${build}`).toBe(true);
      }
    }
  });

  it('every family is verified against a real server or derived from cited source', () => {
    const unbacked = catalog.filter((fp) => (fp.verifiedAgainst ?? []).length === 0 && (fp.derivedFrom ?? []).length === 0).map((fp) => fp.id);
    expect(unbacked).toEqual([]);
  });
});
