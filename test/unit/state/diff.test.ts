import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isExposure, VERDICTS, type AiAsset, type ProbeResult, type ProbeTarget, type ResourceType, type ScopeInventory, type Severity, type UnlistedPart, type Verdict } from '../../../lambdas/shared/model.js';
import {
  diffAsset,
  diffTarget,
  indexScan,
  MISSES_BEFORE_RESOLVE,
  observeAsset,
  observeTarget,
  type AssetState,
  type TargetObservation,
  type TargetState,
} from '../../../lambdas/state/diff.js';

const ACCOUNT = '111111111111';
const REGION = 'eu-west-1';
const scan = { scanId: 'scan-0002', at: '2025-03-02T00:00:00.000Z' };
const EARLIER = '2025-03-01T00:00:00.000Z';

const target = (resourceId = 'i-0abc', port = 11434, region = REGION): ProbeTarget => ({
  targetId: `${ACCOUNT}/${region}/ec2-instance/${resourceId}/54.1.2.3/${port}`,
  accountId: ACCOUNT,
  region,
  resourceType: 'ec2-instance',
  resourceId,
  nameTag: 'prod-gpu',
  address: '54.1.2.3',
  port,
  reason: 'sg-1 tcp 11434 from 0.0.0.0/0',
});

const ollama = { id: 'ollama', name: 'Ollama', category: 'model-server' };
const vllm = { id: 'vllm', name: 'vLLM', category: 'model-server' };
const openaiCompatible = { id: 'openai-compatible', name: 'OpenAI-compatible API', category: 'model-server' };
const llamaCppPython = { id: 'llama-cpp-python', name: 'llama-cpp-python server', category: 'model-server' };

const result = (verdict: Verdict, extra: Partial<ProbeResult> = {}): ProbeResult => ({
  targetId: target().targetId,
  address: '54.1.2.3',
  port: 11434,
  verdict,
  tls: false,
  evidence: verdict === 'error' ? { reason: 'connection reset' } : {},
  probedAt: scan.at,
  durationMs: 12,
  ...extra,
});

const stored = (
  verdict: Verdict,
  extra: Partial<TargetState> & { service?: typeof ollama; version?: string; severity?: Severity; alsoIdentifiedAs?: string[] } = {},
): TargetState => {
  const { service, version, severity = 'critical', alsoIdentifiedAs, ...rest } = extra;
  return {
    target: target(),
    snapshot: { verdict, ...(service && { service }), ...(isExposure(verdict) && { severity }), ...(version && { version }), ...(alsoIdentifiedAs && { alsoIdentifiedAs }) },
    ...(isExposure(verdict) && { firstSeen: EARLIER }),
    lastSeen: EARLIER,
    consecutiveMisses: 0,
    ...rest,
  };
};

const probed = (verdict: Verdict, extra: Partial<ProbeResult> = {}): TargetObservation => ({ kind: 'probed', target: target(), result: result(verdict, extra) });
const notProbed: TargetObservation = { kind: 'not-probed', target: target() };

