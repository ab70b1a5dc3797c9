import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isExposure, VERDICTS, type Acceptance, type ExposureSnapshot, type ProbeResult, type ProbeTarget, type Verdict } from '../../../lambdas/shared/model.js';
import { ACCEPTANCE_NOTICE_DAYS, acceptanceLookup, acceptedExposuresSchema, daysLeft, type AcceptedExposure } from '../../../lambdas/state/acceptance.js';
import { diffTarget, MISSES_BEFORE_RESOLVE, type TargetObservation, type TargetState } from '../../../lambdas/state/diff.js';

const ACCOUNT = '111122223333';
const scan = { scanId: 'scan-0002', at: '2027-01-31T23:45:00.000Z' };
/** A scan weeks before the rules' last day: no notice of the end is due. */
const earlyScan = { scanId: 'scan-0001', at: '2027-01-02T03:00:00.000Z' };
const scanOn = (day: string) => ({ scanId: `scan-${day}`, at: `${day}T03:00:00.000Z` });
const EARLIER = '2027-01-01T00:00:00.000Z';
const gradio = { id: 'gradio', name: 'Gradio', category: 'ui' };
const jupyter = { id: 'jupyter-server', name: 'Jupyter Server', category: 'notebook' };

const target = (resourceId = 'i-0demo', port = 7860): ProbeTarget => ({
  targetId: `${ACCOUNT}/eu-west-1/ec2-instance/${resourceId}/54.1.2.3/${port}`,
  accountId: ACCOUNT,
  region: 'eu-west-1',
  resourceType: 'ec2-instance',
  resourceId,
  address: '54.1.2.3',
  port,
  reason: 'sg-1 tcp 7860 from 0.0.0.0/0',
});

const rule = (overrides: Partial<AcceptedExposure> = {}): AcceptedExposure => ({
  service: 'gradio',
  resource: 'i-0demo',
  accepts: 'unauthenticated',
  reason: 'public demo, SEC-1234',
  until: '2027-01-31',
  ...overrides,
});
const acceptanceOf = (r: AcceptedExposure): Acceptance => ({ reason: r.reason, until: r.until, accepts: r.accepts });

const snapshot = (verdict: Verdict, service = gradio): ExposureSnapshot => ({ verdict, service, severity: verdict === 'unauthenticated' ? 'high' : 'low' });
const probed = (verdict: Verdict, service = gradio): TargetObservation => {
  const result: ProbeResult = {
    targetId: target().targetId,
    address: '54.1.2.3',
    port: 7860,
    verdict,
    tls: false,
    ...(verdict === 'unauthenticated' || verdict === 'auth-required' ? { service, severity: verdict === 'unauthenticated' ? 'high' : 'low' } : {}),
    evidence: {},
    probedAt: scan.at,
    durationMs: 9,
    remediation: 'Set auth on launch.',
  };
  return { kind: 'probed', target: target(), result };
};
const exposed = (verdict: Verdict, accepted?: Acceptance, service = gradio): TargetState => ({
  target: target(),
  snapshot: snapshot(verdict, service),
  firstSeen: EARLIER,
  lastSeen: EARLIER,
  consecutiveMisses: 0,
  ...(accepted && { accepted }),
});

