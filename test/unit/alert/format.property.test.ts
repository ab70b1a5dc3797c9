/** Properties of formatAlert over arbitrary reports, hostile strings included. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SUBJECT_CHARS, formatAlert, type AlertMessage } from '../../../lambdas/alert/format.js';
import { safeField, utf8Bytes } from '../../../lambdas/shared/plain-text.js';
import { SEVERITIES, type ExposureChange } from '../../../lambdas/shared/model.js';
import { options, report } from './arbitraries.js';
import { ACCEPTANCE } from './builders.js';

const isResolution = (change: ExposureChange) => change.kind === 'resolved' || change.kind === 'resource-gone';

const totalBytes = (message: AlertMessage): number =>
  utf8Bytes(message.body) +
  utf8Bytes(message.subject) +
  Object.entries(message.attributes).reduce((sum, [name, value]) => sum + utf8Bytes(name) + utf8Bytes(value.DataType) + utf8Bytes(value.StringValue), 0);

/** A block field's value, continuation lines included. */
function fieldOf(block: string, label: string): string {
  const lines = block.split('\n');
  const first = lines.findIndex((line) => line.startsWith(`    ${label}`));
  const continuation = lines.slice(first + 1).findIndex((line) => !/^ {5,}/.test(line));
  const end = continuation < 0 ? lines.length : first + 1 + continuation;
  return [lines[first]!.slice(4 + label.length), ...lines.slice(first + 1, end)].join('');
}

// Reports of up to 800 changes with 15k-character fields: enough runs to find edge cases, few enough for seconds.
const RUNS = { numRuns: 40 };

// Each property takes a few seconds on two loaded cores; the default 5 s would be flaky.
describe('Property: formatAlert', { timeout: 30_000 }, () => {
  it('gives a printable-ASCII subject of at most 99 characters', () => {
    fc.assert(
      fc.property(report, options, (r, o) => {
        const { subject } = formatAlert(r, o)!;
        expect(subject.length).toBeLessThanOrEqual(MAX_SUBJECT_CHARS);
        expect(subject).toMatch(/^[\x20-\x7E]+$/);
      }),
      RUNS,
    );
  });

  it('fits body, subject and attributes into maxBodyBytes, as well-formed text with no control characters but newlines', () => {
    fc.assert(
      fc.property(report, options, (r, o) => {
        const message = formatAlert(r, o)!;
        expect(totalBytes(message)).toBeLessThanOrEqual(o.maxBodyBytes);
        expect(message.body).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/);
        expect(message.body).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      }),
      RUNS,
    );
  });

  it('pages no accepted change: the alert is the one the other changes make, less the count of accepted ones', () => {
    fc.assert(
      fc.property(report, options, fc.array(fc.boolean(), { minLength: 1, maxLength: 16 }), (r, o, marks) => {
        // Prepare
        const changes = r.changes.map((c, i) => (marks[i % marks.length] ? { ...c, accepted: ACCEPTANCE } : c));
        const others = changes.filter((c) => !c.accepted);
        // Act
        const alert = formatAlert({ ...r, changes }, o);
        // Assess
        const alone = others.length > 0 ? formatAlert({ ...r, changes: others }, o) : undefined;
        expect(alert?.subject).toBe(alone?.subject);
        expect(alert?.attributes).toEqual(alone?.attributes);
        // One more header line can push a change of a body cut to size into one-line form: compare up to the worst change then.
        const upToWorst = (body: string | undefined) => body?.slice(0, body.indexOf('\n\n', body.indexOf('\n[1] ') + 1));
        const stripped = alert?.body.replace(/^Accepted: .*\n/m, '');
        if (alone?.body.includes('NOT SHOWN IN FULL') || alert?.body.includes('NOT SHOWN IN FULL')) expect(upToWorst(stripped)).toBe(upToWorst(alone?.body));
        else expect(stripped).toBe(alone?.body);
      }),
      RUNS,
    );
  });

  it('shows a worst change in full: no resolution while something needs action, then the highest severity', () => {
    fc.assert(
      fc.property(report, options, (r, o) => {
        // Prepare: an oracle for "worst" that only knows the two primary rules.
        const pool = r.changes.some((c) => !isResolution(c)) ? r.changes.filter((c) => !isResolution(c)) : r.changes;
        const worstSeverity = SEVERITIES.find((severity) => pool.some((c) => c.severity === severity))!;
        // Act
        const { body, attributes } = formatAlert(r, o)!;
        // Assess
        const start = body.indexOf('\n[1] ');
        const block = body.slice(start + 1, body.indexOf('\n\n', start + 1));
        expect(block).toMatch(new RegExp(`^\\[1\\] ${worstSeverity.toUpperCase()}, `));
        for (const label of ['Service:', 'Verdict:', 'Where:', 'Resource:', 'Name tag:', 'Address:', 'Reached via:', 'Why:', 'Evidence:']) {
          expect(block).toContain(`    ${label}`);
        }
        expect(block).toMatch(/\n {4}(Fix|Exposed): /);
        const shownResource = fieldOf(block, 'Resource:').replace(/\s+/g, '');
        const candidates = pool.filter((c) => c.severity === worstSeverity).map((c) => `${c.target.resourceType}${safeField(c.target.resourceId, 256)}`.replace(/\s+/g, ''));
        expect(candidates).toContain(shownResource);
        expect(attributes.severity!.StringValue).toBe(worstSeverity);
        expect(Object.keys(attributes).length).toBeLessThanOrEqual(10);
      }),
      RUNS,
    );
  });
});