describe('Function: diffTarget', () => {
  it.each<[string, TargetState | undefined, TargetObservation, { write: string; kind?: string; severity?: string; why?: RegExp }]>([
    ['new unauthenticated target opens with the fingerprint severity', undefined, probed('unauthenticated', { service: ollama, severity: 'critical' }), { write: 'put', kind: 'opened', severity: 'critical', why: /Ollama answered without credentials/ }],
    ['new unauthenticated target without a severity opens as high', undefined, probed('unauthenticated', { service: ollama }), { write: 'put', kind: 'opened', severity: 'high' }],
    ['new auth-required target opens as low', undefined, probed('auth-required', { service: ollama, severity: 'low' }), { write: 'put', kind: 'opened', severity: 'low', why: /demanded credentials/ }],
    ['closed → unauthenticated opens', stored('closed'), probed('unauthenticated', { service: ollama, severity: 'high' }), { write: 'put', kind: 'opened', severity: 'high' }],
    ['unreachable → auth-required opens', stored('unreachable'), probed('auth-required', { service: ollama }), { write: 'put', kind: 'opened', severity: 'low' }],
    ['new closed target is stored quietly', undefined, probed('closed'), { write: 'put' }],
    ['new not-ai target is stored quietly', undefined, probed('not-ai'), { write: 'put' }],
    ['new unreachable target is stored quietly', undefined, probed('unreachable'), { write: 'put' }],
    ['closed → closed writes nothing', stored('closed'), probed('closed'), { write: 'none' }],
    ['closed → not-ai updates quietly', stored('closed'), probed('not-ai'), { write: 'put' }],
    ['unauthenticated → auth-required is auth-changed, info', stored('unauthenticated', { service: ollama }), probed('auth-required', { service: ollama }), { write: 'put', kind: 'auth-changed', severity: 'info', why: /demands credentials now/ }],
    ['auth-required → unauthenticated is auth-changed with its severity', stored('auth-required', { service: ollama }), probed('unauthenticated', { service: ollama, severity: 'critical' }), { write: 'put', kind: 'auth-changed', severity: 'critical', why: /without credentials now/ }],
    ['unauthenticated → auth-required by an unknown gate is auth-changed', stored('unauthenticated', { service: ollama }), probed('auth-required'), { write: 'put', kind: 'auth-changed', severity: 'info' }],
    ['same verdict, another service is service-changed', stored('unauthenticated', { service: ollama }), probed('unauthenticated', { service: vllm, severity: 'high' }), { write: 'put', kind: 'service-changed', severity: 'high', why: /vLLM answers now, Ollama did before/ }],
    ['auth-required, another service is service-changed, low', stored('auth-required', { service: ollama }), probed('auth-required', { service: vllm }), { write: 'put', kind: 'service-changed', severity: 'low' }],
    ['service and auth both change: service-changed wins', stored('unauthenticated', { service: ollama }), probed('auth-required', { service: vllm }), { write: 'put', kind: 'service-changed', severity: 'low' }],
    [
      'the same server named more precisely (its answers still identify the old service) writes no history',
      stored('unauthenticated', { service: openaiCompatible, severity: 'high' }),
      probed('unauthenticated', { service: llamaCppPython, severity: 'high', alsoIdentifiedAs: ['openai-compatible'] }),
      { write: 'put' },
    ],
    [
      'the same server named more precisely and worse is service-changed, saying so',
      stored('unauthenticated', { service: openaiCompatible, severity: 'high' }),
      probed('unauthenticated', { service: llamaCppPython, severity: 'critical', alsoIdentifiedAs: ['openai-compatible'] }),
      { write: 'put', kind: 'service-changed', severity: 'critical', why: /^the OpenAI-compatible API named before, now named more precisely as llama-cpp-python server \(its answers identify both\), and worse$/ },
    ],
    [
      'the same server named less precisely (the answers behind the stored name identified the new one too) writes no history',
      stored('unauthenticated', { service: llamaCppPython, severity: 'high', alsoIdentifiedAs: ['openai-compatible'] }),
      probed('unauthenticated', { service: openaiCompatible, severity: 'high' }),
      { write: 'put' },
    ],
    [
      'the same server named more precisely with its auth changed is auth-changed',
      stored('auth-required', { service: openaiCompatible, severity: 'low' }),
      probed('unauthenticated', { service: llamaCppPython, severity: 'high', alsoIdentifiedAs: ['openai-compatible'] }),
      { write: 'put', kind: 'auth-changed', severity: 'high', why: /llama-cpp-python server answers without credentials now/ },
    ],
    [
      'answers that identify other families, but not the stored one, are another service',
      stored('unauthenticated', { service: ollama }),
      probed('unauthenticated', { service: vllm, severity: 'high', alsoIdentifiedAs: ['openai-compatible'] }),
      { write: 'put', kind: 'service-changed', severity: 'high', why: /vLLM answers now, Ollama did before/ },
    ],
    ['version change alone writes no history', stored('unauthenticated', { service: ollama, version: '0.1.0' }), probed('unauthenticated', { service: ollama, severity: 'critical', version: '0.2.0' }), { write: 'put' }],
    ['exposed → closed resolves', stored('unauthenticated', { service: ollama }), probed('closed'), { write: 'put', kind: 'resolved', severity: 'info', why: /port is closed/ }],
    ['exposed → not-ai resolves', stored('auth-required', { service: ollama }), probed('not-ai'), { write: 'put', kind: 'resolved', severity: 'info', why: /no AI service answers/ }],
    ["exposed → a sweep's not-ai that did not ask about the family keeps the exposure", stored('unauthenticated', { service: ollama }), probed('not-ai', { askedInSweep: ['vllm'] }), { write: 'put' }],
    ["exposed → a sweep's not-ai that asked about the family resolves", stored('unauthenticated', { service: ollama }), probed('not-ai', { askedInSweep: ['vllm', 'ollama'] }), { write: 'put', kind: 'resolved', why: /no AI service answers/ }],
    ["exposed → a sweep naming another family without asking about this one keeps the exposure", stored('unauthenticated', { service: ollama }), probed('unauthenticated', { service: vllm, askedInSweep: ['vllm'] }), { write: 'put' }],
    ["exposed → a sweep that asked about both families reports the service change", stored('unauthenticated', { service: ollama }), probed('unauthenticated', { service: vllm, askedInSweep: ['vllm', 'ollama'] }), { write: 'put', kind: 'service-changed' }],
    ['exposed → a sweep finding the same family again changes its auth as usual', stored('unauthenticated', { service: ollama }), probed('auth-required', { service: ollama, askedInSweep: ['ollama'] }), { write: 'put', kind: 'auth-changed' }],
    ['first unreachable keeps the exposure', stored('unauthenticated', { service: ollama }), probed('unreachable'), { write: 'put' }],
    ['second unreachable in a row resolves', stored('unauthenticated', { service: ollama, consecutiveMisses: 1 }), probed('unreachable'), { write: 'put', kind: 'resolved', severity: 'info', why: /^unreachable in 2 consecutive scans$/ }],
    ['first error keeps the exposure', stored('unauthenticated', { service: ollama }), probed('error'), { write: 'put' }],
    ['second error in a row resolves, naming the error', stored('unauthenticated', { service: ollama, consecutiveMisses: 1 }), probed('error'), { write: 'put', kind: 'resolved', why: /no conclusive answer in 2 consecutive scans \(last: probe error: connection reset\)/ }],
    ['a partial "closed" is inconclusive', stored('unauthenticated', { service: ollama }), probed('closed', { partial: true }), { write: 'put' }],
    ['a second partial result resolves', stored('unauthenticated', { service: ollama, consecutiveMisses: 1 }), probed('not-ai', { partial: true }), { write: 'put', kind: 'resolved', why: /cut short/ }],
    ['a partial exposure is still an exposure', stored('unauthenticated', { service: ollama, consecutiveMisses: 1 }), probed('unauthenticated', { service: ollama, severity: 'critical', partial: true }), { write: 'put' }],
    ['no result for a listed exposed target is a miss', stored('unauthenticated', { service: ollama }), notProbed, { write: 'put' }],
    ['a second missing result resolves', stored('unauthenticated', { service: ollama, consecutiveMisses: 1 }), notProbed, { write: 'put', kind: 'resolved', why: /no probe result/ }],
    ['no result for an unknown target writes nothing', undefined, notProbed, { write: 'none' }],
    ['no result for a non-exposed target writes nothing', stored('closed'), notProbed, { write: 'none' }],
    ['exposed target gone, resource still listed: resolved', stored('unauthenticated', { service: ollama }), { kind: 'left-inventory', resourceStillListed: true }, { write: 'delete', kind: 'resolved', severity: 'info', why: /no longer reachable from the internet \(security group \/ listener changed\)/ }],
    ['exposed target gone with its resource: resource-gone', stored('auth-required', { service: ollama }), { kind: 'left-inventory', resourceStillListed: false }, { write: 'delete', kind: 'resource-gone', severity: 'info' }],
    ['non-exposed target gone: deleted quietly', stored('closed'), { kind: 'left-inventory', resourceStillListed: false }, { write: 'delete' }],
  ])('%s', (_name, before, observation, expected) => {
    // Act
    const decision = diffTarget(before, observation, scan);

    // Assess
    expect(decision.write.kind).toBe(expected.write);
    expect(decision.change?.kind).toBe(expected.kind);
    if (expected.severity) expect(decision.change?.severity).toBe(expected.severity);
    if (expected.why) expect(decision.change?.why).toMatch(expected.why);
    if (decision.change) {
      expect(decision.change).toMatchObject({ scanId: scan.scanId, at: scan.at });
      expect(decision.change.target.targetId).toBe(target().targetId);
    }
  });

  it('keeps firstSeen across auth and service changes and reports it on resolve', () => {
    // Prepare
    const exposed = stored('unauthenticated', { service: ollama });

    // Act
    const changed = diffTarget(exposed, probed('auth-required', { service: ollama }), scan);
    const resolved = diffTarget(exposed, probed('closed'), scan);

    // Assess
    expect(changed.change?.firstSeen).toBe(EARLIER);
    expect(changed.write).toMatchObject({ kind: 'put', state: { firstSeen: EARLIER, lastSeen: scan.at } });
    expect(resolved.change).toMatchObject({ firstSeen: EARLIER, before: { verdict: 'unauthenticated' }, after: { verdict: 'closed' } });
    expect(resolved.write).toMatchObject({ kind: 'put', state: { consecutiveMisses: 0 } });
    expect(resolved.write.kind === 'put' && resolved.write.state.firstSeen).toBe(undefined);
  });

  it('records the more precise name of the same server as the current state, keeping when its exposure began', () => {
    // Prepare
    const exposed = stored('unauthenticated', { service: openaiCompatible, severity: 'high' });
    const renamed = probed('unauthenticated', { service: llamaCppPython, severity: 'high', version: '0.3.16', alsoIdentifiedAs: ['openai-compatible'] });

    // Act
    const decision = diffTarget(exposed, renamed, scan);

    // Assess
    expect(decision.change).toBeUndefined();
    expect(decision.write).toMatchObject({
      kind: 'put',
      state: {
        firstSeen: EARLIER,
        lastSeen: scan.at,
        snapshot: { verdict: 'unauthenticated', service: llamaCppPython, severity: 'high', version: '0.3.16', alsoIdentifiedAs: ['openai-compatible'] },
      },
    });
  });

  it('keeps the better-informed name when a scan names the same server less precisely, so naming it again is no news', () => {
    // Prepare: llama-cpp-python, critical, its answers identifying the generic family too; then a scan that names only the generic family
    const named = stored('unauthenticated', { service: llamaCppPython, alsoIdentifiedAs: ['openai-compatible'] });
    const vaguer = probed('unauthenticated', { service: openaiCompatible, severity: 'high' });
    const namedAgain = probed('unauthenticated', { service: llamaCppPython, severity: 'critical', alsoIdentifiedAs: ['openai-compatible'] });

    // Act
    const first = diffTarget(named, vaguer, scan);
    const kept = first.write.kind === 'put' ? first.write.state : undefined;
    const second = kept && diffTarget(kept, namedAgain, scan);

    // Assess
    expect(first.change).toBeUndefined();
    expect(kept).toMatchObject({ lastSeen: scan.at, firstSeen: EARLIER, snapshot: named.snapshot });
    expect(second?.change).toBeUndefined();
  });

  it('counts misses without moving lastSeen and resets them on a conclusive answer', () => {
    // Prepare
    const exposed = stored('unauthenticated', { service: ollama });

    // Act
    const missed = diffTarget(exposed, probed('unreachable'), scan);
    const seenAgain = diffTarget({ ...exposed, consecutiveMisses: 1 }, probed('unauthenticated', { service: ollama, severity: 'critical' }), scan);

    // Assess
    expect(missed.write).toMatchObject({ kind: 'put', state: { consecutiveMisses: 1, lastSeen: EARLIER, snapshot: { verdict: 'unauthenticated' } } });
    expect(seenAgain.write).toMatchObject({ kind: 'put', state: { consecutiveMisses: 0, lastSeen: scan.at } });
    expect(seenAgain.change).toBeUndefined();
  });

  it("leaves an exposure a sweep did not ask about exactly as it was: no miss counted, lastSeen kept", () => {
    const exposed = stored('unauthenticated', { service: ollama, consecutiveMisses: 1 });
    const decision = diffTarget(exposed, probed('not-ai', { askedInSweep: ['vllm'] }), scan);
    expect(decision.change).toBeUndefined();
    expect(decision.write).toEqual({ kind: 'put', state: { ...exposed, target: target() } });
  });

  it('records the new version in the current state', () => {
    const decision = diffTarget(stored('unauthenticated', { service: ollama, version: '0.1.0' }), probed('unauthenticated', { service: ollama, version: '0.2.0' }), scan);
    expect(decision.write).toMatchObject({ kind: 'put', state: { snapshot: { version: '0.2.0' } } });
  });

  it('carries the remediation and the proving result on an opened change', () => {
    const decision = diffTarget(undefined, probed('unauthenticated', { service: ollama, remediation: 'bind to 127.0.0.1' }), scan);
    expect(decision.change).toMatchObject({ remediation: 'bind to 127.0.0.1', result: { verdict: 'unauthenticated' }, firstSeen: scan.at });
    expect(decision.change?.before).toBeUndefined();
  });

  it('never opens twice or resolves what is not exposed, whatever the sequence of scans (property)', () => {
    const observation = fc.oneof(
      fc.record({ verdict: fc.constantFrom(...VERDICTS), partial: fc.boolean(), service: fc.constantFrom(ollama, vllm) }).map(
        ({ verdict, partial, service }): TargetObservation => probed(verdict, { partial, ...(isExposure(verdict) && { service, severity: 'high' as const }) }),
      ),
      fc.constant(notProbed),
    );
    fc.assert(
      fc.property(fc.array(observation, { maxLength: 30 }), (observations) => {
        let state: TargetState | undefined;
        let misses = 0;
        for (const [i, obs] of observations.entries()) {
          const wasExposed = state !== undefined && isExposure(state.snapshot.verdict);
          const decision = diffTarget(state, obs, { scanId: `scan-${i}`, at: new Date(Date.UTC(2025, 0, 1, i)).toISOString() });
          if (decision.change?.kind === 'opened') expect(wasExposed).toBe(false);
          if (decision.change?.kind === 'resolved') expect(wasExposed).toBe(true);
          if (decision.write.kind === 'put') state = decision.write.state;
          const nowExposed = state !== undefined && isExposure(state.snapshot.verdict);
          // An exposure only ends with a change in history.
          if (wasExposed && !nowExposed) expect(decision.change?.kind).toBe('resolved');
          misses = nowExposed ? state!.consecutiveMisses : 0;
          expect(misses).toBeLessThan(MISSES_BEFORE_RESOLVE);
        }
      }),
    );
  });
});

