import { createHmac, randomBytes, timingSafeEqual } from 'crypto';

/** What a flag says about itself once its signature checks out. */
export interface FlagFacts {
  teamId: string;
  serviceId: string;
  tick: number;
}

const RANDOM_BYTES = 6;
const MAC_BYTES = 12;
// team (16) + service (16) + tick (4) + random part.
const BODY_BYTES = 16 + 16 + 4 + RANDOM_BYTES;
const TOKEN = /^adt_([0-9a-f]{32})_([A-Za-z0-9_-]{22})$/;

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const uuidOf = (bytes: Buffer) => {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/**
 * Flags `<prefix>{base64url(team, service, tick, random, mac)}`: the HMAC covers the event too, so a flag is verified
 * (and its team, service and tick read) without a lookup, and one of another event or a forged one is invalid.
 * Team tokens for the TCP submission are signed the same way (`adt_<team>_<mac>`).
 */
export class FlagSigner {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('arena-ad-flags').digest();
  }

  sign(eventId: string, prefix: string, facts: FlagFacts, random: Buffer = randomBytes(RANDOM_BYTES)): string {
    const body = Buffer.alloc(BODY_BYTES);
    uuidBytes(facts.teamId).copy(body, 0);
    uuidBytes(facts.serviceId).copy(body, 16);
    body.writeUInt32BE(facts.tick, 32);
    random.copy(body, 36, 0, RANDOM_BYTES);
    return `${prefix}{${Buffer.concat([body, this.mac(eventId, body)]).toString('base64url')}}`;
  }

  /** The flag's facts when it is well-formed, of this event and prefix, and correctly signed; null otherwise. */
  verify(eventId: string, prefix: string, flag: string): FlagFacts | null {
    if (!flag.startsWith(`${prefix}{`) || !flag.endsWith('}')) return null;
    const inner = flag.slice(prefix.length + 1, -1);
    if (!/^[A-Za-z0-9_-]+$/.test(inner)) return null;
    const raw = Buffer.from(inner, 'base64url');
    if (raw.length !== BODY_BYTES + MAC_BYTES) return null;
    const body = raw.subarray(0, BODY_BYTES);
    if (!timingSafeEqual(raw.subarray(BODY_BYTES), this.mac(eventId, body))) return null;
    return { teamId: uuidOf(body.subarray(0, 16)), serviceId: uuidOf(body.subarray(16, 32)), tick: body.readUInt32BE(32) };
  }

  teamToken(teamId: string): string {
    return `adt_${teamId.replace(/-/g, '')}_${this.tokenMac(teamId)}`;
  }

  /** The team a token belongs to, or null when it is not one we signed. */
  teamOfToken(token: string): string | null {
    const match = TOKEN.exec(token.trim());
    if (!match) return null;
    const teamId = uuidOf(Buffer.from(match[1], 'hex'));
    const expected = Buffer.from(this.tokenMac(teamId));
    const given = Buffer.from(match[2]);
    return given.length === expected.length && timingSafeEqual(given, expected) ? teamId : null;
  }

  private mac(eventId: string, body: Buffer): Buffer {
    return createHmac('sha256', this.key).update(uuidBytes(eventId)).update(body).digest().subarray(0, MAC_BYTES);
  }

  private tokenMac(teamId: string): string {
    return createHmac('sha256', this.key).update('team-token').update(uuidBytes(teamId)).digest().subarray(0, 16).toString('base64url');
  }
}
