import { describe, expect, it } from 'vitest';
import { excerptOf, REDACTED, redactHeaders, redactText } from '../../../lambdas/probe/redact.js';

describe('Function: redactText', () => {
  it.each([
    ['OpenAI key', 'key sk-proj-AbCdEf0123456789AbCdEf0123', 'sk-proj-AbCdEf0123456789AbCdEf0123'],
    ['Anthropic key', 'sk-ant-api03-AAAABBBBCCCCDDDDEEEE', 'sk-ant-api03-AAAABBBBCCCCDDDDEEEE'],
    ['AWS access key id', 'id AKIAIOSFODNN7EXAMPLE here', 'AKIAIOSFODNN7EXAMPLE'],
    ['AWS temporary key id', 'ASIAY34FZKBOKMUTVV7A', 'ASIAY34FZKBOKMUTVV7A'],
    ['GitHub token', 'ghp_0123456789abcdefghijABCDEFGHIJ012345', 'ghp_0123456789abcdefghijABCDEFGHIJ012345'],
    ['GitHub fine-grained token', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnop', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnop'],
    ['Slack token', 'xoxb-123456789012-abcdefghijkl', 'xoxb-123456789012-abcdefghijkl'],
    ['Hugging Face token', 'hf_abcdefghijklmnopqrstuvwxyzABCDEF', 'hf_abcdefghijklmnopqrstuvwxyzABCDEF'],
    ['JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'eyJzdWIiOiIxMjM0In0'],
    ['bearer token', 'Authorization header was Bearer abcDEF123456789xyz', 'abcDEF123456789xyz'],
    ['basic credentials', 'sent Basic dXNlcjpodW50ZXIy', 'dXNlcjpodW50ZXIy'],
    ['JSON password', '{"user":"admin","password":"hunter2"}', 'hunter2'],
    ['JSON token', '{"token": "abc"}', '"abc"'],
    ['JSON api_key', '{"api_key":"k-1"}', 'k-1'],
    ['JSON secret in env dump', '{"OPENAI_API_KEY":"sk-short","HOME":"/root"}', 'sk-short'],
    ['JSON client secret', '{"client_secret": "s3cr3t"}', 's3cr3t'],
    ['JSON numeric password', '{"password": 123456}', '123456'],
    ['Python repr', "{'password': 'hunter2'}", 'hunter2'],
    ['env line', 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG', 'wJalrXUtnFEMI'],
    ['YAML', 'db_password: hunter2', 'hunter2'],
    ['query string', '/login?user=a&token=abc123&x=1', 'abc123'],
    ['Cookie header line', 'Cookie: session=abc; other=def', 'session=abc'],
    ['Set-Cookie header line', 'set-cookie: sid=xyz; HttpOnly', 'sid=xyz'],
    ['Authorization header line', 'authorization: Token 1234', '1234'],
    ['URL credentials', 'redis://default:hunter2@10.0.0.1:6379', 'hunter2'],
    ['URL credentials under an odd scheme', 'see 1redis+tls://default:hunter2@10.0.0.1', 'hunter2'],
    ['X- token header line', 'X-Auth-Token: abc123', 'abc123'],
    ['env line under a long key', `${'x-token'.repeat(500)}=hunter2`, 'hunter2'],
    ['JSON value under a long key', `{"${'x-token'.repeat(500)}": "hunter2"}`, 'hunter2'],
    ['JWT glued to a word', 'id_token-eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'eyJzdWIiOiIxMjM0In0'],
    ['JWT after other dotted words', 'at api.example.eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig', 'eyJzdWIiOiIxMjM0In0'],
    ['long hex token', 'jupyter token 3a5f0c9e8d7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b', '3a5f0c9e8d7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b'],
    ['long base64 secret', 'key=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MEFCQ0RFRkdISUpLTE1O', 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MEFCQ0RFRkdISUpLTE1O'],
    ['bare base64 secret', 'value wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY9 end', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY9'],
    ['private key block', '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEA'],
  ])('removes a %s', (_what, input, secret) => {
    // Act
    const redacted = redactText(input);
    // Assess
    expect(redacted).not.toContain(secret);
    expect(redacted).toContain(REDACTED);
  });

  it.each([
    ['Ollama banner', 'Ollama is running'],
    ['version JSON', '{"version":"0.5.1"}'],
    ['model list', '{"models":[{"name":"llama3:8b","size":4661224676}]}'],
    ['Chroma path', '/api/v2/tenants/default_tenant/databases/default_database/collections'],
    ['WWW-Authenticate challenge', 'Bearer realm="api", error="invalid_token"'],
    ["TorchServe's gRPC token refusal", 'Token Authorization failed. Token either incorrect, expired, or not provided correctly'],
    ['an error text naming the scheme', 'Basic authentication required'],
    ["Context Forge's refusal", '{"detail":"Authorization token required"}'],
    ['MCP server info', '{"serverInfo":{"name":"conformance-mcp","version":"0.0.1"}}'],
    ['UUID', 'session 327c101b-5d7e-4f6a-9b1c-2d3e4f5a6b7c'],
    ['token counts', '{"max_tokens": 4096}'],
    ['an X- header line not named for a secret', 'X-Request-Id: 7f3a'],
  ])('keeps harmless evidence intact: %s', (_what, input) => {
    // "max_tokens" holds a number, yet is a *token* key: only the value may change, the name stays.
    const redacted = redactText(input);
    if (input.includes('max_tokens')) expect(redacted).toContain('"max_tokens"');
    else expect(redacted).toBe(input);
  });

  it.each([
    ['an object', '{"credentials":{"user":"admin","value":"hunter2"},"ok":true}', { credentials: REDACTED, ok: true }],
    ['an array', '{"api_keys":["k1-abc","k2-def"],"n":1}', { api_keys: REDACTED, n: 1 }],
    ['a number and a nested object (n8n 2.41.1 settings)', '{"passwordMinLength":8,"authCookie":{"secure":false},"a":"b"}', { passwordMinLength: REDACTED, authCookie: REDACTED, a: 'b' }],
    ['an object with brackets inside strings', '{"token":"t","secret":{"x":"}]","y":"it\'s"},"z":[1]}', { token: REDACTED, secret: REDACTED, z: [1] }],
  ])('redacts %s under a secret-named key whole, and the JSON still parses', (_what, input, expected) => {
    // Arrange: nested keys need not be secret-named ("value", "secure") to be secrets.
    // Act
    const redacted = redactText(input);
    // Assess
    expect(JSON.parse(redacted)).toEqual(expected);
  });

  it.each([
    ['JSON flags', '{"llm_api_key_set":true,"skip_default_password_auth":false,"password":null,"token": true }'],
    ['a Python repr', "{'password': None, 'api_key_set': True}"],
    ['a flag ending an excerpt', '{"has_password":false'],
  ])('keeps a literal under a secret-named key, which says whether a secret is set and is none: %s', (_what, input) => {
    expect(redactText(input)).toBe(input);
  });

  it('still redacts a value that only starts like a literal', () => {
    expect(redactText('{"token":"true","password":nullable1,"secret":trueish}')).toBe(`{"token":"${REDACTED}","password":"${REDACTED}","secret":"${REDACTED}"}`);
  });

  it('redacts a bracketed value cut short by an excerpt to the end', () => {
    expect(redactText('{"token":{"a":"sec1"},"session_id":["sec2", {"b": "sec3')).toBe(`{"token":"${REDACTED}","session_id":"${REDACTED}"`);
  });

  it('keeps the key name so the reader knows what was removed', () => {
    expect(redactText('{"password":"hunter2"}')).toBe(`{"password":"${REDACTED}"}`);
    expect(redactText('Bearer abcdefghijklmnop')).toBe(`Bearer ${REDACTED}`);
  });
});

describe('Function: redactText on hostile text', () => {
  const HOSTILE_CHARS = 128 * 1024;
  /** Far above what linear patterns take (a few ms), far below what a backtracking one does (seconds). */
  const HOSTILE_TEXT_MS = 250;

  it.each([['eyJ-'], ['eyJaaaaa.eyJ-'], ['x-token'], ['sk-'], ['Bearer '], ['a://b:c'], ['a=']])('reads %j repeated over 128 KiB in linear time', (unit) => {
    // Prepare: each unit opens a secret shape that the rest of the text never completes
    const text = unit.repeat(Math.ceil(HOSTILE_CHARS / unit.length));
    // Act
    const started = performance.now();
    redactText(text);
    // Assess
    expect(performance.now() - started).toBeLessThan(HOSTILE_TEXT_MS);
  });
});

describe('Function: redactHeaders', () => {
  it('blanks secret headers entirely and redacts the others', () => {
    // Prepare
    const headers = {
      'Set-Cookie': 'session=abc',
      authorization: 'Basic dXNlcjpwYXNz',
      'x-api-key': 'short',
      'WWW-Authenticate': 'Bearer realm="api"',
      location: 'https://user:hunter2@example.com/',
    };
    // Act
    const redacted = redactHeaders(headers);
    // Assess
    expect(redacted).toEqual({
      'set-cookie': REDACTED,
      authorization: REDACTED,
      'x-api-key': REDACTED,
      'www-authenticate': 'Bearer realm="api"',
      location: `https://user:${REDACTED}@example.com/`,
    });
  });
});

describe('Function: excerptOf', () => {
  it('is one line of at most the given length', () => {
    const excerpt = excerptOf(`line one\n\n  line two ${'x'.repeat(1000)}`, 50);
    expect(excerpt.length).toBeLessThanOrEqual(50);
    expect(excerpt).toMatch(/^line one line two x+…$/);
  });

  it('shows control and direction-override characters escaped, whitespace as one space', () => {
    expect(excerptOf('a\u001b[2Jb \n\t c\u202Ed\u0007')).toBe('a\\u001B[2Jb c\\u202Ed\\u0007');
  });

  it('never ends in half of a surrogate pair', () => {
    const excerpt = excerptOf(`${'x'.repeat(8)}${'😀'.repeat(10)}`, 12);
    expect(excerpt).toBe(`${'x'.repeat(8)}😀…`);
  });

  it('redacts a secret that straddles the cut', () => {
    // Prepare: the key starts inside the excerpt and ends after it
    const text = `${'a '.repeat(145)}sk-proj-AbCdEf0123456789AbCdEf0123456789`;
    // Act
    const excerpt = excerptOf(text, 300);
    // Assess
    expect(excerpt).not.toContain('sk-proj-AbCd');
    expect(excerpt.length).toBeLessThanOrEqual(300);
  });
});
