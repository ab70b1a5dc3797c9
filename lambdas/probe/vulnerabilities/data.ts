/**
 * Known exploited or critical vulnerabilities per fingerprint family, pinned and cited.
 *
 * Each entry: the advisory id, the affected range [introduced, fixed) in the product's own version
 * numbering (as the fingerprint extracts it), the severity of the advisory, one line for the alert,
 * the advisory reference, where this entry's facts were read, and when.
 *
 * How to refresh: for each family with a `cpe`, look the product up in the GitHub Advisory Database
 * (https://github.com/advisories?query=<product>) and CISA KEV (https://www.cisa.gov/known-exploited-vulnerabilities-catalog);
 * add entries that are exploited in the wild or critical and reachable over the network without
 * credentials; copy the fixed version from the advisory (not from a blog); set `checked` to the day you
 * read it. `npx vitest run test/unit/probe/vulnerabilities.test.ts` checks the file's shape and ranges.
 */
import type { KnownVulnerability } from './types.js';

export const knownVulnerabilityData: readonly KnownVulnerability[] = [
  {
    family: 'ollama',
    id: 'CVE-2024-37032',
    alias: 'Probllama',
    affected: { fixed: '0.1.34' },
    severity: 'critical',
    summary: 'path traversal through model digests in /api/pull leads to arbitrary file write and remote code execution',
    reference: 'https://nvd.nist.gov/vuln/detail/CVE-2024-37032',
    entrySource: 'Wiz "Probllama" disclosure and NVD; fixed version 0.1.34 confirmed in public write-ups (search: pages/code corpora)',
    checked: '2026-11-26',
  },
  {
    family: 'ollama',
    id: 'CVE-2026-7482',
    alias: 'Bleeding Llama',
    affected: { fixed: '0.17.1' },
    severity: 'critical',
    summary: 'heap out-of-bounds read in the GGUF loader via unauthenticated /api/create leaks memory (API keys, prompts)',
    reference: 'https://nvd.nist.gov/vuln/detail/CVE-2026-7482',
    entrySource: 'NVD entry as summarised by SentinelOne and Cyera write-ups: affected < 0.17.1, CVSS 9.1',
    checked: '2026-11-26',
  },
  {
    family: 'torchserve',
    id: 'CVE-2023-43654',
    alias: 'ShellTorch',
    affected: { fixed: '0.8.2' },
    severity: 'critical',
    summary: 'management API registers models from any URL (SSRF) and loads them, i.e. remote code execution',
    reference: 'https://nvd.nist.gov/vuln/detail/CVE-2023-43654',
    entrySource: 'TorchServe security docs: the default management address became 127.0.0.1 and allowed_urls was tightened in 0.8.2; Oligo ShellTorch disclosure',
    checked: '2026-11-26',
  },
  {
    family: 'langflow',
    id: 'CVE-2025-3248',
    affected: { fixed: '1.3.0' },
    severity: 'critical',
    summary: 'unauthenticated remote code execution through /api/v1/validate/code (in CISA KEV)',
    reference: 'https://nvd.nist.gov/vuln/detail/CVE-2025-3248',
    entrySource: 'CISA KEV entry and Horizon3 analysis: vulnerable < 1.3.0, fixed 1.3.0 (2025-03-31)',
    checked: '2026-11-26',
  },
  {
    family: 'ray-dashboard',
    id: 'CVE-2023-48022',
    alias: 'ShadowRay',
    affected: {},
    severity: 'critical',
    summary: 'the Jobs API runs submitted jobs without authentication (disputed by Anyscale as by design; exploited in the wild)',
    reference: 'https://nvd.nist.gov/vuln/detail/CVE-2023-48022',
    entrySource: 'NVD (disputed) and Oligo ShadowRay research; no fixed version: Ray 2.52+ adds opt-in token auth (RAY_AUTH_MODE=token)',
    checked: '2026-11-26',
  },
  {
    family: 'mlflow',
    id: 'CVE-2023-1177',
    affected: { fixed: '2.2.1' },
    severity: 'critical',
    summary: 'path traversal through model version sources lets anyone read arbitrary files from the tracking server',
    reference: 'https://nvd.nist.gov/vuln/detail/CVE-2023-1177',
    entrySource: 'MLflow advisory text as mirrored with the NVD entry (mlflow server/ui older than 2.2.1); NVD CVSS 9.8',
    checked: '2026-11-26',
  },
  {
    family: 'mlflow',
    id: 'CVE-2023-2780',
    affected: { fixed: '2.3.1' },
    severity: 'critical',
    summary: 'path traversal bypass (backslash sequences in file URIs) reads arbitrary files from the tracking server',
    reference: 'https://nvd.nist.gov/vuln/detail/CVE-2023-2780',
    entrySource: 'NVD: MLflow prior to 2.3.1',
    checked: '2026-11-26',
  },
  {
    family: 'gradio',
    id: 'CVE-2023-51449',
    affected: { fixed: '4.11.0' },
    severity: 'high',
    summary: 'path traversal in the /file route reads arbitrary files from the host running the app',
    reference: 'https://nvd.nist.gov/vuln/detail/CVE-2023-51449',
    entrySource: 'NVD (versions prior to 4.11.0) and the Horizon3 disclosure of CVE-2023-51449 / CVE-2024-1561',
    checked: '2026-11-26',
  },
];
