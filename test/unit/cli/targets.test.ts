import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../lambdas/cli/errors.js';
import { parseHostPort, parseTargetsFile } from '../../../lambdas/cli/targets.js';

describe('parseHostPort', () => {
  it.each([
    ['198.51.100.7:11434', { address: '198.51.100.7', port: 11434 }],
    ['[2001:db8::1]:8888', { address: '2001:db8::1', port: 8888 }],
    ['gpu.example.com:443', { address: 'gpu.example.com', port: 443 }],
  ])('accepts %s', (text, expected) => {
    expect(parseHostPort(text)).toEqual(expected);
  });

  it.each(['198.51.100.7', '198.51.100.7:0', '198.51.100.7:65536', '2001:db8::1:80', 'bad host:80', '[nope]:80', ':80'])('rejects %s with a usage error', (text) => {
    expect(() => parseHostPort(text)).toThrow(UsageError);
  });
});

describe('parseTargetsFile', () => {
  it('skips comments and blank lines', () => {
    expect(parseTargetsFile('# fleet\n198.51.100.7:8888\n\n  203.0.113.9:11434  # ollama\n', 'f.txt')).toEqual([
      { address: '198.51.100.7', port: 8888 },
      { address: '203.0.113.9', port: 11434 },
    ]);
  });

  it('names the file and line of a bad entry', () => {
    expect(() => parseTargetsFile('198.51.100.7:8888\nnope\n', 'f.txt')).toThrow('f.txt:2:');
  });
});
