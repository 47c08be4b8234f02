import { ScoringFailure } from '../metrics/scoring-failure';

/**
 * Checks a byte stream is well-formed UTF-8 (Unicode table 3-7: no overlongs, surrogates, code points past
 * U+10FFFF, stray continuation bytes, truncated sequences), chunk by chunk, across chunk boundaries.
 * Throws a ScoringFailure naming the line and byte offset of the first invalid byte.
 */
export class Utf8Validator {
  private pending = 0; // continuation bytes still due
  private lower = 0x80; // bounds of the next continuation byte
  private upper = 0xbf;
  private offset = 0; // bytes before the current chunk
  private line = 1;
  private lead = 0; // first byte of the current multi-byte sequence, and its offset
  private leadOffset = 0;

  check(chunk: Uint8Array): void {
    let pending = this.pending;
    let lower = this.lower;
    let upper = this.upper;
    let line = this.line;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (pending === 0) {
        if (byte < 0x80) {
          if (byte === 0x0a) line++;
          continue;
        }
        lower = 0x80;
        upper = 0xbf;
        this.lead = byte;
        this.leadOffset = this.offset + i;
        if (byte >= 0xc2 && byte <= 0xdf) pending = 1;
        else if (byte >= 0xe0 && byte <= 0xef) {
          pending = 2;
          if (byte === 0xe0) lower = 0xa0;
          else if (byte === 0xed) upper = 0x9f;
        } else if (byte >= 0xf0 && byte <= 0xf4) {
          pending = 3;
          if (byte === 0xf0) lower = 0x90;
          else if (byte === 0xf4) upper = 0x8f;
        } else throw this.invalid(byte, this.offset + i, line);
      } else {
        if (byte < lower || byte > upper) throw this.invalid(this.lead, this.leadOffset, line);
        lower = 0x80;
        upper = 0xbf;
        pending--;
      }
    }
    this.pending = pending;
    this.lower = lower;
    this.upper = upper;
    this.line = line;
    this.offset += chunk.length;
  }

  /** Call once after the last chunk: a sequence cut off by the end of the file is invalid too. */
  end(): void {
    if (this.pending > 0) {
      throw new ScoringFailure(`the file is not valid UTF-8: it ends inside a multi-byte character (line ${this.line})`);
    }
  }

  // Names the byte that starts the bad sequence (a lead byte whose continuation is wrong, or a stray byte).
  private invalid(byte: number, offset: number, line: number): ScoringFailure {
    const hex = byte.toString(16).toUpperCase().padStart(2, '0');
    return new ScoringFailure(`the file is not valid UTF-8: invalid byte 0x${hex} at byte offset ${offset} (line ${line})`);
  }
}
