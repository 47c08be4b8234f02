import { randomUUID } from 'crypto';
import { Page } from 'playwright-core';
import { createTask, labelledTruth } from './factories/ai.factory';
import { createEvent, hoursFromNow, TestEvent } from './factories/event.factory';
import { addJudge, assign, eventPath, teamWithProject } from './factories/hackathon.factory';
import { registerOrganizer, TestUser } from './factories/user.factory';
import { blockingViolations, describeViolations } from './utils/axe';
import { openPlayerPage, PlayerPage, startWebHarness, WebHarness } from './utils/web-session';

// Issue 16's console pieces that were API-only, in Chromium with one organiser's context for the whole suite: removing a
// judge (assignments handed on) and inviting one without an account (a one-time link their account claims), the judging mode,
// normalisation and same-country rule on the setup page (the API's refusal under its field), and editing an AI task.
jest.setTimeout(180_000);

describe('web organisers console, judges, judging settings and task edits (Chromium)', () => {
  let web: WebHarness;
  let organiser: TestUser;
  let player: PlayerPage;
  let page: Page;

  beforeAll(async () => {
    web = await startWebHarness();
    organiser = await registerOrganizer(web.app);
    player = await openPlayerPage(web, { session: organiser });
    page = player.page;
  }, 300_000);

  afterAll(async () => {
    await player?.close();
    await web?.close();
  });

  afterEach(() => {
    expect(player.errors).toEqual([]);
  });

  const hackathon = () =>
    createEvent(web.app, { kind: 'hackathon', startsAt: hoursFromNow(-1), endsAt: hoursFromNow(24), teams: { minSize: 1, maxSize: 4, lockAtStart: false } }, organiser);
  const get = (event: TestEvent, path: string) => web.app.http().get(eventPath(event, path)).set('Authorization', organiser.auth);
  const expectAccessible = async () => {
    await page.mouse.move(0, 0);
    expect(describeViolations(await blockingViolations(page))).toEqual([]);
  };

  it('should remove a judge after a confirmation, and invite someone without an account who claims the link', async () => {
    const event = await hackathon();
    await web.app
      .http()
      .put(eventPath(event, '/hackathon'))
      .set('Authorization', organiser.auth)
      .send({ tracks: ['fintech', 'health'] })
      .expect(200);
    for (const track of ['fintech', 'health', 'fintech']) await teamWithProject(web.app, event, { track });
    const judges = [await addJudge(web.app, event), await addJudge(web.app, event), await addJudge(web.app, event)];
    await assign(web.app, event, 2).expect(200);
    const names: string[] = (await get(event, '/judging/judges').expect(200)).body.map((judge: { displayName: string }) => judge.displayName);

    await page.goto(`/events/${event.slug}/manage/hackathon-judges`);
    await page.getByRole('heading', { name: 'Judges (3)' }).waitFor();
    await page.getByRole('button', { name: `Remove ${names[0]}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove a judge' });
    await dialog.getByText(`Remove ${names[0]} from the judges of this event?`, { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Remove judge' }).click();
    await page.getByText(`${names[0]} is no longer a judge: 2 assignments ended, 2 given to other judges, 0 left without a judge.`).waitFor();
    await page.getByRole('heading', { name: 'Judges (2)' }).waitFor();
    expect((await get(event, '/judging/judges').expect(200)).body.map((judge: { judgeId: string }) => judge.judgeId)).toEqual([judges[1].id, judges[2].id]);
    const active = (await get(event, '/judging/assignments').expect(200)).body.filter((row: { status: string }) => row.status === 'active');
    expect(active).toHaveLength(6);
    expect(new Set(active.map((row: { judgeId: string }) => row.judgeId))).toEqual(new Set([judges[1].id, judges[2].id]));

    // An invitation for an email nobody uses yet, for one track; another one revoked.
    const email = `invited-${randomUUID()}@arena.test`;
    const invite = async (address: string) => {
      await page.getByRole('textbox', { name: 'Email to invite' }).fill(address);
      await page.getByRole('button', { name: 'Invite', exact: true }).click();
    };
    await page.getByRole('form', { name: 'Invite a judge by email' }).getByRole('checkbox', { name: 'health' }).check();
    await invite(email);
    await page.getByText(`Invitation saved for ${email}: send them the link below.`).waitFor();
    await page.getByText('This link is shown only once', { exact: false }).waitFor();
    const link = await page.getByRole('textbox', { name: 'Invite link' }).inputValue();
    const claimUrl = new URL(link);
    expect(claimUrl.pathname).toBe('/judging/invitations/claim');
    expect(claimUrl.searchParams.get('event')).toBe(event.slug);
    expect(claimUrl.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    await page.getByRole('button', { name: 'Copy link' }).waitFor();
    const dropped = `dropped-${randomUUID()}@arena.test`;
    await invite(dropped);
    await page.getByRole('heading', { name: 'Pending invitations (2)' }).waitFor();
    await page.getByRole('cell', { name: email, exact: true }).waitFor();
    await expectAccessible();
    await page.getByRole('button', { name: `Revoke the invitation of ${dropped}` }).click();
    await page.getByRole('heading', { name: 'Pending invitations (1)' }).waitFor();
    expect((await get(event, '/judging/invitations').expect(200)).body.map((row: { email: string; tracks: string[] }) => [row.email, row.tracks])).toEqual([[email, ['health']]]);

    // Signing up with the address grants nothing by itself (sign-up does not prove the email is theirs).
    const signUp = await web.app
      .http()
      .post('/api/v1/auth/register')
      .send({ email: email.toUpperCase(), password: 'correct-horse-battery', displayName: 'Invited Ines', country: 'ID' })
      .expect(201);
    await page.reload();
    await page.getByRole('heading', { name: 'Pending invitations (1)' }).waitFor();

    // Signed out, the link sends to sign-in and back to itself.
    const invitee = await openPlayerPage(web);
    try {
      await invitee.page.goto(claimUrl.pathname + claimUrl.search);
      await invitee.page.getByRole('heading', { name: 'Judge invitation' }).waitFor();
      const signInHref = await invitee.page.getByRole('main').getByRole('link', { name: 'Sign in' }).getAttribute('href');
      expect(new URL(signInHref ?? '', web.baseUrl).searchParams.get('next')).toBe(claimUrl.pathname + claimUrl.search);
      expect(invitee.errors).toEqual([]);
    } finally {
      await invitee.close();
    }
    // Signed in with the invited email, one click: a judge of this event, for the invited track.
    const signedIn = await openPlayerPage(web, { session: signUp.body });
    try {
      await signedIn.page.goto(claimUrl.pathname + claimUrl.search);
      await signedIn.page.getByRole('button', { name: 'Accept the invitation' }).click();
      await signedIn.page.getByText('You are now a judge of this event.').waitFor();
      expect(signedIn.errors).toEqual([]);
    } finally {
      await signedIn.close();
    }
    await page.reload();
    await page.getByRole('heading', { name: 'Judges (3)' }).waitFor();
    await page.getByRole('cell', { name: 'Invited Ines', exact: true }).waitFor();
    await page.getByText('No pending invitations.').waitFor();
    expect((await get(event, '/judging/judges').expect(200)).body.find((judge: { judgeId: string }) => judge.judgeId === signUp.body.user.id)).toMatchObject({
      tracks: ['health'],
    });
  });

  it('should set the judging mode, normalisation and same-country rule, and show the API’s refusal under the mode once judges voted', async () => {
    const event = await hackathon();
    await teamWithProject(web.app, event);
    await teamWithProject(web.app, event);

    await page.goto(`/events/${event.slug}/manage/hackathon-setup`);
    await page.getByRole('heading', { name: 'How projects are judged' }).waitFor();
    await page.getByText("Each judge's totals are rescaled", { exact: false }).waitFor();
    await page.getByRole('radio', { name: 'Pairwise: judges compare two projects at a time' }).check();
    await page.getByRole('radio', { name: 'None: raw totals' }).check();
    await page.getByRole('checkbox', { name: "Do not assign judges from a team member's country" }).check();
    await page.getByRole('button', { name: 'Save judging settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect((await get(event, '/hackathon').expect(200)).body).toMatchObject({ mode: 'pairwise', normalisation: 'none', excludeSameCountryJudges: true });

    // A judge votes: the mode is fixed now, and the API's refusal lands under the mode.
    const judge = await addJudge(web.app, event);
    const pair = (await web.app.http().get(eventPath(event, '/judging/pairwise/next')).set('Authorization', judge.auth).expect(200)).body;
    await web.app.http().post(eventPath(event, '/judging/pairwise/votes')).set('Authorization', judge.auth).send({ winnerId: pair.prev.id, loserId: pair.next.id }).expect(201);
    await page.getByRole('radio', { name: 'Rubric: assigned judges score each project on the criteria above' }).check();
    await page.getByRole('button', { name: 'Save judging settings' }).click();
    await page.getByText('mode: judges have already scored or voted').waitFor();
    await expectAccessible();
    expect((await get(event, '/hackathon').expect(200)).body.mode).toBe('pairwise');
  });

  it('should edit an AI task from its page: name, close and a new ground truth', async () => {
    const event = await createEvent(
      web.app,
      { kind: 'ai', startsAt: hoursFromNow(-1), endsAt: hoursFromNow(24), teams: { minSize: 1, maxSize: 4, lockAtStart: false } },
      organiser,
    );
    const split = ['public', 'public', 'private', 'private'];
    const made = await createTask(
      web.app,
      event,
      { name: 'Sentiment', metric: 'accuracy', idColumn: 'id', targetColumn: 'label', splitColumn: 'usage' },
      labelledTruth(['a', 'b', 'a', 'b'], split),
    );

    await page.goto(`/events/${event.slug}/manage/tasks/${made.id}`);
    await page.getByRole('link', { name: 'Edit this task' }).click();
    await page.getByRole('heading', { name: 'Edit Sentiment' }).waitFor();
    await page.getByRole('textbox', { name: 'Name' }).fill('Review sentiment');
    await page.getByLabel('Time zone').selectOption('UTC');
    await page.getByLabel('Closes').fill('2030-01-01T10:00');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /^Replace the ground truth/ }).click();
    await (
      await chooser
    ).setFiles({ name: 'truth.csv', mimeType: 'text/csv', buffer: Buffer.from(labelledTruth(['a', 'b', 'a', 'b', 'a', 'b'], [...split, 'public', 'private'])) });
    await expectAccessible();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect((await web.app.http().get(`/api/v1/events/${event.slug}/tasks/${made.id}`).expect(200)).body).toMatchObject({
      name: 'Review sentiment',
      closesAt: '2030-01-01T10:00:00.000Z',
      rows: 6,
    });
    await page.getByRole('heading', { name: 'Edit Review sentiment' }).waitFor();
  });
});
