import { describe, expect, it } from 'vitest';
import { clip, oneLine, safeField, toAscii, utf8Bytes, wrap } from '../../../lambdas/shared/plain-text.js';

describe('Function: oneLine', () => {
  it.each([
    ['folds CR/LF and tabs into one space', 'a\r\n\tb', 'a b'],
    ['folds Unicode line separators', 'a\u2028b\u2029c', 'a b c'],
    ['escapes the terminal escape character', 'x\u001b[31my', 'x\\u001B[31my'],
    ['escapes NUL and DEL', 'a\u0000b\u007f', 'a\\u0000b\\u007F'],
    ['escapes a right-to-left override', 'evil\u202Etxt.exe', 'evil\\u202Etxt.exe'],
    ['replaces a lone surrogate', 'a\uD800b', 'a\uFFFDb'],
    ['keeps a valid surrogate pair', 'gpu 😀', 'gpu 😀'],
    ['trims', '  a  ', 'a'],
  ])('%s', (_name, input, expected) => {
    expect(oneLine(input)).toBe(expected);
  });
});

describe('Function: clip', () => {
  it('returns short text unchanged', () => {
    expect(clip('abc', 3)).toBe('abc');
  });
  it('ends a cut text with "..." within the limit', () => {
    expect(clip('abcdefgh', 6)).toBe('abc...');
  });
  it('counts code points, never splitting an emoji', () => {
    expect(clip('😀😀😀😀😀😀😀😀', 5)).toBe('😀😀...');
  });
});

describe('Function: safeField', () => {
  it('cleans and clips', () => {
    expect(safeField('a\r\nb\u001b', 80)).toBe('a b\\u001B');
  });
  it('marks a cut even when the kept window folds down to a few characters', () => {
    expect(safeField(`a${' '.repeat(1_000_000)}b`, 40)).toBe('a ...');
  });
});

describe('Function: toAscii', () => {
  it.each([
    ['drops accents', 'prod-gpu-é', 'prod-gpu-e'],
    ['replaces other characters with "?"', 'gpu-😀-東京', 'gpu-?-??'],
    ['folds newlines', 'a\nb', 'a b'],
  ])('%s', (_name, input, expected) => {
    expect(toAscii(input)).toBe(expected);
  });
});

describe('Function: utf8Bytes', () => {
  it('counts UTF-8 bytes, as SNS does', () => {
    expect(utf8Bytes('aé😀')).toBe(1 + 2 + 4);
  });
});

describe('Function: wrap', () => {
  it('keeps a short line whole', () => {
    expect(wrap('Fix: ', 'turn on auth', 40)).toEqual(['Fix: turn on auth']);
  });
  it('indents continuation lines to the end of the prefix', () => {
    expect(wrap('Fix: ', 'aaaa bbbb cccc dddd', 15)).toEqual(['Fix: aaaa bbbb', '     cccc dddd']);
  });
  it('cuts a word longer than a line', () => {
    const lines = wrap('> ', 'x'.repeat(25), 10);
    expect(lines).toEqual(['> xxxxxxxx', '  xxxxxxxx', '  xxxxxxxx', '  x']);
  });
  it('never splits a surrogate pair', () => {
    const lines = wrap('', 'a' + '😀'.repeat(10), 4);
    expect(lines.join('')).toBe('a' + '😀'.repeat(10));
    expect(lines.every((line) => !/[\uD800-\uDBFF]$/.test(line) && !/^ *[\uDC00-\uDFFF]/.test(line))).toBe(true);
  });
  it('returns the bare prefix for empty text', () => {
    expect(wrap('Note: ', '', 20)).toEqual(['Note: ']);
  });
});
