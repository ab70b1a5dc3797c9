/**
 * Matches an extracted version against the pinned known-vulnerability data. Pure.
 *
 * Versions are compared as dotted numbers (a leading "v" is ignored; "1.2.0rc1" compares as its
 * pre-release below 1.2.0). A version that is not dotted numbers (e.g. llama.cpp's "b6200-…") matches
 * only entries that affect every version: claiming "vulnerable" on a guess would cry wolf.
 */
import { knownVulnerabilityData } from './data.js';
import type { AffectedRange, KnownVulnerability, MatchedVulnerability } from './types.js';

export type { AffectedRange, KnownVulnerability, MatchedVulnerability } from './types.js';

interface ParsedVersion {
  readonly numbers: readonly number[];
  /** True when a pre-release suffix follows the numbers (rc, beta, dev, -…). */
  readonly preRelease: boolean;
}

const versionPattern = /^v?(\d+(?:\.\d+)*)(.*)$/;

export function parseVersion(text: string): ParsedVersion | undefined {
  const match = versionPattern.exec(text.trim());
  if (match === null) return undefined;
  const suffix = match[2] ?? '';
  // Build metadata ("+cu121") and a trailing ".post1" do not make a release earlier.
  if (suffix !== '' && !/^(?:\+|\.post\d|[-.]?(?:a|b|rc|alpha|beta|dev|pre)\d*)/i.test(suffix)) return undefined;
  return { numbers: match[1]!.split('.').map(Number), preRelease: /^[-.]?(?:a|b|rc|alpha|beta|dev|pre)/i.test(suffix) };
}

/** Negative, zero or positive as a is below, equal to or above b. */
export function compareVersions(a: ParsedVersion, b: ParsedVersion): number {
  const length = Math.max(a.numbers.length, b.numbers.length);
  for (let index = 0; index < length; index += 1) {
    const difference = (a.numbers[index] ?? 0) - (b.numbers[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return Number(!a.preRelease) - Number(!b.preRelease);
}

/** The ranges of `entry`, one or several (`KnownVulnerability.affected`). */
export const rangesOf = (entry: KnownVulnerability): readonly AffectedRange[] => ('length' in entry.affected ? entry.affected : [entry.affected]);

function holds(range: AffectedRange, version: ParsedVersion | undefined): boolean {
  const { introduced, fixed } = range;
  if (introduced === undefined && fixed === undefined) return true;
  if (version === undefined) return false;
  const below = fixed === undefined || compareVersions(version, parseVersion(fixed)!) < 0;
  const atOrAbove = introduced === undefined || compareVersions(version, parseVersion(introduced)!) >= 0;
  return below && atOrAbove;
}

/** The entries of `familyId` that affect `version` (undefined: the service did not reveal one), each with the range that holds. */
export function knownVulnerabilities(
  familyId: string,
  version: string | undefined,
  data: readonly KnownVulnerability[] = knownVulnerabilityData,
): MatchedVulnerability[] {
  const parsed = version === undefined ? undefined : parseVersion(version);
  return data.flatMap((entry) => {
    const range = entry.family === familyId ? rangesOf(entry).find((candidate) => holds(candidate, parsed)) : undefined;
    return range === undefined ? [] : [{ ...entry, affected: range }];
  });
}