describe('Function: acceptanceLookup', () => {
  it('covers an exposure through the last day of `until`, UTC, and not a day after', () => {
    const lookup = (at: string) => acceptanceLookup([rule()], at)(target(), snapshot('unauthenticated'));
    expect(lookup('2027-01-31T23:59:59.999Z')).toEqual(acceptanceOf(rule()));
    expect(lookup('2027-02-01T00:00:00.000Z')).toBeUndefined();
  });

  it.each<[string, Partial<AcceptedExposure>, ProbeTarget, ExposureSnapshot]>([
    ['another service on the accepted resource', {}, target(), snapshot('unauthenticated', jupyter)],
    ['another resource', {}, target('i-0other'), snapshot('unauthenticated')],
    ['another port than the rule names', { port: 443 }, target(), snapshot('unauthenticated')],
    ['another account than the rule names', { resource: undefined, account: '444455556666' }, target(), snapshot('unauthenticated')],
    ['another region than the rule names', { region: 'us-east-1' }, target(), snapshot('unauthenticated')],
    ['an open service where only a gated one is accepted', { accepts: 'auth-required' }, target(), snapshot('unauthenticated')],
  ])('does not cover %s', (_case, overrides, t, s) => {
    expect(acceptanceLookup([rule(overrides)], scan.at)(t, s)).toBeUndefined();
  });

  it.each<[string, Partial<AcceptedExposure>, ExposureSnapshot]>([
    ['an account-wide rule', { resource: undefined, account: ACCOUNT, region: 'eu-west-1', port: 7860 }, snapshot('unauthenticated')],
    ['a gated service where an open one is accepted', {}, snapshot('auth-required')],
    ['a gated service where a gated one is accepted', { accepts: 'auth-required' }, snapshot('auth-required')],
    ['a server its answers also identify as the accepted family', { service: 'openai-compatible' }, { ...snapshot('unauthenticated'), alsoIdentifiedAs: ['openai-compatible'] }],
  ])('covers %s', (_case, overrides, s) => {
    expect(acceptanceLookup([rule(overrides)], scan.at)(target(), s)).toEqual(acceptanceOf(rule(overrides)));
  });

  it('prefers, of several rules that cover an exposure, the one that holds longest', () => {
    const rules = [rule({ until: '2027-02-15', reason: 'short' }), rule({ until: '2027-06-30', reason: 'long' }), rule({ until: '2027-03-01', reason: 'middle' })];
    expect(acceptanceLookup(rules, scan.at)(target(), snapshot('unauthenticated'))?.reason).toBe('long');
  });
});

describe('Function: acceptedExposuresSchema', () => {
  it('accepts only the catalog families it is given', () => {
    const schema = acceptedExposuresSchema(['gradio']);
    expect(schema.safeParse([{ service: 'gradio', account: ACCOUNT, reason: 'demo', until: '2027-01-31' }]).success).toBe(true);
    expect(schema.safeParse([{ service: 'ollama', account: ACCOUNT, reason: 'demo', until: '2027-01-31' }]).error?.issues[0]?.path).toEqual([0, 'service']);
  });
});

