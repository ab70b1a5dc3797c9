/**
 * Secret redaction for evidence. Pure.
 *
 * Evidence is stored for years and mailed to on-call engineers, so anything that looks like a
 * credential is replaced before it leaves the prober. Over-redaction is acceptable; a leak is not.
 */
import { oneLine } from '../shared/plain-text.js';

export const REDACTED = '[redacted]';

/**
 * The words that make a JSON/YAML/env key's value secret, found anywhere in the key, whatever its case.
 * Keys are matched as whole runs of key characters first and tested for these words after: a pattern with
 * a key-character run on each side of the words backtracks cubically over a long run that repeats them
 * (32 KB of "x-token" took the prober minutes of CPU; evidence is made from what hostile servers send).
 */
const SECRET_WORD = /passw(?:or)?d|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential|authorization|cookie|session[_-]?id/i;

/** A whole run of key characters, taken at once (the lookahead and back-reference keep it from backtracking). */
const KEY_RUN = String.raw`(?<![A-Za-z0-9_.-])(?=([A-Za-z0-9_.-]+))\1`;

/** One redaction pass over the text. */
type Rule = (text: string) => string;

const replacing =
  (pattern: RegExp, replace: (match: string, ...groups: string[]) => string): Rule =>
  (text) =>
    text.replace(pattern, replace as (substring: string, ...args: unknown[]) => string);

const whole = (): string => REDACTED;

/** The opening of a value under a quoted key: "password": / 'token': (JSON, Python reprs); the key is group 1. */
const KEY_OPENING = /["']([A-Za-z0-9_.-]+)["']\s*:\s*/g;
const SCALAR = /[^\s,}\]]*/y;
/**
 * A JSON or Python literal ending its value: never a secret, and what a flag named for one says (OpenHands'
 * "llm_api_key_set": true, AstrBot's "skip_default_password_auth": true, "password": null), which is evidence.
 */
const LITERAL_VALUE = /(?:true|false|null|True|False|None)(?=\s*(?:[,}\]]|$))/y;

/** Where the value starting at `start` ends: a quoted string, a bracketed object or array (to its matching bracket), or a scalar; a cut text ends it. */
function valueEnd(text: string, start: number): number {
  const first = text[start];
  if (first === '"' || first === "'") return quotedEnd(text, start);
  if (first === '{' || first === '[') {
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      const c = text[i];
      if (c === '"' || c === "'") i = quotedEnd(text, i) - 1;
      else if (c === '{' || c === '[') depth++;
      else if ((c === '}' || c === ']') && --depth === 0) return i + 1;
    }
    return text.length;
  }
  SCALAR.lastIndex = start;
  return start + (SCALAR.exec(text)?.[0].length ?? 0);
}

/** The index after the closing quote of the string opening at `start` (backslash escapes honoured), or the text's end. */
function quotedEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === text[start]) return i + 1;
  }
  return text.length;
}

/**
 * Replaces the value of every secret-named key. A string keeps its quotes; a number, object or array becomes the string
 * "[redacted]" whole, so a JSON excerpt still parses and nothing nested under the key survives, whatever its own keys are
 * called. A literal (true, false, null) stays.
 */
const redactSecretKeyedValues: Rule = (text) => {
  let redacted = '';
  let from = 0;
  for (const opening of text.matchAll(KEY_OPENING)) {
    if (opening.index < from || !SECRET_WORD.test(opening[1] as string)) continue;
    const start = opening.index + opening[0].length;
    LITERAL_VALUE.lastIndex = start;
    if (LITERAL_VALUE.test(text)) continue;
    const quote = text[start] === '"' || text[start] === "'" ? text[start] : '"';
    redacted += `${text.slice(from, start)}${quote}${REDACTED}${quote}`;
    from = valueEnd(text, start);
  }
  return redacted + text.slice(from);
};

