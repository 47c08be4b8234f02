import { isoToWallTime, wallTimeToIso } from './zoned-time';

describe('zoned time conversion', () => {
  it('should read a wall time in a zone without daylight saving with its fixed offset when the zone is Asia/Jakarta', () => {
    expect(wallTimeToIso('2026-11-27T09:00', 'Asia/Jakarta')).toBe('2026-11-27T02:00:00.000Z');
    expect(wallTimeToIso('2026-11-27T09:00', 'Asia/Seoul')).toBe('2026-11-27T00:00:00.000Z');
    expect(wallTimeToIso('2026-11-27T09:00', 'UTC')).toBe('2026-11-27T09:00:00.000Z');
  });

  it('should cross the date line backwards when the zone is behind UTC', () => {
    expect(wallTimeToIso('2026-01-01T00:30', 'America/Los_Angeles')).toBe('2026-01-01T08:30:00.000Z');
  });

  it('should use summer time in summer and standard time in winter when the zone has daylight saving (Europe/Berlin)', () => {
    expect(wallTimeToIso('2026-07-01T12:00', 'Europe/Berlin')).toBe('2026-07-01T10:00:00.000Z');
    expect(wallTimeToIso('2026-12-01T12:00', 'Europe/Berlin')).toBe('2026-12-01T11:00:00.000Z');
  });

  it('should resolve the hours next to a change when the wall time is right before or after it (America/New_York, 8 March 2026)', () => {
    expect(wallTimeToIso('2026-03-08T01:59', 'America/New_York')).toBe('2026-03-08T06:59:00.000Z');
    expect(wallTimeToIso('2026-03-08T03:00', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
  });

  it('should read a skipped wall time with the offset from before the change when the clocks spring forward', () => {
    // 02:30 does not exist in New York that morning: it is 02:30 EST, which clocks show as 03:30 EDT.
    const iso = wallTimeToIso('2026-03-08T02:30', 'America/New_York');
    expect(iso).toBe('2026-03-08T07:30:00.000Z');
    expect(isoToWallTime(iso, 'America/New_York')).toBe('2026-03-08T03:30');
  });

  it('should take the first of the two instants when the clocks fall back and a wall time happens twice', () => {
    expect(wallTimeToIso('2026-11-01T01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    expect(wallTimeToIso('2026-10-25T02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
  });

  it('should give back the wall time it read for every hour of a year when the zone has daylight saving', () => {
    for (let hour = 0; hour < 365 * 24; hour += 7) {
      const iso = new Date(Date.UTC(2026, 0, 1) + hour * 3_600_000).toISOString();
      const wall = isoToWallTime(iso, 'Australia/Sydney');
      const back = wallTimeToIso(wall, 'Australia/Sydney');
      // On the repeated hour of the fall-back both readings are right; the round trip must land on one of them.
      expect(isoToWallTime(back, 'Australia/Sydney')).toBe(wall);
    }
  });

  it('should answer null for an empty or malformed value and an empty wall time for no instant', () => {
    expect(wallTimeToIso('', 'UTC')).toBeNull();
    expect(wallTimeToIso('27/11/2026 09:00', 'UTC')).toBeNull();
    expect(isoToWallTime(null, 'UTC')).toBe('');
    expect(isoToWallTime('2026-11-27T02:00:00.000Z', 'Asia/Jakarta')).toBe('2026-11-27T09:00');
  });
});
