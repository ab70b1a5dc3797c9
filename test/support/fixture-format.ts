/**
 * The fixture file format (test/fixtures/<family>/<case>.json) and its replay into the classifier's
 * input. Shared by scripts/record-fixtures.ts (writes) and the fingerprint tests (read).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { followUpAt, followUpsDue, planRequests, requestKey, slashRedirectOf } from '../../lambdas/probe/catalog-plan.js';
import { isHttpRequest, kindOf, type Fingerprint, type HttpProbeRequest, type ObservedResponse, type ReplyFraming } from '../../lambdas/probe/fingerprints/types.js';
import { afterLoopbackHost, classify, loopbackHostOf, type Classification, type PlanMemo } from '../../lambdas/probe/classify.js';
import { redactText } from '../../lambdas/probe/redact.js';

export const fixturesRoot = fileURLToPath(new URL('../fixtures/', import.meta.url));

const recordedResponse = z.strictObject({
  status: z.number().int().optional(),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().default(''),
  truncated: z.boolean().default(false),
  error: z.string().optional(),
});
export type RecordedResponse = z.infer<typeof recordedResponse>;

/**
 * A raw TCP reply as a fixture records it: secrets redacted. Redaction changes the reply's size, so a
 * length header its framing declares (`replyEnds.lengthPrefixed`, e.g. RESP's `$<n>`) is rewritten to
 * the redacted size: replayed, the fixture must end where its header says, as the real reply did.
 */
export function redactedReply(reply: Buffer, framing: ReplyFraming | undefined): string {
  const text = reply.toString('utf8');
  const prefixed = framing?.lengthPrefixed;
  // The `d` flag gives the length's own position in the header, to rewrite it there and nowhere else.
  const header = prefixed === undefined ? undefined : new RegExp(prefixed.header.source, `${prefixed.header.flags.replace('d', '')}d`).exec(text);
  const lengthAt = header?.indices?.[1];
  if (header === null || header === undefined || header.index !== 0 || header[1] === undefined || lengthAt === undefined) return redactText(text);
  const headerBytes = Buffer.byteLength(header[0]);
  const declared = Number(header[1]);
  // A reply cut by the recorder's cap holds less than its header declares; what is missing stays missing.
  const payload = reply.subarray(headerBytes, headerBytes + declared).toString('utf8');
  const redacted = redactText(payload);
  const shrunk = Buffer.byteLength(payload) - Buffer.byteLength(redacted);
  const rest = reply.subarray(headerBytes + declared).toString('utf8');
  const [from, to] = lengthAt;
  return `${header[0].slice(0, from)}${declared - shrunk}${header[0].slice(to)}${redacted}${redactText(rest)}`;
}

export const fixtureSchema = z.strictObject({
  description: z.string().min(1),
  provenance: z.strictObject({
    product: z.string().min(1),
    version: z.string().min(1),
    /** How the server was started (recorded), or which document/code the answers come from. */
    how: z.string().min(1),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    source: z.union([z.literal('recorded'), z.string().regex(/^(docs|source):\S+/)]),
    /**
     * Recorded from a Python server: every package of the virtualenv it ran in (`pip list --format=freeze`), since its
     * answers can depend on more than the product's own version (marimo's Vary: Cookie came from Starlette 1.0).
     */
    packages: z.array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*==\S+$/)).min(1).optional(),
  }),
  /** Hand-made (not recorded, not transcribed from a cited document): say so. */
  synthetic: z.boolean().default(false),
  /**
   * For fixtures derived from source or docs (not recorded, not synthetic): where each response comes
   * from. `literal` is text that appears verbatim both in the cited file/page and in that response
   * (body, a header value, or the status code), so a reviewer can check the transcription line by line.
   */
  citations: z
    .array(
      z.strictObject({
        response: z.string().min(1),
        url: z.url({ protocol: /^https$/ }),
        literal: z.string().min(1),
      }),
    )
    .optional(),
  /** The port the target was planned for (decides request order only). */
  port: z.number().int().min(1).max(65535),
  /** The Host header the recorder sent, when it mattered. */
  hostHeader: z.string().optional(),
  expect: z.strictObject({
    verdict: z.enum(['unauthenticated', 'auth-required', 'not-ai']),
    family: z.string().nullable(),
    version: z.string().optional(),
    /** The model names the result's evidence keeps (`extract.models`). */
    models: z.array(z.string()).optional(),
  }),
  /** By request key (see requestKey) or the shorthand "METHOD /path" for requests without headers/body. */
  responses: z.record(z.string(), recordedResponse),
  /**
   * Where `responses` are a Host policy's refusal: the answers to the same plan naming `Host: localhost:<port>`, as the
   * engine asks such a port again (classify.ts rule 9), by request key.
   */
  responsesNamingLocalhost: z.record(z.string(), recordedResponse).optional(),
  /** Answer for HTTP requests not listed: a fixed response, or "echo" (the request reflected back). */
  fallback: z.union([z.literal('echo'), recordedResponse]).optional(),
});
export type Fixture = z.infer<typeof fixtureSchema>;

export interface LoadedFixture {
  readonly family: string;
  readonly name: string;
  readonly fixture: Fixture;
}

