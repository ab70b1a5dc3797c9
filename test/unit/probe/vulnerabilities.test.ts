/** knownVulnerabilities: version ranges, unknown versions, and the data file's own consistency. */
import { describe, expect, it } from 'vitest';
import { catalog } from '../../../lambdas/probe/fingerprints/index.js';
import { redis } from '../../../lambdas/probe/fingerprints/redis.js';
import { knownVulnerabilityData } from '../../../lambdas/probe/vulnerabilities/data.js';
import { compareVersions, knownVulnerabilities, parseVersion, rangesOf, type KnownVulnerability, type MatchedVulnerability } from '../../../lambdas/probe/vulnerabilities/index.js';

const ids = (found: readonly MatchedVulnerability[]) => found.map((entry) => entry.id);

describe('knownVulnerabilities', () => {
  it.each([
    ['ollama', '0.1.33', ['CVE-2024-37032', 'CVE-2026-7482']],
    ['ollama', '0.1.34', ['CVE-2026-7482']],
    ['ollama', '0.17.0', ['CVE-2026-7482']],
    ['ollama', '0.17.1', []],
    ['ollama', 'v0.1.20', ['CVE-2024-37032', 'CVE-2026-7482']],
    ['langflow', '1.2.0', ['CVE-2025-3248']],
    ['langflow', '1.3.0', []],
    ['langflow', '1.3.0rc1', ['CVE-2025-3248']],
    ['torchserve', '0.8.1', ['CVE-2023-43654']],
    ['torchserve', '0.12.0', []],
    ['mlflow', '2.2.0', ['CVE-2023-1177', 'CVE-2023-2780']],
    ['mlflow', '2.3.0', ['CVE-2023-2780']],
    ['mlflow', '3.18.0', []],
    ['gradio', '3.50.2', ['CVE-2023-51449']],
    ['gradio', '4.10.0', ['CVE-2023-51449']],
    ['gradio', '4.11.0', []],
    ['ray-dashboard', '2.49.0', ['CVE-2023-48022']],
    // The MCP Inspector's proxy before 0.14.1 runs commands for anyone. A v1 Inspector names no version today, so the entry
    // speaks only where one is read; its open verdict (critical) says the same without it.
    ['mcp-inspector', '0.13.0', ['CVE-2025-49596']],
    ['mcp-inspector', '0.14.1', []],
    ['vllm', '0.10.2', ['CVE-2026-48746', 'CVE-2025-62164']],
    ['vllm', '0.32.0', []],
    ['bentoml', '1.4.2', ['CVE-2025-27520', 'CVE-2025-54381']],
    ['bentoml', '1.3.3', []],
    ['openclaw', '2026.2.1', ['CVE-2026-28472']],
    ['openclaw', '2026.9.6', []],
    // RediShell, fixed on five branches apart: each version is matched against its own branch's fix.
    ['redis', '7.0.15', ['CVE-2025-49844']],
    ['redis', '6.2.19', ['CVE-2025-49844']],
    ['redis', '6.2.20', []],
    ['redis', '7.2.11', []],
    ['redis', '7.4.5', ['CVE-2025-49844']],
    ['redis', '8.0.4', []],
    ['redis', '8.2.1', ['CVE-2025-49844']],
    ['redis', '8.4.0', []],
  ] as const)('%s %s → %j', (family, version, expected) => {
    expect(ids(knownVulnerabilities(family, version))).toEqual(expected);
  });

  it('matches only every-version entries when the version is unknown or not dotted numbers', () => {
    expect(ids(knownVulnerabilities('ray-dashboard', undefined))).toEqual(['CVE-2023-48022']);
    expect(knownVulnerabilities('ollama', undefined)).toEqual([]);
    expect(knownVulnerabilities('ollama', 'b6200-3f4e2a1')).toEqual([]);
    expect(knownVulnerabilities('ollama', 'latest')).toEqual([]);
  });

  it("names the fix of the version's own branch", () => {
    expect(knownVulnerabilities('redis', '7.4.5').map((entry) => entry.affected)).toEqual([{ introduced: '7.4.0', fixed: '7.4.6' }]);
    expect(knownVulnerabilities('redis', '7.0.15').map((entry) => entry.affected)).toEqual([{ introduced: '7.0.0', fixed: '7.2.11' }]);
  });

  it("reads Redis's version, never the compatibility version Valkey reports before its own", () => {
    const regex = redis.extract?.version?.regex;
    expect(regex?.exec('$90\r\n# Server\r\nredis_version:7.0.15\r\nredis_git_sha1:00000000\r\n')?.[1]).toBe('7.0.15');
    expect(regex?.exec('$99\r\n# Server\r\nredis_version:7.2.4\r\nserver_name:valkey\r\nvalkey_version:8.1.4\r\n')).toBeNull();
  });

  it('knows nothing about a family without entries', () => {
    expect(knownVulnerabilities('qdrant', '1.0.0')).toEqual([]);
  });

  it('honours a lower bound', () => {
    const entry: KnownVulnerability = { ...knownVulnerabilityData[0]!, affected: { introduced: '1.2.0', fixed: '1.4.0' } };
    expect(knownVulnerabilities(entry.family, '1.1.9', [entry])).toEqual([]);
    expect(knownVulnerabilities(entry.family, '1.2', [entry])).toEqual([entry]);
    expect(knownVulnerabilities(entry.family, '1.4.0', [entry])).toEqual([]);
  });

  it('reads .post and build metadata as the release itself', () => {
    expect(compareVersions(parseVersion('0.1.34.post1')!, parseVersion('0.1.34')!)).toBe(0);
    expect(compareVersions(parseVersion('2.2.0+cu121')!, parseVersion('2.2.1')!)).toBeLessThan(0);
  });
});

describe('known-vulnerability data', () => {
  const families = new Set(catalog.map((f) => f.id));

  it.each(knownVulnerabilityData.map((entry) => [`${entry.family} ${entry.id}`, entry] as const))('%s is well-formed', (_name, entry) => {
    expect(families.has(entry.family), `family ${entry.family} is in the catalog`).toBe(true);
    expect(entry.id).toMatch(/^(?:CVE-\d{4}-\d{4,}|GHSA(?:-[0-9a-z]{4}){3})$/);
    expect(entry.reference).toMatch(/^https:\/\//);
    expect(entry.entrySource.length).toBeGreaterThan(10);
    expect(entry.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(entry.summary).not.toContain('\n');
    const ranges = rangesOf(entry);
    expect(ranges.length).toBeGreaterThan(0);
    for (const { introduced, fixed } of ranges) {
      for (const bound of [introduced, fixed]) if (bound !== undefined) expect(parseVersion(bound)).toBeDefined();
      if (introduced !== undefined && fixed !== undefined) expect(compareVersions(parseVersion(introduced)!, parseVersion(fixed)!)).toBeLessThan(0);
    }
    // Branches in ascending order, none overlapping the next: each range's fix is at or below the next one's start.
    ranges.slice(1).forEach((range, index) => {
      const before = ranges[index]!;
      expect(before.fixed, 'only the last range may be open-ended').toBeDefined();
      expect(range.introduced, 'a range after the first starts somewhere').toBeDefined();
      expect(compareVersions(parseVersion(before.fixed!)!, parseVersion(range.introduced!)!)).toBeLessThanOrEqual(0);
    });
  });

  it('has one entry per family and id', () => {
    const keys = knownVulnerabilityData.map((entry) => `${entry.family} ${entry.id}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
