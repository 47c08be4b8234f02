import { AdSettings, EventEntity } from '@arena/registration';

/** The event's attack-defence settings; flagLifetimeTicks defaults to 5 for events stored before it was optional. */
export function adSettings(event: EventEntity): AdSettings {
  return { tickSeconds: 60, flagPrefix: 'ACS', ...event.ad, flagLifetimeTicks: event.ad?.flagLifetimeTicks ?? 5 };
}

/** Tick 1 starts at startsAt; tick n at startsAt + (n - 1) · tickSeconds; 0 before the start. */
export function tickAt(event: EventEntity, when: Date = new Date()): number {
  const elapsed = when.getTime() - event.startsAt.getTime();
  if (elapsed < 0) return 0;
  return Math.floor(elapsed / (adSettings(event).tickSeconds * 1000)) + 1;
}

export function tickStart(event: EventEntity, tick: number): Date {
  return new Date(event.startsAt.getTime() + (tick - 1) * adSettings(event).tickSeconds * 1000);
}

/** The last tick that starts before endsAt. */
export function lastTick(event: EventEntity): number {
  return tickAt(event, new Date(event.endsAt.getTime() - 1));
}

/** The oldest tick whose flags are still valid (and fetched back by get) during `tick`. */
export function oldestLiveTick(event: EventEntity, tick: number): number {
  return Math.max(1, tick - adSettings(event).flagLifetimeTicks + 1);
}