/** Every fixture under test/fixtures, validated; a malformed file throws naming the file. */
export function loadFixtures(root = fixturesRoot): LoadedFixture[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) =>
      readdirSync(join(root, dir.name))
        .filter((file) => file.endsWith('.json'))
        .map((file) => {
          const path = join(root, dir.name, file);
          const parsed = fixtureSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
          if (!parsed.success) throw new Error(`${path}: ${z.prettifyError(parsed.error)}`);
          return { family: dir.name, name: file.replace(/\.json$/, ''), fixture: parsed.data };
        }),
    );
}

export const toObserved = (kind: ObservedResponse['kind'], recorded: RecordedResponse): ObservedResponse => ({
  kind,
  headers: recorded.headers,
  body: recorded.body,
  truncated: recorded.truncated,
  ...(recorded.status !== undefined ? { status: recorded.status } : {}),
  ...(recorded.error !== undefined ? { error: recorded.error } : {}),
});

/**
 * What the engine would have observed: every planned request looked up by key (then shorthand, for HTTP), an answer
 * redirecting it to its path with a slash added replaced by the one listed there (`followsSlashRedirect`); unlisted
 * HTTP requests get the fallback, unlisted ones without a fallback were not observed. Then the follow-ups those answers
 * call for, where the fixture lists them by the key of what was sent (the recorder sends them too).
 */
export function replay(catalog: readonly Fingerprint[], fixture: Fixture): Map<string, ObservedResponse> {
  const observed = new Map<string, ObservedResponse>();
  const sentAs = new Map<string, HttpProbeRequest>();
  const fallback = fixture.fallback;
  const planned = planRequests(catalog, fixture.port);
  for (const request of planned) {
    const key = requestKey(request);
    const listed = fixture.responses[key] ?? (isHttpRequest(request) ? fixture.responses[`${request.method} ${request.path}`] : undefined);
    if (listed !== undefined) {
      const answer = toObserved(kindOf(request), listed);
      const moved = isHttpRequest(request) ? slashRedirectOf(request, answer) : undefined;
      const listedThere = moved === undefined ? undefined : fixture.responses[requestKey(moved)];
      if (moved !== undefined && listedThere !== undefined) sentAs.set(key, moved);
      observed.set(key, listedThere === undefined ? answer : toObserved('http', listedThere));
      continue;
    }
    if (!isHttpRequest(request) || fallback === undefined) continue;
    const answer: RecordedResponse =
      fallback === 'echo'
        ? { status: 200, headers: { 'content-type': 'text/plain' }, body: `${key}\r\nhost: ${fixture.hostHeader ?? 'example'}\r\n`, truncated: false }
        : fallback;
    observed.set(key, toObserved('http', answer));
  }
  for (const request of planned) {
    const answer = isHttpRequest(request) ? observed.get(requestKey(request)) : undefined;
    if (!isHttpRequest(request) || answer === undefined) continue;
    for (const followUp of followUpsDue(request, answer)) {
      const listed = fixture.responses[requestKey(followUpAt(followUp, request, sentAs.get(requestKey(request)) ?? request))];
      if (listed !== undefined) observed.set(requestKey(followUp), toObserved('http', listed));
    }
  }
  return observed;
}

/** One asking of a fixture: the answers observed, and the planner's memo of them when a staged plan made them. */
export interface FixtureAsking {
  readonly observed: ReadonlyMap<string, ObservedResponse>;
  readonly memo?: PlanMemo;
}

/**
 * The engine's verdict on a fixture. `ask` gives the answers to one asking of it (the full replay by default; a staged
 * one in the planner's tests). A Host policy's refusal is asked again as the engine asks it (classify.ts rule 9), from
 * the answers the fixture recorded naming localhost; one that records none throws, as its verdict is unknown.
 */
export function classifyFixture(
  catalog: readonly Fingerprint[],
  fixture: Fixture,
  ask: (asked: Fixture) => FixtureAsking = (asked) => ({ observed: replay(catalog, asked) }),
): Classification {
  const first = ask(fixture);
  const refused = classify(catalog, first.observed, fixture.port, first.memo);
  if (refused.refusedHost !== true) return refused;
  const asked = namingLocalhost(fixture);
  if (asked === undefined) throw new Error(`${fixture.description}: a Host policy's refusal, and no answers naming localhost are recorded (responsesNamingLocalhost)`);
  const again = ask(asked);
  return afterLoopbackHost(refused, classify(catalog, again.observed, fixture.port, again.memo), loopbackHostOf(fixture.port));
}

/**
 * The answers a fixture's server gives a request naming `host`: those recorded naming localhost (classify.ts rule 9) to a
 * loopback Host, where it has them; else its first recording.
 */
export const answersFor = (fixture: Fixture, host: string | undefined): Fixture['responses'] =>
  fixture.responsesNamingLocalhost !== undefined && host?.startsWith('localhost:') === true ? fixture.responsesNamingLocalhost : fixture.responses;

/** The fixture as asked again naming a loopback Host (classify.ts rule 9): its answers recorded so, where it has them. */
export function namingLocalhost(fixture: Fixture): Fixture | undefined {
  const { responsesNamingLocalhost, ...rest } = fixture;
  return responsesNamingLocalhost === undefined ? undefined : { ...rest, hostHeader: loopbackHostOf(fixture.port), responses: responsesNamingLocalhost };
}
