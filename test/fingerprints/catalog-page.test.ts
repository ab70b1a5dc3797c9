/** docs/catalog.md is generated; it must match the catalog, and "verified against" must be backed by recorded fixtures. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogMarkdown, catalogRows } from '../../lambdas/cli/commands/catalog.js';
import { catalog } from '../../lambdas/probe/fingerprints/index.js';
import { catalogPagePath } from '../../scripts/generate-catalog.js';
import { loadFixtures } from '../support/fixture-format.js';

describe('catalog page', () => {
  it('docs/catalog.md is current (run: npx tsx scripts/generate-catalog.ts)', () => {
    expect(readFileSync(catalogPagePath, 'utf8')).toBe(catalogMarkdown());
  });

  it('lists every family once, with an auth signal, in a group', () => {
    const rows = catalogRows();
    expect(rows.map((r) => r.id)).toEqual(catalog.map((f) => f.id));
    for (const row of rows) {
      expect(row.authSignal.length).toBeGreaterThan(10);
      expect(row.group.length).toBeGreaterThan(0);
    }
  });

  it('claims "verified against" only for builds with recorded fixtures of that family', () => {
    const recorded = loadFixtures().filter((x) => x.fixture.provenance.source === 'recorded');
    for (const fp of catalog) {
      for (const build of fp.verifiedAgainst ?? []) {
        const backed = recorded.some((x) => x.family === fp.id && build === `${x.fixture.provenance.product} ${x.fixture.provenance.version}`);
        expect(backed, `${fp.id}: ${build}`).toBe(true);
      }
    }
  });

  it("names the request whose answer lists a model server's models", () => {
    const sourceOf = (id: string): readonly string[] | null | undefined => catalogRows().find((r) => r.id === id)?.modelsSource;
    expect([sourceOf('ollama'), sourceOf('vllm'), sourceOf('hf-tgi'), sourceOf('jupyter-server')]).toEqual([['GET /api/tags'], ['GET /v1/models'], ['GET /info'], null]);
  });

  it("names the follow-ups whose answer lists an MCP server's tools, in either revision of the protocol", () => {
    const mcp = catalogRows().find((r) => r.id === 'mcp-streamable-http');
    expect(mcp?.toolsSource).toEqual([
      'POST /mcp [accept: application/json, text/event-stream; content-type: application/json] {"jsonrpc":"2.0","id":2,"method":"tools/list"}',
      expect.stringMatching(/^POST \/mcp \[.*mcp-method: tools\/list; mcp-protocol-version: 2026-07-28\] \{"jsonrpc":"2\.0","id":4,"method":"tools\/list","params":\{"_meta":/),
    ]);
    expect(catalogRows().filter((r) => r.toolsSource !== null).map((r) => r.id)).toEqual(['mcp-contextforge', 'mcp-streamable-http']);
  });

  it('shows known vulnerabilities next to their family', () => {
    const langflow = catalogRows().find((r) => r.id === 'langflow');
    expect(langflow?.knownVulnerabilities).toContain('CVE-2025-3248');
  });
});
