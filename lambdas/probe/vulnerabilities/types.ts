/** A known vulnerability of one fingerprint family, with the version range it affects. */
export interface KnownVulnerability {
  /** Fingerprint id (lambdas/probe/fingerprints/<id>.ts). */
  readonly family: string;
  /** CVE or GHSA id. */
  readonly id: string;
  /** The name the advisory is known by (e.g. "ShellTorch"). */
  readonly alias?: string;
  /**
   * Affected versions are >= introduced (when set) and < fixed (when set). Neither set: every
   * version, including one the service does not reveal (no fix exists).
   */
  readonly affected: { readonly introduced?: string; readonly fixed?: string };
  readonly severity: 'critical' | 'high' | 'medium' | 'low';
  /** One line, straight into the alert. */
  readonly summary: string;
  readonly reference: string;
  /** Where the facts of this entry were read. */
  readonly entrySource: string;
  /** YYYY-MM-DD the entry was last checked against its source. */
  readonly checked: string;
}
