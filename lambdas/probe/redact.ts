/**
 * Secret redaction for evidence. Pure.
 *
 * Evidence is stored for years and mailed to on-call engineers, so anything that looks like a
 * credential is replaced before it leaves the prober. Over-redaction is acceptable; a leak is not.
 */

export const REDACTED = '[redacted]';

/** JSON/YAML/env keys whose values are secrets (matched case-insensitively inside the key). */
const SECRET_KEY = String.raw`[A-Za-z0-9_.-]*(?:passw(?:or)?d|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential|authorization|cookie|session[_-]?id)[A-Za-z0-9_.-]*`;

interface Rule {
  readonly pattern: RegExp;
  readonly replace: (match: string, ...groups: string[]) => string;
}

const whole = (): string => REDACTED;
const keepPrefix = (_match: string, prefix: string): string => `${prefix}${REDACTED}`;
/** Keeps the value's quotes so a JSON excerpt still reads as JSON. */
const keepQuotes = (_match: string, prefix: string, value: string): string => {
  const quote = value.startsWith('"') || value.startsWith("'") ? value[0] : '';
  return `${prefix}${quote}${REDACTED}${quote}`;
};

/** Order matters: structured forms first, so their key names survive; bare token shapes last. */
const RULES: readonly Rule[] = [
  { pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g, replace: whole },
  // "password": "…" / 'token': '…' / "api_key": 123 (JSON, Python reprs)
  { pattern: new RegExp(String.raw`(["']${SECRET_KEY}["']\s*:\s*)("(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|[^\s,}\]]+)`, 'gi'), replace: keepQuotes },
  // Header lines: Authorization: …, Cookie: …, Set-Cookie: …, X-Api-Key: …
  { pattern: /^((?:proxy-)?authorization|set-cookie|cookie|x-[a-z-]*(?:key|token|secret|auth)[a-z-]*)(\s*:\s*)[^\r\n]*/gim, replace: (_m, name: string, sep: string) => `${name}${sep}${REDACTED}` },
  // password=…, API_KEY=… (env dumps, query strings, YAML)
  { pattern: new RegExp(String.raw`(\b${SECRET_KEY}\s*[=:]\s*)(?!["'\s])[^\s&,;"'<>]+`, 'gi'), replace: keepPrefix },
  // Credentials in URLs: scheme://user:pass@host
  { pattern: /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:)[^\s/@]+(@)/gi, replace: (_m, prefix: string, at: string) => `${prefix}${REDACTED}${at}` },
  { pattern: /\b(bearer|basic|token)(\s+)(?!(?:realm|error|scope|charset)\b)[A-Za-z0-9._~+/-]{8,}=*/gi, replace: (_m, scheme: string, gap: string) => `${scheme}${gap}${REDACTED}` },
  // JWTs
  { pattern: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, replace: whole },
  // Vendor key shapes: OpenAI/Anthropic sk-…, AWS access key ids, GitHub, Slack, Hugging Face, Google
  { pattern: /\bsk-[A-Za-z0-9_-]{16,}/g, replace: whole },
  { pattern: /\b(?:AKIA|ASIA|AROA|AIDA)[0-9A-Z]{16}\b/g, replace: whole },
  { pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g, replace: whole },
  { pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, replace: whole },
  { pattern: /\bhf_[A-Za-z0-9]{30,}/g, replace: whole },
  { pattern: /\bAIza[0-9A-Za-z_-]{35}/g, replace: whole },
  // Long hex and base64 runs: tokens, session ids, keys (also catches long digests: acceptable)
  { pattern: /\b[0-9a-f]{32,}\b/gi, replace: whole },
  // Mixed-case-and-digit runs only, so long lower-case paths and identifiers stay readable.
  { pattern: /(?<![A-Za-z0-9+/_-])(?=[A-Za-z0-9+/_-]*[0-9])(?=[A-Za-z0-9+/_-]*[a-z])(?=[A-Za-z0-9+/_-]*[A-Z])[A-Za-z0-9+/_-]{40,}={0,2}/g, replace: whole },
];

/** Replaces secrets in free text (bodies, banners). */
export function redactText(text: string): string {
  return RULES.reduce((current, rule) => current.replace(rule.pattern, rule.replace as (substring: string, ...args: unknown[]) => string), text);
}

/** Header names whose values are always secret, whatever they look like. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'x-auth-token', 'x-amz-security-token']);

/** Redacts header values: secret headers entirely, the rest through `redactText`. Names are lower-cased. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => {
      const lower = name.toLowerCase();
      return [lower, SECRET_HEADERS.has(lower) ? REDACTED : redactText(value)];
    }),
  );
}

/**
 * A short, single-line, redacted excerpt. Redaction runs on a window larger than the excerpt,
 * so a secret straddling the cut is still recognised whole before the text is shortened.
 */
export function excerptOf(text: string, maxChars = 300): string {
  const window = text.slice(0, maxChars * 8);
  const oneLine = redactText(window).replace(/\s+/g, ' ').trim();
  return oneLine.length <= maxChars ? oneLine : `${oneLine.slice(0, maxChars - 1)}…`;
}
