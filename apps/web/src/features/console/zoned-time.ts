// Times entered on a wall clock of a chosen zone ("2026-11-27T09:00" in Asia/Jakarta) and the API's ISO instants.

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** The browser's own zone, e.g. `Asia/Seoul` (UTC when it cannot tell). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Every zone the browser knows, the browser's own included. */
export function timeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set(['UTC', browserTimeZone(), ...zones])].sort();
}

// Formatters are slow to make: one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let made = formatters.get(timeZone);
  if (!made) {
    const options = { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' } as const;
    made = new Intl.DateTimeFormat('en-US', options);
    formatters.set(timeZone, made);
  }
  return made;
}

/** The wall-clock fields of an instant in a zone, as milliseconds of the same fields read as UTC. */
function wallMillis(instant: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(instant));
  const field = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
}

/** The zone's offset from UTC at an instant, in milliseconds (+9 h for Seoul). */
function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallMillis(whole, timeZone) - whole;
}

/**
 * `2026-11-27T09:00` on the clocks of `timeZone` as an ISO instant (`2026-11-27T02:00:00.000Z` for Asia/Jakarta);
 * null for an empty or malformed value. A time skipped by a spring-forward change is read with the offset from
 * before the change (02:30 on a New York spring morning is 03:30 EDT); a time that happens twice, the first time.
 */
export function wallTimeToIso(value: string, timeZone: string): string | null {
  const match = WALL.exec(value.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // The offset a little before and after: where they differ, the wall time is near a change.
  const before = offsetAt(asUtc - 86_400_000, timeZone);
  const after = offsetAt(asUtc + 86_400_000, timeZone);
  const candidates = [asUtc - before, asUtc - after].filter((instant) => wallMillis(instant, timeZone) === asUtc);
  const instant = candidates.length > 0 ? Math.min(...candidates) : asUtc - before;
  return new Date(instant).toISOString();
}

/** An ISO instant as `YYYY-MM-DDTHH:mm` on the clocks of `timeZone` (for a datetime-local input); '' for none. */
export function isoToWallTime(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return '';
  return new Date(wallMillis(instant, timeZone)).toISOString().slice(0, 16);
}
