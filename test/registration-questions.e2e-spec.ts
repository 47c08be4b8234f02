import { Response } from 'supertest';
import { createEvent, TestEvent } from './factories/event.factory';
import { registerUser, TestUser } from './factories/user.factory';
import { createTestApp, TestApp } from './utils/test-app';

// The event's registration form (`registration.questions`): answers validated against it, stored, shown to organisers.
const QUESTIONS = [
  { id: 'university', label: 'University or school', type: 'text', required: true, maxLength: 40 },
  { id: 'track', label: 'Track', type: 'choice', required: true, choices: ['student', 'open'] },
  { id: 'motto', label: 'Team motto', type: 'text' },
];

function expect400(response: Response, field: string): void {
  expect(response.status).toBe(400);
  expect(([] as string[]).concat(response.body.message).join(' | ')).toContain(field);
}

describe('registration questions', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const url = (event: TestEvent, rest = '') => `/api/v1/events/${event.slug}/registrations${rest}`;
  const register = (event: TestEvent, user: TestUser, answers?: unknown) =>
    app
      .http()
      .post(url(event))
      .set('Authorization', user.auth)
      .send(answers === undefined ? {} : { answers });
  const edit = (event: TestEvent, user: TestUser, answers: unknown) => app.http().patch(url(event, '/me')).set('Authorization', user.auth).send({ answers });
  const withQuestions = (approval = 'auto') => createEvent(app, { registration: { approval, questions: QUESTIONS } });

  describe('the event setting', () => {
    it('should publish the questions with their defaults on the event when an organiser sets them', async () => {
      const event = await withQuestions();
      const shown = await app.http().get(`/api/v1/events/${event.slug}`).expect(200);
      expect(shown.body.registration.questions).toEqual([
        { id: 'university', label: 'University or school', type: 'text', required: true, maxLength: 40 },
        { id: 'track', label: 'Track', type: 'choice', required: true, choices: ['student', 'open'] },
        { id: 'motto', label: 'Team motto', type: 'text', required: false, maxLength: 500 },
      ]);
    });

    it('should replace the questions as a whole and default to none when an organiser edits them', async () => {
      const plain = await createEvent(app);
      expect(plain.body.registration).toMatchObject({ questions: [] });
      const event = await withQuestions();
      const updated = await app
        .http()
        .patch(`/api/v1/events/${event.slug}`)
        .set('Authorization', event.organiser.auth)
        .send({ registration: { questions: [QUESTIONS[1]] } })
        .expect(200);
      expect(updated.body.registration.questions.map((question: { id: string }) => question.id)).toEqual(['track']);
    });

    it.each([
      ['an id with capitals', [{ ...QUESTIONS[0], id: 'Uni' }], 'id'],
      ['two questions with one id', [QUESTIONS[0], { ...QUESTIONS[2], id: 'university' }], 'questions'],
      ['an unknown type', [{ ...QUESTIONS[0], type: 'file' }], 'type'],
      ['a choice question without choices', [{ id: 'x', label: 'X', type: 'choice' }], 'choice'],
      ['choices on a text question', [{ ...QUESTIONS[0], choices: ['a'] }], 'choices'],
      ['a text limit past 2000', [{ ...QUESTIONS[0], maxLength: 5000 }], 'maxLength'],
      ['an empty label', [{ ...QUESTIONS[0], label: '' }], 'label'],
      ['21 questions', Array.from({ length: 21 }, (_, index) => ({ id: `q${index}`, label: 'Q', type: 'text' })), 'questions'],
    ] as [string, object[], string][])('should answer 400 naming the field when the questions have %s', async (_case, questions, field) => {
      const event = await createEvent(app);
      const response = await app.http().patch(`/api/v1/events/${event.slug}`).set('Authorization', event.organiser.auth).send({ registration: { questions } });
      expect400(response, field);
    });

    it('should refuse a player who sets the questions of an event they do not organise', async () => {
      const event = await withQuestions();
      const player = await registerUser(app);
      await app
        .http()
        .patch(`/api/v1/events/${event.slug}`)
        .set('Authorization', player.auth)
        .send({ registration: { questions: [] } })
        .expect(403);
    });
  });

  describe('answers', () => {
    it('should store trimmed answers to the questions and show them to the organiser and the registrant', async () => {
      const event = await withQuestions();
      const user = await registerUser(app);
      const created = await register(event, user, { university: '  HUST ', track: 'student', motto: '' }).expect(201);
      expect(created.body).toMatchObject({ status: 'approved', answers: { university: 'HUST', track: 'student' } });
      expect((await app.http().get(url(event, '/me')).set('Authorization', user.auth).expect(200)).body.answers).toEqual({ university: 'HUST', track: 'student' });
      const listed = await app.http().get(url(event)).set('Authorization', event.organiser.auth).expect(200);
      expect(listed.body).toEqual([expect.objectContaining({ userId: user.id, answers: { university: 'HUST', track: 'student' } })]);
    });

    it.each([
      ['an answer to an unknown question', { university: 'HUST', track: 'open', isAdmin: 'yes' }, 'answers.isAdmin'],
      ['a missing required answer', { track: 'open' }, 'answers.university'],
      ['a blank required answer', { university: '   ', track: 'open' }, 'answers.university'],
      ['no answers at all', undefined, 'answers.university'],
      ['a choice that is not offered', { university: 'HUST', track: 'staff' }, 'answers.track'],
      ['an oversize text answer', { university: 'x'.repeat(41), track: 'open' }, 'answers.university'],
      ['a very large answer', { university: 'HUST', track: 'open', motto: 'x'.repeat(200_000) }, 'answers.motto'],
      ['an answer that is not a string', { university: { $ne: '' }, track: 'open' }, 'answers.university'],
      ['answers that are not an object', ['HUST', 'open'], 'answers'],
    ])('should answer 400 naming the answer and store nothing when the registrant sends %s', async (_case, answers, field) => {
      const event = await withQuestions();
      const user = await registerUser(app);
      expect400(await register(event, user, answers), field);
      await app.http().get(url(event, '/me')).set('Authorization', user.auth).expect(404);
    });

    it('should count a text answer in characters, not bytes, when it is written in Thai or Korean', async () => {
      const event = await withQuestions();
      const user = await registerUser(app);
      await register(event, user, { university: 'มหาวิทยาลัย'.padEnd(40, 'ก'), track: 'open' }).expect(201);
    });

    it('should bound the free-form answers of an event without questions', async () => {
      const event = await createEvent(app);
      const user = await registerUser(app);
      expect400(await register(event, user, { essay: 'x'.repeat(20_000) }), 'answers');
      await register(event, user, { essay: 'short' }).expect(201);
    });
  });

  describe('editing answers', () => {
    it('should let a pending registrant change their answers, re-validated, and the organiser see the new ones', async () => {
      const event = await withQuestions('manual');
      const user = await registerUser(app);
      const created = await register(event, user, { university: 'HUST', track: 'student' }).expect(201);
      expect(created.body.status).toBe('pending');
      expect400(await edit(event, user, { university: 'HUST', track: 'nope' }), 'answers.track');
      const edited = await edit(event, user, { university: 'VNU', track: 'open', motto: 'go' }).expect(200);
      expect(edited.body).toMatchObject({ status: 'pending', answers: { university: 'VNU', track: 'open', motto: 'go' } });
      const listed = await app.http().get(url(event)).set('Authorization', event.organiser.auth).expect(200);
      expect(listed.body[0].answers).toEqual({ university: 'VNU', track: 'open', motto: 'go' });
    });

    it('should refuse (409) an edit after approval and keep the answers the organiser approved', async () => {
      const event = await withQuestions('manual');
      const user = await registerUser(app);
      const created = await register(event, user, { university: 'HUST', track: 'student' }).expect(201);
      await app
        .http()
        .patch(url(event, `/${created.body.id}`))
        .set('Authorization', event.organiser.auth)
        .send({ status: 'approved' })
        .expect(200);
      const refused = await edit(event, user, { university: 'Somewhere else', track: 'open' }).expect(409);
      expect(refused.body.code).toBe('registration-decided');
      expect((await app.http().get(url(event, '/me')).set('Authorization', user.auth).expect(200)).body.answers).toEqual({ university: 'HUST', track: 'student' });
    });

    it('should refuse an edit of an automatically approved registration and of a rejected one', async () => {
      const auto = await withQuestions('auto');
      const approved = await registerUser(app);
      await register(auto, approved, { university: 'HUST', track: 'open' }).expect(201);
      await edit(auto, approved, { university: 'X', track: 'open' }).expect(409);

      const manual = await withQuestions('manual');
      const rejected = await registerUser(app);
      const created = await register(manual, rejected, { university: 'HUST', track: 'open' }).expect(201);
      await app
        .http()
        .patch(url(manual, `/${created.body.id}`))
        .set('Authorization', manual.organiser.auth)
        .send({ status: 'rejected' })
        .expect(200);
      await edit(manual, rejected, { university: 'X', track: 'open' }).expect(409);
    });

    it('should answer 404 to an edit by someone who is not registered, leaving other registrations alone', async () => {
      const event = await withQuestions('manual');
      const owner = await registerUser(app);
      await register(event, owner, { university: 'HUST', track: 'open' }).expect(201);
      const stranger = await registerUser(app);
      await edit(event, stranger, { university: 'Hijack', track: 'open' }).expect(404);
      const listed = await app.http().get(url(event)).set('Authorization', event.organiser.auth).expect(200);
      expect(listed.body.map((row: { answers: object }) => row.answers)).toEqual([{ university: 'HUST', track: 'open' }]);
    });

    it('should not let a registrant read other registrations or their answers', async () => {
      const event = await withQuestions('manual');
      const user = await registerUser(app);
      await register(event, user, { university: 'HUST', track: 'open' }).expect(201);
      await app.http().get(url(event)).set('Authorization', user.auth).expect(403);
    });
  });
});
