const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An ISO 8601 time with a zone (`Z` or `±hh:mm`) as a Date; anything else (no zone, 30 February,
 * a number) is returned unchanged so that `@IsDate()` rejects it naming the field.
 */
export function toIsoTime({ value }: { value: unknown }): unknown {
  if (value === null || typeof value !== 'string') return value;
  const match = ISO_TIME.exec(value);
  if (!match) return value;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  const real = calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day && hour < 24 && minute < 60 && (Number.isNaN(second) || second < 60);
  return real ? new Date(value) : value;
}
