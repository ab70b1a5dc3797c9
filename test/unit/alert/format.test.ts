import { describe, expect, it } from 'vitest';
import { AlertOptionsError } from '../../../lambdas/alert/errors.js';
import {
  DEFAULT_MAX_BODY_BYTES,
  MAX_ATTRIBUTE_VALUES,
  MAX_SUBJECT_CHARS,
  MIN_MAX_BODY_BYTES,
  formatAlert,
  rankChanges,
  type AlertMessage,
} from '../../../lambdas/alert/format.js';
import { utf8Bytes } from '../../../lambdas/shared/plain-text.js';
import { SEVERITIES, type ExposureChange, type ScanReport } from '../../../lambdas/shared/model.js';
import { ACCEPTANCE, LIST_ALL, OLLAMA, SCAN_ID, VLLM, aChange, aReport, aResult } from './builders.js';

const format = (report: ScanReport, maxBodyBytes?: number): AlertMessage => {
  const message = formatAlert(report, { listAllCommand: LIST_ALL, ...(maxBodyBytes ? { maxBodyBytes } : {}) });
  if (!message) throw new Error('expected an alert');
  return message;
};

const totalBytes = (message: AlertMessage): number =>
  utf8Bytes(message.body) +
  utf8Bytes(message.subject) +
  Object.entries(message.attributes).reduce((sum, [name, value]) => sum + utf8Bytes(name) + utf8Bytes(value.DataType) + utf8Bytes(value.StringValue), 0);

/** The text of block `[index]`, up to the next block, section or footer. */
function blockOf(body: string, index: number): string {
  const start = body.indexOf(`\n[${index}] `);
  if (start < 0) throw new Error(`block [${index}] not in body:\n${body}`);
  const rest = body.slice(start + 1);
  const end = rest.search(/\n(\[\d+\] |== |NOT SHOWN|One line each)/);
  return end < 0 ? rest : rest.slice(0, end);
}

