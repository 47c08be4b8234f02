import { ScoringFailure } from '../metrics/scoring-failure';
import { Utf8Validator } from './utf8-validator';

function validate(...chunks: number[][]): void {
  const validator = new Utf8Validator();
  for (const chunk of chunks) validator.check(Uint8Array.from(chunk));
  validator.end();
}

describe('Utf8Validator', () => {
  it('should accept ASCII, 2-, 3- and 4-byte characters when a character spans two chunks', () => {
    const bytes = [...Buffer.from('id,é,€,😀\n')];
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(() => validate(bytes.slice(0, cut), bytes.slice(cut))).not.toThrow();
    }
  });

  it('should name the byte offset and line when a byte can never appear in UTF-8', () => {
    // "id,p\n" (5 bytes) + "a,1\n" (4) + "b," (2) → the 0xFF is byte 11 (0-based), on line 3.
    expect(() => validate([...Buffer.from('id,p\na,1\nb,')], [0xff, 0x0a])).toThrow('the file is not valid UTF-8: invalid byte 0xFF at byte offset 11 (line 3)');
  });

  it.each([
    ['an overlong slash', [0xc0, 0xaf]],
    ['an overlong 3-byte form', [0xe0, 0x80, 0xaf]],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a stray continuation byte', [0x41, 0x80]],
    ['a lead byte without its continuation', [0xc3, 0x41]],
    ['Latin-1 text', [...Buffer.from('caf', 'latin1'), 0xe9, 0x0a]],
  ])('should refuse %s', (_name, bytes) => {
    expect(() => validate(bytes)).toThrow(ScoringFailure);
  });

  it('should refuse a file that ends inside a character', () => {
    expect(() => validate([0x61, 0xe2, 0x82])).toThrow('ends inside a multi-byte character');
  });
});
