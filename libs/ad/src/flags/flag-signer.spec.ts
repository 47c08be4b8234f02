import { randomUUID } from 'crypto';
import { FlagSigner } from './flag-signer';

describe('FlagSigner', () => {
  const signer = new FlagSigner('x'.repeat(32));
  const eventId = randomUUID();
  const facts = { teamId: randomUUID(), serviceId: randomUUID(), tick: 42 };

  it('should read back team, service and tick when the flag is genuine', () => {
    const flag = signer.sign(eventId, 'ACS', facts);
    expect(flag).toMatch(/^ACS\{[A-Za-z0-9_-]{72}\}$/);
    expect(signer.verify(eventId, 'ACS', flag)).toEqual(facts);
  });

  it('should refuse a flag when one character changed, the event differs or the secret differs', () => {
    const flag = signer.sign(eventId, 'ACS', facts);
    const inner = flag.slice(4, -1);
    const flipped = `ACS{${inner[0] === 'A' ? 'B' : 'A'}${inner.slice(1)}}`;
    expect(signer.verify(eventId, 'ACS', flipped)).toBeNull();
    expect(signer.verify(randomUUID(), 'ACS', flag)).toBeNull();
    expect(new FlagSigner('y'.repeat(32)).verify(eventId, 'ACS', flag)).toBeNull();
    expect(signer.verify(eventId, 'FLAG', flag)).toBeNull();
    expect(signer.verify(eventId, 'ACS', 'ACS{}')).toBeNull();
  });

  it('should tell the team of a token when it was signed here, and null when forged', () => {
    const token = signer.teamToken(facts.teamId);
    expect(signer.teamOfToken(token)).toBe(facts.teamId);
    expect(signer.teamOfToken(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    expect(new FlagSigner('y'.repeat(32)).teamOfToken(token)).toBeNull();
  });
});