describe('Function: formatAlert, when to alert', () => {
  it('returns undefined for a scan without changes', () => {
    expect(formatAlert(aReport([]), { listAllCommand: LIST_ALL })).toBeUndefined();
  });

  it('returns undefined when only AI assets changed (they never page)', () => {
    const report = aReport([], {
      assetChanges: [{ kind: 'asset-added', scanId: SCAN_ID, at: '2026-11-24T03:00:00Z', asset: { assetId: 'a', accountId: '111122223333', region: 'us-east-1', kind: 'sagemaker-endpoint', name: 'ep', facts: {} } }],
    });
    expect(formatAlert(report, { listAllCommand: LIST_ALL })).toBeUndefined();
  });

  it('returns undefined when scopes failed but nothing changed (the stack alarms on persistent failures)', () => {
    const report = aReport([], { scopes: [{ scope: { accountId: '111122223333', region: 'eu-west-1' }, ok: false, error: 'AccessDenied', targets: 0 }] });
    expect(formatAlert(report, { listAllCommand: LIST_ALL })).toBeUndefined();
  });

  it('returns undefined when every change is of an accepted exposure (history, not news)', () => {
    const report = aReport([aChange({ kind: 'accepted' }), aChange({ kind: 'opened', target: { resourceId: 'i-0accepted' }, overrides: { accepted: ACCEPTANCE } })]);
    expect(formatAlert(report, { listAllCommand: LIST_ALL })).toBeUndefined();
  });

  it('leaves accepted changes out of an alert sent for others, counting them in the header', () => {
    // Prepare
    const paged = aChange({ kind: 'opened', severity: 'high', service: OLLAMA, target: { resourceId: 'i-0paged' } });
    const accepted = aChange({ kind: 'opened', severity: 'critical', target: { resourceId: 'i-0accepted' }, overrides: { accepted: ACCEPTANCE } });

    // Act
    const message = format(aReport([accepted, aChange({ kind: 'accepted', target: { resourceId: 'i-0renewed' } }), paged]));

    // Assess
    expect(message.subject).toMatch(/^HIGH: unauthenticated Ollama on .* \(i-0paged/);
    expect(message.subject).not.toMatch(/more/);
    expect(message.body).toContain('Changes:      1 (new exposure 1)');
    expect(message.body).toContain('Accepted:     2 changes of accepted exposures, in history only (not listed here)');
    expect(message.body).not.toMatch(/i-0accepted|i-0renewed/);
    expect(message.attributes['changeCount']!.StringValue).toBe('1');
  });

  it('pages an acceptance that ended while the exposure stayed open, as something that needs action', () => {
    // Act
    const message = format(aReport([aChange({ kind: 'resolved', severity: 'info', target: { resourceId: 'i-0closed' } }), aChange({ kind: 'acceptance-ended', severity: 'high' })]));

    // Assess
    expect(message.subject).toMatch(/^HIGH: unauthenticated Jupyter Server \(acceptance ended\) on /);
    expect(blockOf(message.body, 1)).toMatch(/^\[1\] HIGH, acceptance ended, still exposed\n/);
    expect(blockOf(message.body, 1)).toContain('still exposed, and its acceptance lapsed (it was accepted until 2026-11-23');
    expect(message.body).toContain('WHAT TO DO NOW (change [1])\n  1. Cut internet access to');
    expect(message.body).toMatch(/\n  4\. Its acceptance ended \(see Why\)\. If it must stay as it is, accept it again in the monitor's\n     acceptedExposures with a new until; else act as above\.\n/);
    expect(message.attributes['changeKinds']!.StringValue).toBe('["acceptance-ended","resolved"]');
  });

  it('pages an acceptance about to end, low, with renewing it or closing the exposure as what to do, after what needs action now', () => {
    // Act
    const ending = format(aReport([aChange({ kind: 'acceptance-ending' })]));
    const withOpened = format(aReport([aChange({ kind: 'acceptance-ending', target: { resourceId: 'i-0demo' } }), aChange({ severity: 'medium', target: { resourceId: 'i-0new' } })]));

    // Assess
    expect(ending.subject).toMatch(/^LOW: unauthenticated Jupyter Server \(acceptance ends 2026-11-29\) on /);
    expect(blockOf(ending.body, 1)).toMatch(/^\[1\] LOW, acceptance ends soon, still exposed\n/);
    expect(blockOf(ending.body, 1)).toContain('still exposed, and its acceptance ends in 5 days: its last day is 2026-11-29');
    const steps = ending.body.slice(ending.body.indexOf('WHAT TO DO NOW'), ending.body.indexOf('== NEW')).replace(/\n {5}/g, ' ');
    expect(steps).toBe(
      'WHAT TO DO NOW (change [1])\n' +
        '  1. Decide before 2026-11-29, the last day of its acceptance (see Why): from the day after, this exposure is paged as unauthenticated again.\n' +
        "  2. To keep it as it is, accept it again in the monitor's acceptedExposures with a later until and a current reason.\n" +
        '  3. Otherwise cut internet access to 54.1.2.3:8888 (ec2-instance i-0abc, account 111122223333, us-east-1) before then: revoke the security-group rule below. Or fix the service: Require a token (ServerApp.token) and bind to 127.0.0.1.\n\n',
    );
    expect(ending.body).not.toContain('check its logs');
    expect(ending.attributes['changeKinds']!.StringValue).toBe('["acceptance-ending"]');
    expect(withOpened.subject).toMatch(/^MEDIUM: unauthenticated Jupyter Server on .*i-0new/);
    expect(withOpened.attributes['changeKinds']!.StringValue).toBe('["opened","acceptance-ending"]');
  });

  it.each([MIN_MAX_BODY_BYTES - 1, 256 * 1024 + 1, 1.5 + MIN_MAX_BODY_BYTES, Number.NaN])('rejects maxBodyBytes %s, naming the allowed range', (maxBodyBytes) => {
    // Act
    const act = () => formatAlert(aReport([aChange()]), { listAllCommand: LIST_ALL, maxBodyBytes });
    // Assess
    expect(act).toThrow(AlertOptionsError);
    expect(act).toThrow(/maxBodyBytes must be an integer from 32768 to 262144/);
  });
});

describe('Function: formatAlert, subject', () => {
  it.each<[string, ExposureChange, string]>([
    ['opened, unauthenticated', aChange(), 'CRITICAL: unauthenticated Jupyter Server on 54.1.2.3:8888 (i-0abc, prod-gpu)'],
    ['opened, auth-required', aChange({ severity: 'medium', service: OLLAMA, overrides: { after: { verdict: 'auth-required', service: OLLAMA, severity: 'medium' } } }), 'MEDIUM: auth-required Ollama on 54.1.2.3:8888 (i-0abc, prod-gpu)'],
    ['opened behind an unidentified gate', aChange({ severity: 'low', overrides: { after: { verdict: 'auth-required', severity: 'low' } } }), 'LOW: auth-required unidentified service on 54.1.2.3:8888 (i-0abc, prod-gpu)'],
    ['auth removed', aChange({ kind: 'auth-changed', severity: 'high', service: OLLAMA }), 'HIGH: unauthenticated Ollama (was auth-required) on 54.1.2.3:8888 (i-0abc, prod-gpu)'],
    [
      'auth now required',
      aChange({ kind: 'auth-changed', severity: 'low', service: OLLAMA, overrides: { before: { verdict: 'unauthenticated', service: OLLAMA }, after: { verdict: 'auth-required', service: OLLAMA } } }),
      'LOW: auth-required Ollama (was unauthenticated) on 54.1.2.3:8888 (i-0abc, prod-gpu)',
    ],
    ['service changed', aChange({ kind: 'service-changed', severity: 'high', service: VLLM }), 'HIGH: unauthenticated vLLM (was Ollama) on 54.1.2.3:8888 (i-0abc, prod-gpu)'],
    ['resolved', aChange({ kind: 'resolved', severity: 'high' }), 'RESOLVED: Jupyter Server no longer exposed on 54.1.2.3:8888 (i-0abc, prod-gpu)'],
    ['resource gone', aChange({ kind: 'resource-gone', severity: 'high' }), 'RESOLVED: Jupyter Server gone (resource deleted) on 54.1.2.3:8888 (i-0abc, prod-gpu)'],
    ['no Name tag', aChange({ target: { nameTag: undefined } }), 'CRITICAL: unauthenticated Jupyter Server on 54.1.2.3:8888 (i-0abc)'],
    ['IPv6 address', aChange({ target: { address: '2600:1f18::1' } }), 'CRITICAL: unauthenticated Jupyter Server on [2600:1f18::1]:8888 (i-0abc, prod-gpu)'],
  ])('%s', (_name, change, expected) => {
    expect(format(aReport([change])).subject).toBe(expected);
  });

  it.each(SEVERITIES)('starts with the severity %s in capitals', (severity) => {
    expect(format(aReport([aChange({ severity })])).subject).toMatch(new RegExp(`^${severity.toUpperCase()}: unauthenticated Jupyter Server`));
  });

  it('counts the other changes', () => {
    const changes = [aChange(), aChange({ severity: 'low', target: { resourceId: 'i-2' } }), aChange({ kind: 'resolved', target: { resourceId: 'i-3' } })];
    expect(format(aReport(changes)).subject).toBe('CRITICAL: unauthenticated Jupyter Server on 54.1.2.3:8888 (i-0abc, prod-gpu) +2 more');
  });

  it('shortens a long Name tag first, keeping severity, service, address and resource id', () => {
    // Prepare
    const change = aChange({ target: { nameTag: 'prod-gpu-training-cluster-for-the-recommendation-team-eu' } });
    // Act
    const { subject } = format(aReport([change, aChange({ target: { resourceId: 'i-2' } })]));
    // Assess
    expect(subject.length).toBeLessThanOrEqual(MAX_SUBJECT_CHARS);
    expect(subject).toMatch(/^CRITICAL: unauthenticated Jupyter Server on 54\.1\.2\.3:8888 \(i-0abc, prod-gpu-training.*\.\.\.\) \+1 more$/);
  });

  it('drops the resource when only the load balancer DNS name fits, keeping the address whole', () => {
    // Prepare
    const address = 'ml-gw-1234567890.eu-central-1.elb.amazonaws.com';
    const change = aChange({ target: { address, port: 443, resourceType: 'elbv2', resourceId: 'ml-gw' } });
    // Act
    const { subject } = format(aReport([change]));
    // Assess
    expect(subject).toBe(`CRITICAL: unauthenticated Jupyter Server on ${address}:443`);
  });

  it('shortens a long DNS name in the middle, keeping its start and the port', () => {
    // Prepare
    const address = 'internet-facing-ml-gateway-alb-1234567890.eu-central-1.elb.amazonaws.com';
    const change = aChange({ target: { address, port: 443, resourceType: 'elbv2', resourceId: 'internet-facing-ml-gateway-alb' } });
    // Act
    const { subject } = format(aReport([change]));
    // Assess
    expect(subject).toBe('CRITICAL: unauthenticated Jupyter Server on internet-facing-ml-gateway...al-1.elb.amazonaws.com:443');
  });

  it('shortens service and address when even they do not fit, keeping severity and port', () => {
    // Prepare
    const address = `${'a'.repeat(80)}.elb.amazonaws.com`;
    const change = aChange({ kind: 'auth-changed', service: { id: 'x', name: 'Very Long Service Name From A Vendor Catalogue', category: 'ui' }, target: { address, port: 443 } });
    // Act
    const { subject } = format(aReport([change, aChange({ target: { resourceId: 'i-2' } })]));
    // Assess
    expect(subject.length).toBeLessThanOrEqual(MAX_SUBJECT_CHARS);
    expect(subject).toMatch(/^CRITICAL: unauthenticated Very Long Service.*\.\.\. on a+\.\.\.\.amazonaws\.com:443 \+1 more$/);
  });

  it('is printable ASCII even for a hostile Name tag', () => {
    const { subject } = format(aReport([aChange({ target: { nameTag: 'gpu-é-😀\r\nBcc: x@y\u202E' } })]));
    expect(subject).toMatch(/^[\x20-\x7E]+$/);
    expect(subject).toContain('(i-0abc, gpu-e-? Bcc: x@y\\u202E)');
  });
});

describe('Function: rankChanges', () => {
  it('puts anything that needs action before any resolution, whatever the severities', () => {
    // Prepare
    const resolvedCritical = aChange({ kind: 'resolved', severity: 'critical', target: { resourceId: 'i-1' } });
    const openedLow = aChange({ severity: 'low', target: { resourceId: 'i-2' } });
    // Act
    const ranked = rankChanges([resolvedCritical, openedLow]);
    // Assess
    expect(ranked).toEqual([openedLow, resolvedCritical]);
    expect(format(aReport([resolvedCritical, openedLow])).subject).toMatch(/^LOW: unauthenticated/);
  });

  it('orders by severity, then kind, then target id', () => {
    // Prepare
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
    const [a, b, c, d, e, f, g, h, i] = ids.map((id) => ({ resourceId: `i-${id}` }));
    const authRequired = { before: { verdict: 'unauthenticated' as const }, after: { verdict: 'auth-required' as const } };
    const expected = [
      aChange({ severity: 'critical', target: b }),
      aChange({ kind: 'auth-changed', severity: 'critical', target: c }),
      aChange({ kind: 'service-changed', severity: 'critical', target: a }),
      aChange({ kind: 'auth-changed', severity: 'critical', target: d, overrides: authRequired }),
      aChange({ severity: 'high', target: e }),
      aChange({ severity: 'info', target: f }),
      aChange({ kind: 'resolved', severity: 'high', target: g }),
      aChange({ kind: 'resource-gone', severity: 'high', target: h }),
      aChange({ kind: 'resolved', severity: 'low', target: i }),
    ];
    // Act
    const ranked = rankChanges([...expected].reverse());
    // Assess
    expect(ranked.map((change) => change.target.resourceId)).toEqual(expected.map((change) => change.target.resourceId));
  });

  it('numbers the blocks in that order, resolutions in their own section below', () => {
    // Prepare
    const changes = [aChange({ kind: 'resolved', target: { resourceId: 'i-gone' } }), aChange({ severity: 'low', target: { resourceId: 'i-low' } }), aChange({ target: { resourceId: 'i-crit' } })];
    // Act
    const { body } = format(aReport(changes));
    // Assess
    expect(blockOf(body, 1)).toContain('i-crit');
    expect(blockOf(body, 2)).toContain('i-low');
    expect(blockOf(body, 3)).toContain('i-gone');
    expect(body.indexOf('== NEW OR CHANGED EXPOSURES (2) ==')).toBeLessThan(body.indexOf('[1] '));
    expect(body.indexOf('== RESOLVED (1) ==')).toBeGreaterThan(body.indexOf('[2] '));
    expect(body.indexOf('== RESOLVED (1) ==')).toBeLessThan(body.indexOf('[3] '));
  });
});

describe('Function: formatAlert, body', () => {
  it('has a header with scan id, time, counts, scopes scanned and scopes NOT scanned with their error', () => {
    // Prepare
    const changes = [aChange(), aChange({ severity: 'high', target: { resourceId: 'i-2' } }), aChange({ kind: 'resolved', severity: 'high', target: { resourceId: 'i-3' } })];
    // Act
    const { body } = format(aReport(changes));
    // Assess
    const header = body.slice(0, body.indexOf('WHAT TO DO NOW'));
    expect(header).toContain(`AI exposure monitor, scan ${SCAN_ID}`);
    expect(header).toContain('Time:         2026-11-24T03:00:00.000Z to 2026-11-24T03:02:11.000Z');
    expect(header).toContain('Changes:      3 (new exposure 2, no longer exposed 1)');
    expect(header).toContain('Severity:     critical 1, high 2');
    expect(header).toContain('Scanned:      1 scope, 12 targets: 111122223333/us-east-1');
    expect(header).toContain('NOT scanned:  1 scope; exposures there are unknown and none was resolved:');
    expect(header).toContain('  - 111122223333/eu-west-1: AccessDenied: ec2:DescribeNetworkInterfaces');
  });

  it('says "NOT scanned: none" when every scope was scanned', () => {
    const { body } = format(aReport([aChange()], { scopes: [{ scope: { accountId: '111122223333', region: 'us-east-1' }, ok: true, targets: 3 }] }));
    expect(body).toContain('NOT scanned:  none\n');
  });

  it('names the parts a scanned scope could not list, with their error, under NOT scanned', () => {
    // Prepare
    const scopes = [
      { scope: { accountId: '111122223333', region: 'eu-west-1' }, ok: false, error: 'AccessDenied: sts:AssumeRole', targets: 0 },
      {
        scope: { accountId: '111122223333', region: 'us-east-1' },
        ok: true,
        targets: 3,
        unlisted: [{ what: 'Lambda function URLs', error: 'lambda:ListFunctions failed: AccessDeniedException' }],
      },
    ];
    // Act
    const { body } = format(aReport([aChange()], { scopes }));
    // Assess
    expect(body).toContain('Scanned:      1 scope, 3 targets: 111122223333/us-east-1\n');
    expect(body).toContain('NOT scanned:  1 scope and 1 part of scanned scopes; exposures there are unknown and none was\n');
    expect(body).toContain('  - 111122223333/eu-west-1: AccessDenied: sts:AssumeRole\n');
    expect(body).toContain('  - 111122223333/us-east-1, Lambda function URLs: lambda:ListFunctions failed:\n');
  });

  it('lists at most ten failed scopes, counting the rest', () => {
    // Prepare
    const scopes = Array.from({ length: 25 }, (_, i) => ({ scope: { accountId: String(100000000000 + i), region: 'us-east-1' }, ok: false, error: 'AccessDenied', targets: 0 }));
    // Act
    const { body } = format(aReport([aChange()], { scopes }));
    // Assess
    expect(body).toContain('NOT scanned:  25 scopes;');
    expect(body.match(/^ {2}- 1000000000\d\d\/us-east-1: AccessDenied$/gm)).toHaveLength(10);
    expect(body).toContain('  - +15 more\n');
  });

  it('names the known vulnerabilities of the version that answered, with the fix', () => {
    // Prepare
    const vulnerable = aChange({
      overrides: {
        result: aResult('unauthenticated', {
          version: '1.2.0',
          knownVulnerabilities: [
            { id: 'CVE-2025-3248', severity: 'critical', summary: 'unauthenticated remote code execution in /api/v1/validate/code', reference: 'https://nvd.nist.gov/vuln/detail/CVE-2025-3248', fixedIn: '1.3.0' },
          ],
        }),
      },
    });
    // Act
    const block = blockOf(format(aReport([vulnerable])).body, 1);
    // Assess
    expect(block).toContain(
      [
        '    Vulnerable:  CVE-2025-3248 (critical): unauthenticated remote code execution in',
        '                 /api/v1/validate/code; fixed in 1.3.0 —',
        '                 https://nvd.nist.gov/vuln/detail/CVE-2025-3248',
      ].join('\n'),
    );
  });

  it('shows every field of a new exposure', () => {
    // Act
    const block = blockOf(format(aReport([aChange({ target: { context: { instanceId: 'i-0abc', securityGroups: 'sg-0abc,sg-0def' } } })])).body, 1);
    // Assess
    expect(block).toBe(
      [
        '[1] CRITICAL, new exposure',
        '    Service:     Jupyter Server 2.14.0 [notebook, family jupyter-server]',
        '    Verdict:     unauthenticated (answered without credentials); before: not exposed',
        '    Where:       account 111122223333, region us-east-1',
        '    Resource:    ec2-instance i-0abc',
        '    Name tag:    prod-gpu',
        '    Address:     54.1.2.3:8888',
        '    Reached via: sg-0abc (web) tcp 8888 from 0.0.0.0/0',
        '    Context:     instanceId=i-0abc; securityGroups=sg-0abc,sg-0def',
        '    Why:         newly reachable from the internet',
        '    Evidence:    request: GET /api → 200',
        '                 request: GET /api/kernels → 200',
        '                 signal: Jupyter kernels API answered without a token',
        '                 excerpt: "[{"id":"5f1c","name":"python3"}]"',
        '    First seen:  2026-11-24T03:02:11.000Z (this scan)',
        '    Fix:         Require a token (ServerApp.token) and bind to 127.0.0.1.',
        '',
      ].join('\n'),
    );
  });

  it('shows the earlier state and service of a changed exposure', () => {
    const block = blockOf(format(aReport([aChange({ kind: 'service-changed', service: VLLM })])).body, 1);
    expect(block).toContain('[1] CRITICAL, different service answers');
    expect(block).toContain('Service:     vLLM 2.14.0 [model-server, family vllm]; before: Ollama 0.5.1');
    expect(block).toContain('First seen:  2026-11-01T00:00:00.000Z');
  });

  it('says a service named more precisely, and worse, is the same server identified better, not a different one', () => {
    // Prepare: the answers that name vLLM still identify Ollama, the service named before.
    const refined = aChange({ kind: 'service-changed', service: VLLM, overrides: { result: aResult('unauthenticated', { service: VLLM, alsoIdentifiedAs: ['ollama'] }) } });
    // Act
    const block = blockOf(format(aReport([refined])).body, 1);
    // Assess
    expect(block).toContain('[1] CRITICAL, same server named more precisely, and worse');
    expect(block).toContain('Service:     vLLM 2.14.0 [model-server, family vllm]; before: Ollama 0.5.1');
  });

  it('shows how long a resolved exposure lasted, and no fix', () => {
    // Act
    const block = blockOf(format(aReport([aChange({ kind: 'resolved', severity: 'high' })])).body, 1);
    // Assess
    expect(block).toContain('[1] HIGH, no longer exposed');
    expect(block).toContain('Service:     Jupyter Server 2.14.0 [notebook, family jupyter-server]');
    expect(block).toContain('Verdict:     closed (port refused the connection); before: unauthenticated (answered without');
    expect(block).toContain('Evidence:    probe: connection refused');
    expect(block).toContain('Exposed:     first seen 2026-11-20T01:00:00.000Z, ended 2026-11-24T03:02:11.000Z, 4 d 2 h');
    expect(block).not.toContain('Fix:');
  });

  it('says a deleted resource was not probed again', () => {
    const block = blockOf(format(aReport([aChange({ kind: 'resource-gone' })])).body, 1);
    expect(block).toContain('[1] CRITICAL, resource deleted');
    expect(block).toContain('Verdict:     not probed (resource deleted); before: unauthenticated');
    expect(block).toContain('Evidence:    none: the target left the inventory, so it was not probed again');
  });

  it('says a target whose rule was revoked was not probed again, without calling its resource deleted', () => {
    const revoked = aChange({ kind: 'resolved', overrides: { after: undefined, result: undefined, why: 'no longer reachable from the internet (security group / listener changed)' } });
    const block = blockOf(format(aReport([revoked])).body, 1);
    expect(block).toContain('[1] CRITICAL, no longer exposed');
    expect(block).toContain('Verdict:     not probed (no longer listed as reachable from the internet); before:');
    expect(block).not.toContain('deleted');
    expect(block).toContain('Evidence:    none: the target left the inventory, so it was not probed again');
  });

  it('records TLS facts, the probe reason and a cut-short probe', () => {
    // Prepare
    const result = aResult('unauthenticated', {
      tls: true,
      partial: true,
      evidence: { tls: { subject: 'CN=gpu', selfSigned: true, authorized: false, validTo: '2027-01-01' }, reason: 'body cap reached' },
    });
    // Act
    const block = blockOf(format(aReport([aChange({ overrides: { result } })])).body, 1);
    // Assess
    expect(block).toContain('Address:     54.1.2.3:8888 (TLS)');
    expect(block).toContain('Evidence:    TLS: subject CN=gpu, valid to 2027-01-01, self-signed, not trusted');
    expect(block).toContain('probe: body cap reached');
    expect(block).toContain('probe: cut short by the scan deadline');
  });

  it('says what to do now for an unauthenticated worst change', () => {
    const { body } = format(aReport([aChange(), aChange({ severity: 'low', target: { resourceId: 'i-2' } })]));
    const todo = body.slice(body.indexOf('WHAT TO DO NOW'), body.indexOf('== NEW'));
    expect(todo).toContain('WHAT TO DO NOW (change [1])');
    expect(todo).toContain('1. Cut internet access to 54.1.2.3:8888 (ec2-instance i-0abc, account 111122223333,');
    expect(todo.replace(/\s+/g, ' ')).toContain('revoke the security-group rule below. It is reachable because: sg-0abc (web) tcp 8888 from 0.0.0.0/0');
    expect(todo).toContain('2. Then fix the service: Require a token (ServerApp.token) and bind to 127.0.0.1.');
    expect(todo).toContain('3. It answered without credentials (first seen 2026-11-24T03:02:11.000Z)');
  });

  it.each([
    ['lambda-function', "set the function URL's AuthType to AWS_IAM, or delete the URL"],
    ['apigateway-rest-api', 'require an authorizer (IAM, Cognito or Lambda) on its methods, or make the API private'],
    ['elbv2', "remove the listener, restrict the load balancer's security group, or make it internal"],
  ] as const)('says how to cut access to a %s', (resourceType, how) => {
    const { body } = format(aReport([aChange({ target: { resourceType } })]));
    const todo = body.slice(body.indexOf('WHAT TO DO NOW'), body.indexOf('== NEW')).replace(/\s+/g, ' ');
    expect(todo).toContain(`: ${how}. It is reachable because:`);
  });

  it('asks to confirm intent when the worst change demands credentials', () => {
    const change = aChange({ severity: 'medium', service: OLLAMA, overrides: { after: { verdict: 'auth-required', service: OLLAMA }, remediation: undefined } });
    const { body } = format(aReport([change]));
    expect(body).toContain('1. Confirm that Ollama on 54.1.2.3:8888');
    expect(body).not.toContain('  2. ');
  });

  it('says nothing new is exposed when only resolutions happened', () => {
    const { body } = format(aReport([aChange({ kind: 'resolved' })]));
    expect(body).toContain('Nothing new is exposed.');
    expect(body).not.toContain('Cut internet access');
  });

  it('keeps lines short for a phone', () => {
    const change = aChange({ overrides: { remediation: 'word '.repeat(200), why: 'x'.repeat(250) } });
    const { body } = format(aReport([change]));
    expect(Math.max(...body.split('\n').map((line) => line.length))).toBeLessThanOrEqual(96);
  });

  it('names the models the service listed, and how many more there are', () => {
    // Prepare
    const result = aResult('unauthenticated', { evidence: { models: ['llama3:8b', 'qwen2.5:7b'], modelCount: 14 } });
    // Act
    const block = blockOf(format(aReport([aChange({ overrides: { result } })])).body, 1);
    // Assess
    expect(block).toContain('    Evidence:    models: llama3:8b, qwen2.5:7b (and 12 more)\n');
  });

  it('names the tools anyone may call, after the models', () => {
    // Prepare
    const result = aResult('unauthenticated', { evidence: { models: ['m'], tools: ['run_sql', 'send_email'], toolCount: 3 } });
    // Act
    const block = blockOf(format(aReport([aChange({ overrides: { result } })])).body, 1);
    // Assess
    expect(block).toContain('    Evidence:    models: m\n                 tools: run_sql, send_email (and 1 more)\n');
  });

  it('never lets an excerpt break the e-mail, and caps it', () => {
    // Prepare
    const excerpt = `ok\r\n\r\nSubject: spoofed\u0000\u001b[2J\u202Egnp.exe\uD800 ${'A'.repeat(5000)}`;
    const result = aResult('unauthenticated', { evidence: { excerpt, requests: ['GET / → 200\r\nX-Injected: 1'] } });
    // Act
    const { body } = format(aReport([aChange({ overrides: { result } })]));
    // Assess
    expect(body).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
    expect(body).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(body).toContain('excerpt: "ok Subject: spoofed\\u0000\\u001B[2J\\u202Egnp.exe\uFFFD\n');
    expect(body).toContain('request: GET / → 200 X-Injected: 1');
    expect(body.match(/A/g)!.length).toBeLessThan(450);
  });
});

describe('Function: formatAlert, attributes', () => {
  it('carries what subscription filter policies need, within SNS limits', () => {
    // Prepare
    const changes = [
      aChange({ severity: 'high', target: { accountId: '222233334444', region: 'eu-west-1', resourceId: 'i-2' } }),
      aChange({ kind: 'resolved', severity: 'critical', target: { resourceId: 'i-3' } }),
      aChange({ kind: 'auth-changed', severity: 'low', target: { resourceId: 'i-4' } }),
    ];
    // Act
    const { attributes } = format(aReport(changes));
    // Assess
    expect(attributes).toEqual({
      severity: { DataType: 'String', StringValue: 'high' },
      severities: { DataType: 'String.Array', StringValue: '["critical","high","low"]' },
      changeKinds: { DataType: 'String.Array', StringValue: '["opened","auth-changed","resolved"]' },
      accounts: { DataType: 'String.Array', StringValue: '["222233334444","111122223333"]' },
      regions: { DataType: 'String.Array', StringValue: '["eu-west-1","us-east-1"]' },
      scanId: { DataType: 'String', StringValue: SCAN_ID },
      changeCount: { DataType: 'Number', StringValue: '3' },
    });
    expect(Object.keys(attributes).length).toBeLessThanOrEqual(10);
  });

  it(`keeps at most ${MAX_ATTRIBUTE_VALUES} accounts, the worst-ranked first`, () => {
    // Prepare
    const changes = Array.from({ length: 150 }, (_, i) => aChange({ severity: i === 149 ? 'critical' : 'low', target: { accountId: String(100000000000 + i) } }));
    // Act
    const accounts = JSON.parse(format(aReport(changes)).attributes.accounts!.StringValue) as string[];
    // Assess
    expect(accounts).toHaveLength(MAX_ATTRIBUTE_VALUES);
    expect(accounts[0]).toBe('100000000149');
  });
});

describe('Function: formatAlert, giant reports', () => {
  const giant = (count: number) =>
    Array.from({ length: count }, (_, i) =>
      aChange({
        kind: i % 7 === 0 ? 'resolved' : 'opened',
        severity: SEVERITIES[i % SEVERITIES.length]!,
        target: { resourceId: `i-${String(i).padStart(5, '0')}`, nameTag: `team-${i}-${'n'.repeat(100)}`, reason: 'r'.repeat(300) },
        overrides: { why: 'w'.repeat(300), remediation: 'fix '.repeat(100) },
      }),
    );

  it.each([DEFAULT_MAX_BODY_BYTES, MIN_MAX_BODY_BYTES])('turns 2,000 changes into one message within %s bytes', (maxBodyBytes) => {
    // Prepare
    const changes = giant(2_000);
    // Act
    const message = format(aReport(changes), maxBodyBytes);
    // Assess
    expect(totalBytes(message)).toBeLessThanOrEqual(maxBodyBytes);
    expect(message.subject).toMatch(/^CRITICAL: unauthenticated Jupyter Server on 54\.1\.2\.3:8888 \(i-00005, team-5-n+\.\.\.\) \+1999 more$/);
    expect(blockOf(message.body, 1)).toContain('Resource:    ec2-instance i-00005');
    expect(blockOf(message.body, 1)).toContain('Fix:');
    const footer = message.body.slice(message.body.indexOf('NOT SHOWN IN FULL'));
    const [, notInFull, total] = footer.match(/^NOT SHOWN IN FULL: (\d+) of (\d+) changes$/m)!;
    const [, oneLine, notListed] = footer.match(/One line each above: (\d+)\. Not listed: (\d+)/)!;
    expect(total).toBe('2000');
    const inFull = message.body.match(/^\[\d+\] [A-Z]+, /gm)!.length;
    expect(inFull + Number(notInFull)).toBe(2_000);
    expect(message.body.match(/^\[\d+\] [A-Z]+ (new exposure|no longer exposed): /gm)?.length ?? 0).toBe(Number(oneLine));
    expect(Number(notInFull)).toBe(Number(oneLine) + Number(notListed));
    expect(footer).toContain(`Every change of this scan: ${LIST_ALL}`);
  });

  it('shows everything in full and no footer when it fits', () => {
    const { body } = format(aReport(giant(20)));
    expect(body).not.toContain('NOT SHOWN IN FULL');
    expect(body).not.toContain(LIST_ALL);
    expect(body).toContain('[20] ');
  });

  it('keeps the worst change in full even when its every field is at its cap', () => {
    // Prepare
    const huge = 'x'.repeat(20_000);
    const worst = aChange({
      target: { nameTag: huge, resourceId: huge, reason: huge, address: huge, context: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, huge])) },
      service: { id: 'x', name: huge, category: huge },
      overrides: {
        why: huge,
        remediation: huge,
        result: aResult('unauthenticated', { evidence: { requests: Array(50).fill(huge), signals: Array(50).fill(huge), excerpt: huge, reason: huge, tls: { subject: huge, issuer: huge } } }),
      },
    });
    const failed = Array.from({ length: 50 }, (_, i) => ({ scope: { accountId: huge + i, region: huge }, ok: false, error: huge, targets: 0 }));
    // Act
    const message = format(aReport([worst, ...giant(300)], { scopes: failed, scanId: huge }), MIN_MAX_BODY_BYTES);
    // Assess
    expect(totalBytes(message)).toBeLessThanOrEqual(MIN_MAX_BODY_BYTES);
    expect(blockOf(message.body, 1)).toMatch(/Fix: +fix fix|Fix: +x+/);
  });
});
