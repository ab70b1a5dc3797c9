/** fast-check arbitraries for scan reports, hostile strings included. */
import fc from 'fast-check';
import { MIN_MAX_BODY_BYTES } from '../../../lambdas/alert/format.js';
import {
  SEVERITIES,
  VERDICTS,
  type ExposureChange,
  type ExposureChangeKind,
  type ExposureSnapshot,
  type ResourceType,
  type ScanReport,
} from '../../../lambdas/shared/model.js';

const KINDS: readonly ExposureChangeKind[] = ['opened', 'auth-changed', 'service-changed', 'resolved', 'resource-gone', 'acceptance-ended', 'acceptance-ending'];
const RESOURCE_TYPES: readonly ResourceType[] = ['ec2-instance', 'network-interface', 'ecs-task', 'elbv2', 'elb-classic', 'nat-gateway', 'sagemaker-endpoint', 'lambda-function', 'apigateway-rest-api', 'apigateway-http-api', 'opensearch-domain', 'cloudfront-distribution', 'agentcore-gateway'];

/** Text an attacker or a broken server could put in a tag, banner or error: controls, bidi, lone surrogates, emoji, huge. */
const hostileText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom('\uD800', '\uDC00', '\u202E', '\r\n', '\u0000', '\u2028', '😀', 'é', ' ', 'x'), maxLength: 60 }) },
  { weight: 1, arbitrary: fc.integer({ min: 500, max: 5_000 }).map((n) => 'z😀 '.repeat(n)) },
);
const optionalText = fc.option(hostileText, { nil: undefined });
const isoTime = fc.integer({ min: Date.parse('2020-01-01'), max: Date.parse('2030-01-01') }).map((ms) => new Date(ms).toISOString());
const address = fc.oneof(fc.ipV4(), fc.ipV6(), fc.domain(), hostileText);

const snapshot: fc.Arbitrary<ExposureSnapshot> = fc.record(
  {
    verdict: fc.constantFrom(...VERDICTS),
    service: fc.record({ id: hostileText, name: hostileText, category: hostileText }),
    severity: fc.constantFrom(...SEVERITIES),
    version: hostileText,
  },
  { requiredKeys: ['verdict'] },
);

export const change: fc.Arbitrary<ExposureChange> = fc
  .record({
    kind: fc.constantFrom(...KINDS),
    severity: fc.constantFrom(...SEVERITIES),
    at: isoTime,
    firstSeen: fc.option(isoTime, { nil: undefined }),
    accountId: fc.oneof(fc.stringMatching(/^\d{12}$/), hostileText),
    region: fc.oneof(fc.constantFrom('us-east-1', 'eu-west-1', 'ap-south-1'), hostileText),
    resourceType: fc.constantFrom(...RESOURCE_TYPES),
    resourceId: hostileText,
    nameTag: optionalText,
    address,
    port: fc.integer({ min: 1, max: 65_535 }),
    reason: hostileText,
    context: fc.option(fc.dictionary(hostileText, hostileText, { maxKeys: 12 }), { nil: undefined }),
    before: fc.option(snapshot, { nil: undefined }),
    after: fc.option(snapshot, { nil: undefined }),
    evidence: fc.option(
      fc.record(
        {
          requests: fc.array(hostileText, { maxLength: 12 }),
          signals: fc.array(hostileText, { maxLength: 12 }),
          models: fc.array(hostileText, { maxLength: 25 }),
          modelCount: fc.nat(),
          excerpt: hostileText,
          reason: hostileText,
          tls: fc.record({ subject: hostileText, issuer: hostileText, selfSigned: fc.boolean(), error: hostileText }, { requiredKeys: [] }),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
    tls: fc.boolean(),
    why: hostileText,
    remediation: optionalText,
  })
  .map((c) => ({
    kind: c.kind,
    scanId: 'scan-property',
    at: c.at,
    severity: c.severity,
    why: c.why,
    ...(c.firstSeen ? { firstSeen: c.firstSeen } : {}),
    ...(c.remediation ? { remediation: c.remediation } : {}),
    ...(c.before ? { before: c.before } : {}),
    ...(c.after ? { after: c.after } : {}),
    target: {
      targetId: `${c.accountId}/${c.region}/${c.resourceType}/${c.resourceId}/${c.address}/${c.port}`,
      accountId: c.accountId,
      region: c.region,
      resourceType: c.resourceType,
      resourceId: c.resourceId,
      address: c.address,
      port: c.port,
      reason: c.reason,
      ...(c.nameTag ? { nameTag: c.nameTag } : {}),
      ...(c.context ? { context: c.context } : {}),
    },
    ...(c.evidence
      ? { result: { targetId: 't', address: c.address, port: c.port, verdict: c.after?.verdict ?? 'closed', tls: c.tls, evidence: c.evidence, probedAt: c.at, durationMs: 1 } }
      : {}),
  }));

/**
 * 150–800 changes that must be cut. Generating each one costs too much, so a
 * few hostile changes are repeated on distinct resources.
 */
const bigChangeList = fc
  .tuple(fc.array(change, { minLength: 1, maxLength: 12 }), fc.integer({ min: 150, max: 800 }))
  .map(([pool, count]) =>
    Array.from({ length: count }, (_, i): ExposureChange => {
      const model = pool[i % pool.length]!;
      const resourceId = `${model.target.resourceId}-${i}`;
      return { ...model, target: { ...model.target, resourceId, targetId: `${model.target.targetId}/${i}` } };
    }),
  );

export const report: fc.Arbitrary<ScanReport> = fc.record({
  scanId: fc.stringMatching(/^[0-9A-Za-z-]{8,64}$/),
  startedAt: isoTime,
  finishedAt: isoTime,
  scopes: fc.array(
    fc.record(
      {
        scope: fc.record({ accountId: hostileText, region: hostileText }),
        ok: fc.boolean(),
        error: optionalText,
        targets: fc.nat(100_000),
        unlisted: fc.array(fc.record({ what: hostileText, error: hostileText }), { maxLength: 4 }),
      },
      { requiredKeys: ['scope', 'ok', 'error', 'targets'] },
    ),
    { maxLength: 30 },
  ),
  // Small reports, and big ones that must be cut (fast-check alone would rarely build more than a few changes).
  changes: fc.oneof(fc.array(change, { minLength: 1, maxLength: 10 }), bigChangeList),
  assetChanges: fc.constant([]),
  currentExposures: fc.constant([]),
});

export const options = fc.record({
  listAllCommand: fc.oneof(fc.constant('npx ai-exposure-monitor history --scan x'), hostileText),
  maxBodyBytes: fc.oneof(fc.constant(MIN_MAX_BODY_BYTES), fc.integer({ min: MIN_MAX_BODY_BYTES, max: 256 * 1024 })),
});

