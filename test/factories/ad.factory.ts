import { AdFlagsService } from '@arena/ad';
import { DataSource } from 'typeorm';
import { TestApp } from '../utils/test-app';
import { zipOf } from '../utils/zip-writer';
import { createEvent, TestEvent } from './event.factory';
import { teamWithMembers, TestTeam } from './team.factory';
import { TestUser } from './user.factory';

/** `/api/v1/events/:slug/ad` plus a suffix. */
export const adPath = (event: TestEvent, suffix = '') => `/api/v1/events/${event.slug}/ad${suffix}`;

export interface AdPlayer {
  team: TestTeam;
  captain: TestUser;
  members: TestUser[];
}

/** An attack-defence event (running unless overridden) with `teams` teams of a captain and `members` members. */
export async function createAdGame(
  app: TestApp,
  options: { teams?: number; members?: number; ad?: Record<string, unknown>; event?: Record<string, unknown> } = {},
): Promise<{ event: TestEvent; players: AdPlayer[] }> {
  const event = await createEvent(app, {
    kind: 'ad',
    startsAt: new Date(Date.now() - 1000).toISOString(),
    endsAt: new Date(Date.now() + 3600_000).toISOString(),
    teams: { minSize: 1, maxSize: 4, lockAtStart: false },
    ad: { tickSeconds: 60, flagLifetimeTicks: 5, flagPrefix: 'ACS', ...options.ad },
    ...options.event,
  });
  const players: AdPlayer[] = [];
  for (let i = 0; i < (options.teams ?? 2); i++) players.push(await teamWithMembers(app, event, options.members ?? 0));
  return { event, players };
}

/** A checker archive holding the given files (default: a checker that answers OK to everything). */
export const checkerZip = (files: Record<string, string> = { 'checker.py': 'import sys\nsys.exit(101)\n' }) => zipOf(files);

/** Adds a service through the API; returns the raw response. */
export function addService(app: TestApp, event: TestEvent, fields: Record<string, string | number> = {}, zip: Buffer | null = checkerZip()) {
  const request = app.http().post(adPath(event, '/services')).set('Authorization', event.organiser.auth);
  const all = { name: 'notes', port: 8080, checkerCommand: 'python3 checker.py', checkerTimeoutSeconds: 5, ...fields };
  for (const [key, value] of Object.entries(all)) request.field(key, String(value));
  if (zip) request.attach('checker', zip, 'checker.zip');
  return request;
}

/**
 * Plants a flag the way the worker does (signed, stored, planted) without running a tick, for submission tests.
 * Returns the flag.
 */
export async function plantFlag(app: TestApp, event: TestEvent, teamId: string, serviceId: string, tick: number, vuln = 1): Promise<string> {
  const flag = app.app.get(AdFlagsService).signer.sign(event.id, String((event.body.ad as { flagPrefix: string }).flagPrefix), { teamId, serviceId, tick });
  await app.app
    .get(DataSource)
    .query('INSERT INTO ad_flags (flag, event_id, team_id, service_id, tick, vuln, flag_id, planted) VALUES ($1, $2, $3, $4, $5, $6, $7, true)', [
      flag,
      event.id,
      teamId,
      serviceId,
      tick,
      vuln,
      `id-${tick}-${vuln}`,
    ]);
  return flag;
}
