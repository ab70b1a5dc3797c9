/** A known vulnerability of one fingerprint family, with the version range it affects. */
export interface KnownVulnerability {
  /** Fingerprint id (lambdas/probe/fingerprints/<id>.ts). */
  readonly family: string;
  /** CVE or GHSA id. */
  readonly id: string;
  /** The name the advisory is known by (e.g. "ShellTorch"). */
  readonly alias?: string;
  /**
   * The affected versions: one range, or one per release branch where the fix came on several branches (Redis
   * fixes 6.2, 7.2, 7.4, 8.0 and 8.2 each in its own release), in ascending order and not overlapping.
   */
  readonly affected: AffectedRange | readonly AffectedRange[];
  readonly severity: 'critical' | 'high' | 'medium' | 'low';
  /** One line, straight into the alert. */
  readonly summary: string;
  readonly reference: string;
  /** Where the facts of this entry were read. */
  readonly entrySource: string;
  /** YYYY-MM-DD the entry was last checked against its source. */
  readonly checked: string;
}

/**
 * Versions >= introduced (when set) and < fixed (when set). Neither set: every version, including one the service does
 * not reveal (no fix exists).
 */
export interface AffectedRange {
  readonly introduced?: string;
  readonly fixed?: string;
}

/** A known vulnerability as it applies to one version: `affected` is the range that holds for it, whose fix is the one to take. */
export type MatchedVulnerability = Omit<KnownVulnerability, 'affected'> & { readonly affected: AffectedRange };
