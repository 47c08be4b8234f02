import { CtfSettings, DEFAULT_CTF_SETTINGS, EventEntity } from '@arena/registration';

/** The event's CTF settings with the defaults filled in. */
export function ctfSettings(event: EventEntity): CtfSettings {
  return { ...DEFAULT_CTF_SETTINGS, ...event.ctf };
}