/** A part of an ok scope's listing that failed, holding targets of `resourceType` (or assets of `assetKind`). */
const unlistedPart = (resourceType?: ResourceType, assetKind?: AiAsset['kind']): UnlistedPart => ({
  what: 'a listing',
  resourceTypes: resourceType ? [resourceType] : [],
  assetKinds: assetKind ? [assetKind] : [],
  error: 'lambda:ListFunctions failed: AccessDeniedException',
});

describe('Function: observeTarget', () => {
  const web = target('i-0abc', 80);
  const gpu = target('i-0abc', 11434);
  const other = target('i-0def', 8888);
  const okScope = (targets: ProbeTarget[]): Extract<ScopeInventory, { ok: true }> => ({ scope: { accountId: ACCOUNT, region: REGION }, ok: true, targets, assets: [] });
  const state = (t: ProbeTarget): TargetState => ({ ...stored('unauthenticated', { service: ollama }), target: t });

  it.each<[string, ScopeInventory[], ProbeResult[], string, TargetState | undefined, TargetObservation | undefined]>([
    ['a listed target with a result is probed', [okScope([gpu])], [{ ...result('unauthenticated'), targetId: gpu.targetId }], gpu.targetId, undefined, { kind: 'probed', target: gpu, result: { ...result('unauthenticated'), targetId: gpu.targetId } }],
    ['a listed target without a result is not probed', [okScope([gpu])], [], gpu.targetId, undefined, { kind: 'not-probed', target: gpu }],
    ['gone, but its resource still has targets: still listed', [okScope([web])], [], gpu.targetId, state(gpu), { kind: 'left-inventory', resourceStillListed: true }],
    ['gone with its resource', [okScope([other])], [], gpu.targetId, state(gpu), { kind: 'left-inventory', resourceStillListed: false }],
    ['gone from an ok scope that is now empty', [okScope([])], [], gpu.targetId, state(gpu), { kind: 'left-inventory', resourceStillListed: false }],
    ['its scope failed: untouched', [{ scope: { accountId: ACCOUNT, region: REGION }, ok: false, error: 'AccessDenied' }], [], gpu.targetId, state(gpu), undefined],
    ['its scope is missing from the scan: untouched', [{ ...okScope([other]), scope: { accountId: ACCOUNT, region: 'us-east-1' } }], [], gpu.targetId, state(gpu), undefined],
    ['a result for a target outside every ok scope is ignored', [], [{ ...result('unauthenticated'), targetId: gpu.targetId }], gpu.targetId, undefined, undefined],
    ['gone from an ok scope that could not list its kind: untouched', [{ ...okScope([]), unlisted: [unlistedPart('ec2-instance')] }], [], gpu.targetId, state(gpu), undefined],
    ['gone from an ok scope that could not list another kind: as usual', [{ ...okScope([]), unlisted: [unlistedPart('lambda-function')] }], [], gpu.targetId, state(gpu), { kind: 'left-inventory', resourceStillListed: false }],
  ])('%s', (_name, scopes, results, targetId, before, expected) => {
    // Act
    const observation = observeTarget(indexScan(scopes, results), targetId, before);

    // Assess
    expect(observation).toEqual(expected);
  });

  it('treats the same resource id in another region as another resource', () => {
    const elsewhere = target('i-0abc', 80, 'us-east-1');
    const index = indexScan([okScope([]), { scope: { accountId: ACCOUNT, region: 'us-east-1' }, ok: true, targets: [elsewhere], assets: [] }], []);
    expect(observeTarget(index, gpu.targetId, state(gpu))).toEqual({ kind: 'left-inventory', resourceStillListed: false });
  });
});

