import { EventFormValues, initialValues, inZone, newQuestion, toBody } from './event-form.values';

const base = (): EventFormValues => ({ ...initialValues(), timeZone: 'Asia/Jakarta', title: 'Cup', slug: ' cup-2027 ', startsAt: '2027-01-15T09:00', endsAt: '2027-01-16T17:30' });

describe('event form values', () => {
  it('should send the times read on the chosen zone and clear the optional ones left empty when creating', () => {
    const body = toBody(base());
    expect(body).toMatchObject({ slug: 'cup-2027', startsAt: '2027-01-15T02:00:00.000Z', endsAt: '2027-01-16T10:30:00.000Z', freezeAt: null });
    expect(body.registration).toMatchObject({ opensAt: null, closesAt: null, capacity: null, questions: [] });
  });

  it('should send an empty required time as it is when left empty, so the API names its field', () => {
    expect(toBody({ ...base(), startsAt: '' }).startsAt).toBe('');
  });

  it('should turn the lists and the questions into what the API takes when they are typed as text', () => {
    const choice = { ...newQuestion(), id: 'track', label: ' Track ', type: 'choice' as const, required: true, choices: 'student\n\n open \n', maxLength: 40 };
    const text = { ...newQuestion(), id: 'uni', label: 'University' };
    const body = toBody({ ...base(), divisions: 'student, open,', eligibleCountries: 'id kr,vn', capacity: 30, questions: [choice, text] });
    expect(body.divisions).toEqual(['student', 'open']);
    expect(body.registration).toMatchObject({ eligibleCountries: ['ID', 'KR', 'VN'], capacity: 30 });
    expect(body.registration?.questions).toEqual([
      { id: 'track', label: 'Track', type: 'choice', required: true, choices: ['student', 'open'] },
      { id: 'uni', label: 'University', type: 'text', required: false },
    ]);
  });

  it("should keep an event's exact instants when editing leaves its times alone, in any zone", () => {
    const event = {
      startsAt: '2027-01-15T02:00:42.123Z',
      endsAt: '2027-01-16T10:30:00.000Z',
      freezeAt: null,
      registration: { opensAt: null, closesAt: null },
    } as unknown as Parameters<typeof toBody>[1];
    const shown = { ...base(), timeZone: 'UTC', startsAt: '2027-01-15T02:00', endsAt: '2027-01-16T10:30' };
    expect(toBody(shown, event)).toMatchObject({ startsAt: '2027-01-15T02:00:42.123Z', endsAt: '2027-01-16T10:30:00.000Z' });
    const inSeoul = inZone(shown, 'Asia/Seoul');
    expect([inSeoul.startsAt, inSeoul.endsAt, inSeoul.freezeAt]).toEqual(['2027-01-15T11:00', '2027-01-16T19:30', '']);
    expect(toBody(inSeoul, event)).toMatchObject({ startsAt: '2027-01-15T02:00:42.123Z', endsAt: '2027-01-16T10:30:00.000Z' });
    // A changed time is the new minute.
    expect(toBody({ ...inSeoul, startsAt: '2027-01-15T12:00' }, event).startsAt).toBe('2027-01-15T03:00:00.000Z');
  });
});
