import { toIsoTime } from './iso-time';

describe('toIsoTime', () => {
  it('should parse a time when it has a zone', () => {
    expect((toIsoTime({ value: '2026-11-27T10:00:00Z' }) as Date).toISOString()).toBe('2026-11-27T10:00:00.000Z');
    expect((toIsoTime({ value: '2026-11-27T17:00:00+07:00' }) as Date).toISOString()).toBe('2026-11-27T10:00:00.000Z');
  });

  it('should leave the value unparsed when the zone is missing', () => {
    expect(toIsoTime({ value: '2026-11-27T10:00:00' })).toBe('2026-11-27T10:00:00');
  });

  it('should leave impossible dates unparsed', () => {
    expect(toIsoTime({ value: '2026-02-30T10:00:00Z' })).toBe('2026-02-30T10:00:00Z');
    expect(toIsoTime({ value: '2026-01-01T24:30:00Z' })).toBe('2026-01-01T24:30:00Z');
  });

  it('should pass null and non-strings through', () => {
    expect(toIsoTime({ value: null })).toBeNull();
    expect(toIsoTime({ value: 1_700_000_000 })).toBe(1_700_000_000);
  });
});