describe('Function: diffAsset', () => {
  const asset = (facts: Record<string, string>, extra: Partial<AiAsset> = {}): AiAsset => ({
    assetId: `${ACCOUNT}/${REGION}/sagemaker-endpoint/chat`,
    accountId: ACCOUNT,
    region: REGION,
    kind: 'sagemaker-endpoint',
    name: 'chat',
    facts,
    ...extra,
  });
  const storedAsset = (facts: Record<string, string>): AssetState => ({ asset: asset(facts), firstSeen: EARLIER });

  it.each<[string, AssetState | undefined, Parameters<typeof diffAsset>[1], { write: string; kind?: string; beforeFacts?: Record<string, string> }]>([
    ['a new asset is added', undefined, { kind: 'listed', asset: asset({ image: 'tgi:2.0' }) }, { write: 'put', kind: 'asset-added' }],
    ['the same asset writes nothing', storedAsset({ image: 'tgi:2.0' }), { kind: 'listed', asset: asset({ image: 'tgi:2.0' }) }, { write: 'none' }],
    ['changed facts are asset-changed with the old facts', storedAsset({ image: 'tgi:2.0' }), { kind: 'listed', asset: asset({ image: 'tgi:2.1' }) }, { write: 'put', kind: 'asset-changed', beforeFacts: { image: 'tgi:2.0' } }],
    ['a new ARN alone updates quietly', storedAsset({ image: 'tgi:2.0' }), { kind: 'listed', asset: asset({ image: 'tgi:2.0' }, { arn: 'arn:aws:sagemaker:x' }) }, { write: 'put' }],
    ['an asset no longer listed is removed', storedAsset({ image: 'tgi:2.0' }), { kind: 'not-listed' }, { write: 'delete', kind: 'asset-removed' }],
    ['nothing stored and not listed writes nothing', undefined, { kind: 'not-listed' }, { write: 'none' }],
  ])('%s', (_name, before, observation, expected) => {
    const decision = diffAsset(before, observation, scan);
    expect(decision.write.kind).toBe(expected.write);
    expect(decision.change?.kind).toBe(expected.kind);
    if (expected.beforeFacts) expect(decision.change?.beforeFacts).toEqual(expected.beforeFacts);
  });

  it.each<[string, ScopeInventory[], string | undefined]>([
    ['absent from an ok scope: not listed', [{ scope: { accountId: ACCOUNT, region: REGION }, ok: true, targets: [], assets: [] }], 'not-listed'],
    ['listed', [{ scope: { accountId: ACCOUNT, region: REGION }, ok: true, targets: [], assets: [asset({})] }], 'listed'],
    ['its scope failed: untouched', [{ scope: { accountId: ACCOUNT, region: REGION }, ok: false, error: 'throttled' }], undefined],
    ['its scope is missing: untouched', [], undefined],
    ['its kind could not be listed in an ok scope: untouched', [{ scope: { accountId: ACCOUNT, region: REGION }, ok: true, targets: [], assets: [], unlisted: [unlistedPart(undefined, 'sagemaker-endpoint')] }], undefined],
  ])('observeAsset: %s', (_name, scopes, expected) => {
    expect(observeAsset(indexScan(scopes, []), asset({}).assetId, storedAsset({}))?.kind).toBe(expected);
  });
});