/** Order matters: structured forms first, so their key names survive; bare token shapes last. */
const SHAPE_RULES: readonly Rule[] = [
  replacing(/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g, whole),
  // "password": "…" / 'token': '…' / "api_key": 123 / "credentials": {…} (JSON, Python reprs)
  redactSecretKeyedValues,
  // Header lines: Authorization: …, Cookie: …, Set-Cookie: …, X-Api-Key: … (the name a whole run, as keys are)
  replacing(/^(?=([a-z-]+))\1(\s*:\s*)[^\r\n]*/gim, (line: string, name: string, sep: string) => (isSecretHeaderLineName(name) ? `${name}${sep}${REDACTED}` : line)),
  // password=…, API_KEY=… (env dumps, query strings, YAML)
  replacing(new RegExp(String.raw`${KEY_RUN}(\s*[=:]\s*)(?!["'\s])[^\s&,;"'<>]+`, 'g'), (pair: string, key: string, sep: string) =>
    SECRET_WORD.test(key) ? `${key}${sep}${REDACTED}` : pair,
  ),
  // Credentials in URLs: scheme://user:pass@host (found from the "://", whatever the scheme: a search from every
  // possible scheme start backtracks quadratically over a long run of scheme characters)
  replacing(/(:\/\/[^\s/:@]+:)[^\s/@]+(@)/g, (_m, prefix: string, at: string) => `${prefix}${REDACTED}${at}`),
  // The words that follow a scheme name in error texts are not credentials (TorchServe: "Token Authorization failed",
  // Context Forge: "Authorization token required").
  replacing(/\b(bearer|basic|token)(\s+)(?!(?:realm|error|scope|charset|authori[sz]ation|authentication|required)\b)[A-Za-z0-9._~+/-]{8,}=*/gi, (_m, scheme: string, gap: string) => `${scheme}${gap}${REDACTED}`),
  // JWTs, looked for in whole dotted runs: a pattern searched from every "eyJ" rescans the rest of a run
  // that repeats it ("eyJ-eyJ-…", quadratic)
  replacing(new RegExp(String.raw`(?<![A-Za-z0-9_.-])(?=([A-Za-z0-9_.-]+))\1`, 'g'), (run: string) => (run.includes('eyJ') ? withoutJwts(run) : run)),
  // Vendor key shapes: OpenAI/Anthropic sk-…, AWS access key ids, GitHub, Slack, Hugging Face, Google
  replacing(/\bsk-[A-Za-z0-9_-]{16,}/g, whole),
  replacing(/\b(?:AKIA|ASIA|AROA|AIDA)[0-9A-Z]{16}\b/g, whole),
  replacing(/\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g, whole),
  replacing(/\bxox[abposr]-[A-Za-z0-9-]{10,}/g, whole),
  replacing(/\bhf_[A-Za-z0-9]{30,}/g, whole),
  replacing(/\bAIza[0-9A-Za-z_-]{35}/g, whole),
];

/** After the shapes: what looks random enough to be a secret, whatever its shape. */
const LONG_RUN_RULES: readonly Rule[] = [
  // Long hex and base64 runs: tokens, session ids, keys (also catches long digests: acceptable)
  replacing(/\b[0-9a-f]{32,}\b/gi, whole),
  // Mixed-case-and-digit runs only, so long lower-case paths and identifiers stay readable.
  replacing(/(?<![A-Za-z0-9+/_-])(?=[A-Za-z0-9+/_-]*[0-9])(?=[A-Za-z0-9+/_-]*[a-z])(?=[A-Za-z0-9+/_-]*[A-Z])[A-Za-z0-9+/_-]{40,}={0,2}/g, whole),
];

/**
 * A dotted run with every JWT in it replaced: "eyJ" (a base64url JSON header) and 5 more characters, a dot,
 * 5 or more characters, a dot, and the signature (maybe empty). Text before the "eyJ" in its segment stays.
 */
function withoutJwts(run: string): string {
  const segments = run.split('.');
  const kept: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    const start = segment.indexOf('eyJ');
    if (start >= 0 && segment.length - start >= 8 && i + 2 < segments.length && (segments[i + 1] as string).length >= 5) {
      kept.push(`${segment.slice(0, start)}${REDACTED}`);
      i += 2;
    } else kept.push(segment);
  }
  return kept.join('.');
}

/** A header line whose value is a secret: Authorization, Cookie, Set-Cookie, or an X- header named for a key, token, secret or auth. */
function isSecretHeaderLineName(name: string): boolean {
  const lower = name.toLowerCase();
  return SECRET_HEADER_LINES.has(lower) || (lower.startsWith('x-') && /key|token|secret|auth/.test(lower.slice(2)));
}

const SECRET_HEADER_LINES = new Set(['authorization', 'proxy-authorization', 'set-cookie', 'cookie']);

const applied = (rules: readonly Rule[], text: string): string => rules.reduce((current, rule) => rule(current), text);

/** Replaces secrets in free text (bodies, banners). */
export function redactText(text: string): string {
  return applied(LONG_RUN_RULES, applied(SHAPE_RULES, text));
}

/**
 * Replaces secrets in a name a service publishes for its clients to use (a model id): every secret shape, but not
 * the long-run rules, which would take "sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2" for a key.
 */
export function redactPublishedName(name: string): string {
  return applied(SHAPE_RULES, name);
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
 * so a secret straddling the cut is still recognised whole before the text is shortened. Control and
 * direction-override characters are shown escaped (`oneLine`): the excerpt is stored for years and read
 * in consoles, terminals and JSON, where a server's escape sequences must not act.
 */
export function excerptOf(text: string, maxChars = 300): string {
  const window = text.slice(0, maxChars * 8);
  const line = oneLine(redactText(window));
  if (line.length <= maxChars) return line;
  const cut = line.slice(0, maxChars - 1);
  // Never half of a surrogate pair at the cut.
  return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}
