import { Response } from 'supertest';
import { addService, adPath, checkerZip, createAdGame } from './factories/ad.factory';
import { createEvent } from './factories/event.factory';
import { registeredUser } from './factories/team.factory';
import { createTestApp, TestApp } from './utils/test-app';

function expectError(response: Response, status: number, field?: string): void {
  expect(response.status).toBe(status);
  if (field) expect(([] as string[]).concat(response.body.message).join(' | ')).toContain(field);
}

describe('attack-defence setup (settings, services, vulnboxes)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  describe('settings', () => {
    it('should accept ticks of 3 s and default the flag lifetime to 5 when it is not given', async () => {
      const { event } = await createAdGame(app, { teams: 0, ad: { tickSeconds: 3, flagLifetimeTicks: undefined } });
      expect(event.body.ad).toEqual({ tickSeconds: 3, flagLifetimeTicks: 5, flagPrefix: 'ACS' });
    });

    it('should refuse ticks shorter than 3 s with a 400 naming the field when they are asked for', async () => {
      await expect(createAdGame(app, { teams: 0, ad: { tickSeconds: 2 } })).rejects.toThrow(/ad.tickSeconds/);
    });
  });

  describe('services', () => {
    it('should add a service when the organiser uploads a checker, and show participants no checker command', async () => {
      const { event, players } = await createAdGame(app, { teams: 1 });
      const created = await addService(app, event, { name: 'notes', port: 8080, checkerTimeoutSeconds: 20, vulns: 2 }).expect(201);
      expect(created.body).toEqual({ id: expect.any(String), name: 'notes', port: 8080, vulns: 2, checkerTimeoutSeconds: 20, checkerCommand: 'python3 checker.py' });
      const seen = await app.http().get(adPath(event, '/services')).set('Authorization', players[0].captain.auth).expect(200);
      expect(seen.body).toEqual([{ id: created.body.id, name: 'notes', port: 8080, vulns: 2, checkerTimeoutSeconds: 20 }]);
      const anonymous = await app.http().get(adPath(event, '/services')).expect(200);
      expect(anonymous.body[0].checkerCommand).toBeUndefined();
    });

    it('should refuse a checker timeout over a third of the tick with a 400 naming checkerTimeoutSeconds', async () => {
      const { event } = await createAdGame(app, { teams: 0, ad: { tickSeconds: 30 } });
      expectError(await addService(app, event, { checkerTimeoutSeconds: 11 }), 400, 'checkerTimeoutSeconds');
      await addService(app, event, { checkerTimeoutSeconds: 10 }).expect(201);
    });

    it('should answer 400 naming the field when the checker is missing, not a zip, or a field is bad', async () => {
      const { event } = await createAdGame(app, { teams: 0 });
      expectError(await addService(app, event, {}, null), 400, 'checker');
      expectError(await addService(app, event, {}, Buffer.from('not a zip')), 400, 'checker');
      expectError(await addService(app, event, { port: 70000 }), 400, 'port');
      expectError(await addService(app, event, { name: '../x' }), 400, 'name');
      expectError(await addService(app, event, { vulns: 0 }), 400, 'vulns');
    });

    it('should answer 409 when the event already has a service of that name', async () => {
      const { event } = await createAdGame(app, { teams: 0 });
      await addService(app, event, { name: 'bank' }).expect(201);
      expectError(await addService(app, event, { name: 'bank' }), 409);
    });

    it('should refuse services from a participant, and on an event that is not attack-defence', async () => {
      const { event, players } = await createAdGame(app, { teams: 1 });
      const request = app.http().post(adPath(event, '/services')).set('Authorization', players[0].captain.auth);
      request.field('name', 'x').field('port', '1').field('checkerCommand', 'x').field('checkerTimeoutSeconds', '1').attach('checker', checkerZip(), 'c.zip');
      expectError(await request, 403);
      const ctf = await createEvent(app, { kind: 'ctf' });
      expectError(await addService(app, ctf), 404);
    });
  });

  describe('vulnboxes', () => {
    it('should set hosts in bulk, keep others, and let teams (not outsiders) list them', async () => {
      const { event, players } = await createAdGame(app, { teams: 3 });
      const [a, b, c] = players;
      const put = (vulnboxes: unknown[]) => app.http().put(adPath(event, '/vulnboxes')).set('Authorization', event.organiser.auth).send({ vulnboxes });
      await put([
        { teamId: a.team.id, host: '10.60.1.2' },
        { teamId: b.team.id, host: '10.60.2.2' },
      ]).expect(200);
      const response = await put([
        { teamId: b.team.id, host: 'team-b.vuln.example' },
        { teamId: c.team.id, host: '127.0.0.4' },
      ]).expect(200);
      expect(response.body).toHaveLength(3);
      const hosts = Object.fromEntries(response.body.map((box: { teamId: string; host: string }) => [box.teamId, box.host]));
      expect(hosts).toEqual({ [a.team.id]: '10.60.1.2', [b.team.id]: 'team-b.vuln.example', [c.team.id]: '127.0.0.4' });
      await app.http().get(adPath(event, '/vulnboxes')).set('Authorization', a.captain.auth).expect(200);
      const outsider = await registeredUser(app, event);
      expectError(await app.http().get(adPath(event, '/vulnboxes')).set('Authorization', outsider.auth), 403);
    });

    it('should refuse a team of another event or a bad host with a 400 naming the entry', async () => {
      const { event, players } = await createAdGame(app, { teams: 1 });
      const other = await createAdGame(app, { teams: 1 });
      const put = (vulnboxes: unknown[]) => app.http().put(adPath(event, '/vulnboxes')).set('Authorization', event.organiser.auth).send({ vulnboxes });
      expectError(await put([{ teamId: other.players[0].team.id, host: '10.0.0.1' }]), 400, 'vulnboxes.0.teamId');
      expectError(await put([{ teamId: players[0].team.id, host: 'a b; rm -rf /' }]), 400, 'host');
      expectError(await app.http().put(adPath(event, '/vulnboxes')).set('Authorization', players[0].captain.auth).send({ vulnboxes: [] }), 403);
    });

    it('should import a CSV by team name or id, and refuse it whole when one line is bad, naming the line', async () => {
      const { event, players } = await createAdGame(app, { teams: 2 });
      const [a, b] = players;
      const upload = (csv: string) =>
        app.http().post(adPath(event, '/vulnboxes/import')).set('Authorization', event.organiser.auth).attach('file', Buffer.from(csv), 'vulnboxes.csv');
      const bad = await upload(`team,host\n${a.team.name},10.60.1.2\nNo Such Team,10.60.9.2\n`);
      expectError(bad, 400, 'line 3');
      const none = await app.http().get(adPath(event, '/vulnboxes')).set('Authorization', event.organiser.auth).expect(200);
      expect(none.body).toEqual([]);
      const good = await upload(`host,team\r\n10.60.1.2,"${a.team.name}"\r\n10.60.2.2,${b.team.id}\r\n`).expect(200);
      expect(good.body.map((box: { host: string }) => box.host).sort()).toEqual(['10.60.1.2', '10.60.2.2']);
      expectError(await upload('name,address\nx,y\n'), 400, 'header');
    });
  });
});
