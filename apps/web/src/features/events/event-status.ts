export type EventPhase = 'upcoming' | 'running' | 'ended';

export function eventPhase(event: { startsAt: string; endsAt: string }, now: number): EventPhase {
  if (now < Date.parse(event.startsAt)) return 'upcoming';
  return now < Date.parse(event.endsAt) ? 'running' : 'ended';
}

/** "2d 03:04:05" until `target`. */
export function countdown(target: string, now: number): string {
  const total = Math.max(0, Math.floor((Date.parse(target) - now) / 1000));
  const days = Math.floor(total / 86_400);
  const clock = [Math.floor(total / 3600) % 24, Math.floor(total / 60) % 60, total % 60].map((part) => String(part).padStart(2, '0')).join(':');
  return days > 0 ? `${days}d ${clock}` : clock;
}