describe('Function: diffTarget, accepted exposures (rule 10)', () => {
  const accepting = (...rules: AcceptedExposure[]) => acceptanceLookup(rules, scan.at);
  const acceptingOn = (day: string, ...rules: AcceptedExposure[]) => acceptanceLookup(rules, scanOn(day).at);

  it('records a new exposure that is accepted, with its acceptance, in the state and on the change', () => {
    const decision = diffTarget(undefined, probed('unauthenticated'), scan, accepting(rule()));
    expect(decision.change).toMatchObject({ kind: 'opened', severity: 'high', accepted: acceptanceOf(rule()) });
    expect(decision.write).toMatchObject({ kind: 'put', state: { accepted: acceptanceOf(rule()) } });
  });

  it('writes an `accepted` entry when an open exposure becomes accepted, and nothing when it stays so', () => {
    const first = diffTarget(exposed('unauthenticated'), probed('unauthenticated'), scan, accepting(rule()));
    expect(first.change).toMatchObject({ kind: 'accepted', severity: 'info', why: 'accepted until 2027-01-31: public demo, SEC-1234', accepted: acceptanceOf(rule()), firstSeen: EARLIER });
    const again = diffTarget(exposed('unauthenticated', acceptanceOf(rule())), probed('unauthenticated'), earlyScan, accepting(rule()));
    expect(again.change).toBeUndefined();
    expect(again.write).toMatchObject({ kind: 'put', state: { accepted: acceptanceOf(rule()) } });
  });

  it('writes an `accepted` entry when the acceptance is renewed', () => {
    const renewed = rule({ until: '2027-06-30', reason: 'demo extended, SEC-1301' });
    const decision = diffTarget(exposed('unauthenticated', acceptanceOf(rule())), probed('unauthenticated'), scan, accepting(renewed));
    expect(decision.change).toMatchObject({ kind: 'accepted', accepted: acceptanceOf(renewed) });
  });

  it('pages `acceptance-ended`, with the exposure\'s severity, when the acceptance lapsed and the exposure is still open', () => {
    const lapsed = acceptanceOf(rule({ until: '2027-01-30' }));
    const decision = diffTarget(exposed('unauthenticated', lapsed), probed('unauthenticated'), scan, accepting(rule({ until: '2027-01-30' })));
    expect(decision.change).toMatchObject({
      kind: 'acceptance-ended',
      severity: 'high',
      why: 'still exposed, and its acceptance lapsed (it was accepted until 2027-01-30: public demo, SEC-1234)',
      remediation: 'Set auth on launch.',
      firstSeen: EARLIER,
    });
    expect(decision.change?.accepted).toBeUndefined();
    expect(decision.write.kind === 'put' && decision.write.state.accepted).toBeUndefined();
  });

  it('says the acceptance was withdrawn when its rule is gone before its day, also while the probe is inconclusive', () => {
    const decision = diffTarget(exposed('auth-required', acceptanceOf(rule())), { kind: 'not-probed', target: target() }, scan);
    expect(decision.change).toMatchObject({ kind: 'acceptance-ended', severity: 'low', why: expect.stringMatching(/its acceptance was withdrawn/) });
    expect(decision.write).toMatchObject({ kind: 'put', state: { consecutiveMisses: 1 } });
  });

  it('pages a different service on an accepted resource, and drops the acceptance from the state', () => {
    const decision = diffTarget(exposed('unauthenticated', acceptanceOf(rule())), probed('unauthenticated', jupyter), scan, accepting(rule()));
    expect(decision.change).toMatchObject({ kind: 'service-changed' });
    expect(decision.change?.accepted).toBeUndefined();
    expect(decision.write.kind === 'put' && decision.write.state.accepted).toBeUndefined();
  });

  it('pages authentication removed where only a gated service was accepted', () => {
    const gatedOnly = rule({ accepts: 'auth-required' });
    const decision = diffTarget(exposed('auth-required', acceptanceOf(gatedOnly)), probed('unauthenticated'), scan, accepting(gatedOnly));
    expect(decision.change).toMatchObject({ kind: 'auth-changed', severity: 'high' });
    expect(decision.change?.accepted).toBeUndefined();
  });

  it('records the end of an accepted exposure with the acceptance it had, and a state without one', () => {
    const closed = diffTarget(exposed('unauthenticated', acceptanceOf(rule())), probed('closed'), scan, accepting(rule()));
    expect(closed.change).toMatchObject({ kind: 'resolved', accepted: acceptanceOf(rule()) });
    expect(closed.write.kind === 'put' && closed.write.state.accepted).toBeUndefined();
    const gone = diffTarget(exposed('unauthenticated', acceptanceOf(rule())), { kind: 'left-inventory', resourceStillListed: false }, scan);
    expect(gone).toMatchObject({ write: { kind: 'delete' }, change: { kind: 'resource-gone', accepted: acceptanceOf(rule()) } });
  });

  it('keeps an accepted exposure through inconclusive scans and mutes its resolution by misses', () => {
    let state = exposed('unauthenticated', acceptanceOf(rule()));
    for (let miss = 1; miss <= MISSES_BEFORE_RESOLVE; miss += 1) {
      const decision = diffTarget(state, probed('unreachable'), earlyScan, accepting(rule()));
      if (miss < MISSES_BEFORE_RESOLVE) expect(decision.change).toBeUndefined();
      else expect(decision.change).toMatchObject({ kind: 'resolved', accepted: acceptanceOf(rule()) });
      if (decision.write.kind === 'put') state = decision.write.state;
    }
  });

  it('pages `acceptance-ending` once, low, in the week before the last day, and keeps the acceptance', () => {
    const accepted = acceptanceOf(rule());
    const eightDaysBefore = diffTarget(exposed('unauthenticated', accepted), probed('unauthenticated'), scanOn('2027-01-23'), acceptingOn('2027-01-23', rule()));
    expect(eightDaysBefore.change).toBeUndefined();
    const weekBefore = diffTarget(exposed('unauthenticated', accepted), probed('unauthenticated'), scanOn('2027-01-24'), acceptingOn('2027-01-24', rule()));
    expect(weekBefore.change).toMatchObject({
      kind: 'acceptance-ending',
      severity: 'low',
      why: 'still exposed, and its acceptance ends in 7 days: its last day is 2027-01-31 (public demo, SEC-1234)',
      acceptanceEnding: accepted,
      remediation: 'Set auth on launch.',
      firstSeen: EARLIER,
    });
    // Not muted: the notice is for the pager.
    expect(weekBefore.change?.accepted).toBeUndefined();
    expect(weekBefore.write).toMatchObject({ kind: 'put', state: { accepted, acceptanceEndNoticed: '2027-01-31' } });
    const noticed = weekBefore.write.kind === 'put' ? weekBefore.write.state : undefined;
    for (const day of ['2027-01-25', '2027-01-30', '2027-01-31']) {
      const later = diffTarget(noticed, probed('unauthenticated'), scanOn(day), acceptingOn(day, rule()));
      expect(later.change, day).toBeUndefined();
      expect(later.write, day).toMatchObject({ kind: 'put', state: { accepted, acceptanceEndNoticed: '2027-01-31' } });
    }
  });

  it('says when the last day is today or tomorrow', () => {
    const on = (day: string) => diffTarget(exposed('unauthenticated', acceptanceOf(rule())), probed('unauthenticated'), scanOn(day), acceptingOn(day, rule())).change?.why;
    expect(on('2027-01-31')).toBe('still exposed, and its acceptance ends today: its last day is 2027-01-31 (public demo, SEC-1234)');
    expect(on('2027-01-30')).toBe('still exposed, and its acceptance ends tomorrow: its last day is 2027-01-31 (public demo, SEC-1234)');
  });

  it('announces a renewed acceptance\'s end again, and not that of one written with its last day already near', () => {
    const noticed: TargetState = { ...exposed('unauthenticated', acceptanceOf(rule())), acceptanceEndNoticed: '2027-01-31' };
    const renewed = rule({ until: '2027-06-30', reason: 'demo extended, SEC-1301' });
    const renewal = diffTarget(noticed, probed('unauthenticated'), scanOn('2027-01-28'), acceptingOn('2027-01-28', renewed));
    expect(renewal.change).toMatchObject({ kind: 'accepted', accepted: acceptanceOf(renewed) });
    expect(renewal.write.kind === 'put' && renewal.write.state.acceptanceEndNoticed).toBeUndefined();
    const renewedState = renewal.write.kind === 'put' ? renewal.write.state : undefined;
    expect(diffTarget(renewedState, probed('unauthenticated'), scanOn('2027-06-23'), acceptingOn('2027-06-23', renewed)).change).toMatchObject({ kind: 'acceptance-ending', acceptanceEnding: acceptanceOf(renewed) });

    const shortOne = rule({ until: '2027-01-27', reason: 'one more week, SEC-1302' });
    const written = diffTarget(exposed('unauthenticated'), probed('unauthenticated'), scanOn('2027-01-24'), acceptingOn('2027-01-24', shortOne));
    expect(written.change).toMatchObject({ kind: 'accepted', accepted: acceptanceOf(shortOne) });
    expect(written.write).toMatchObject({ kind: 'put', state: { acceptanceEndNoticed: '2027-01-27' } });
    const next = diffTarget(written.write.kind === 'put' ? written.write.state : undefined, probed('unauthenticated'), scanOn('2027-01-25'), acceptingOn('2027-01-25', shortOne));
    expect(next.change).toBeUndefined();
  });

  it('leaves the notice to the next scan when the week starts with another change, which stays muted', () => {
    const accepted = acceptanceOf(rule());
    const gated = diffTarget(exposed('unauthenticated', accepted), probed('auth-required'), scanOn('2027-01-25'), acceptingOn('2027-01-25', rule()));
    expect(gated.change).toMatchObject({ kind: 'auth-changed', accepted });
    expect(gated.write.kind === 'put' && gated.write.state.acceptanceEndNoticed).toBeUndefined();
    const next = diffTarget(gated.write.kind === 'put' ? gated.write.state : undefined, probed('auth-required'), scanOn('2027-01-26'), acceptingOn('2027-01-26', rule()));
    expect(next.change).toMatchObject({ kind: 'acceptance-ending', severity: 'low', acceptanceEnding: accepted });
  });

  it('leaves a target that is not exposed without an acceptance, whatever the rules', () => {
    const decision = diffTarget(undefined, probed('not-ai'), scan, accepting(rule()));
    expect(decision.change).toBeUndefined();
    expect(decision.write.kind === 'put' && decision.write.state.accepted).toBeUndefined();
  });

  it('whatever the scans and rules: an acceptance only on an exposed state and only where a rule covers it, and an end only of one held (property)', () => {
    const step = fc.record({
      observation: fc.oneof(
        fc.record({ verdict: fc.constantFrom(...VERDICTS), service: fc.constantFrom(gradio, jupyter) }).map(({ verdict, service }) => probed(verdict, service)),
        fc.constant<TargetObservation>({ kind: 'not-probed', target: target() }),
      ),
      rules: fc.array(
        fc.record({
          service: fc.constantFrom('gradio', 'jupyter-server'),
          accepts: fc.constantFrom('auth-required' as const, 'unauthenticated' as const),
          until: fc.constantFrom('2027-01-02', '2027-01-05', '2027-01-09'),
        }),
        { maxLength: 2 },
      ),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        let state: TargetState | undefined;
        for (const [i, { observation, rules }] of steps.entries()) {
          const moment = { scanId: `scan-${i}`, at: new Date(Date.UTC(2027, 0, 1 + Math.floor(i / 3), i % 24)).toISOString() };
          const lookup = acceptanceLookup(rules.map((r) => rule({ ...r, reason: `until ${r.until}` })), moment.at);
          const held = state !== undefined && isExposure(state.snapshot.verdict) ? state.accepted : undefined;
          const { write, change } = diffTarget(state, observation, moment, lookup);
          const next = write.kind === 'put' ? write.state : write.kind === 'delete' ? undefined : state;
          // The state holds an acceptance only while exposed, and exactly the one the rules give it.
          if (next?.accepted) expect(isExposure(next.snapshot.verdict)).toBe(true);
          if (next && isExposure(next.snapshot.verdict)) expect(next.accepted).toEqual(lookup(next.target, next.snapshot));
          // `accepted` entries are news of a new acceptance; `acceptance-ended` ends one that was held, with nothing muted.
          if (change?.kind === 'accepted') expect(change.accepted).not.toEqual(held);
          if (change?.kind === 'acceptance-ended') expect([held !== undefined, change.accepted]).toEqual([true, undefined]);
          // An acceptance never ends silently on an exposure that stays open: something is paged.
          if (held && next && isExposure(next.snapshot.verdict) && !next.accepted) expect(change && !change.accepted).toBe(true);
          // A muted change is muted by the acceptance of the state it leaves or reaches.
          if (change?.accepted) expect([held, next?.accepted]).toContainEqual(change.accepted);
          state = next;
        }
      }),
    );
  });

  it('announces the end of an acceptance held into its last week once, whatever the scans between (property)', () => {
    const DAY_MS = 86_400_000;
    const start = Date.UTC(2027, 0, 1, 3);
    const observation = fc.oneof(
      { arbitrary: fc.constant(probed('unauthenticated')), weight: 6 },
      { arbitrary: fc.constantFrom(probed('auth-required'), probed('unreachable'), probed('unauthenticated', jupyter), probed('closed')), weight: 1 },
      { arbitrary: fc.constant<TargetObservation>({ kind: 'not-probed', target: target() }), weight: 1 },
    );
    const scans = fc.array(fc.record({ hoursLater: fc.integer({ min: 1, max: 60 }), observation }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), scans, (daysToEnd, steps) => {
        const until = new Date(start + daysToEnd * DAY_MS).toISOString().slice(0, 10);
        const rules = [rule({ until, reason: 'demo' })];
        let state: TargetState | undefined;
        let at = start;
        // One held period: from the scan that applied the acceptance to the one that left it.
        let period = { appliedEarly: false, quietScanInWeek: false, notices: 0 };
        const periodOver = () => {
          expect(period.notices).toBeLessThanOrEqual(1);
          if (period.appliedEarly && period.quietScanInWeek) expect(period.notices).toBe(1);
        };
        for (const [i, step] of steps.entries()) {
          at += step.hoursLater * 3_600_000;
          const moment = { scanId: `scan-${i}`, at: new Date(at).toISOString() };
          const held = state !== undefined && isExposure(state.snapshot.verdict) ? state.accepted : undefined;
          const { write, change } = diffTarget(state, step.observation, moment, acceptanceLookup(rules, moment.at));
          const next = write.kind === 'put' ? write.state : write.kind === 'delete' ? undefined : state;
          if (!held && next?.accepted) period = { appliedEarly: daysLeft(until, moment.at) > ACCEPTANCE_NOTICE_DAYS, quietScanInWeek: false, notices: 0 };
          if (change?.kind === 'acceptance-ending') {
            expect([held, next?.accepted, change.acceptanceEnding, change.accepted]).toEqual([acceptanceOf(rules[0]!), acceptanceOf(rules[0]!), acceptanceOf(rules[0]!), undefined]);
            expect(daysLeft(until, moment.at)).toBeLessThanOrEqual(ACCEPTANCE_NOTICE_DAYS);
            period.notices += 1;
          }
          // A scan in the last week that saw the held acceptance kept and nothing else change.
          if (held && next?.accepted && (change === undefined || change.kind === 'acceptance-ending') && daysLeft(until, moment.at) <= ACCEPTANCE_NOTICE_DAYS) period.quietScanInWeek = true;
          if (held && !next?.accepted) periodOver();
          state = next;
        }
        if (state?.accepted) periodOver();
      }),
    );
  });
});

