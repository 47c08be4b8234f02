/** What a session needs from the platform: who a token is, and the verdicts for a team's flags. */
export interface FlagLineBackend {
  /** The team of a token, or a reason to refuse it. */
  login(token: string): Promise<{ teamId: string; teamName: string } | { refused: string }>;
  /** One answer line per flag (`<flag> <STATUS> [message]`). */
  submit(teamId: string, flags: string[]): Promise<string[]>;
}

export const MAX_LINE_BYTES = 512;
// Lines already received are answered in batches of at most this many (one database round trip each).
const BATCH = 100;

/**
 * The line protocol of one TCP connection: the team token first, then one flag per line. It reads at most what it
 * can answer: while a batch is being judged, or while the client does not read its answers, the socket is paused,
 * so a slow or hostile client holds one connection's worth of memory and nothing more.
 */
export class FlagLineSession {
  private buffer = '';
  private team: { teamId: string; teamName: string } | null = null;
  private pending: string[] = [];
  private busy = false;
  private closed = false;
  private inputEnded = false;

  constructor(
    private readonly backend: FlagLineBackend,
    private readonly io: { write(text: string): boolean; pause(): void; resume(): void; end(text?: string): void },
  ) {}

  greet(): void {
    this.io.write('Arena attack-defence flag submission: send your team token, then one flag per line.\n');
  }

  receive(chunk: string): void {
    if (this.closed) return;
    this.buffer += chunk;
    let newline: number;
    while ((newline = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, newline).replace(/\r$/, '').trim();
      this.buffer = this.buffer.slice(newline + 1);
      if (line) this.pending.push(line);
    }
    if (Buffer.byteLength(this.buffer) > MAX_LINE_BYTES) return this.close('line too long\n');
    void this.drain();
  }

  /**
   * The client sent all it will (a half-close: `nc -N`, `printf … | nc -q 5`, a script's shutdown(SHUT_WR)): a last
   * line without its newline counts, every line is answered, then the connection ends.
   */
  inputEnd(): void {
    if (this.closed) return;
    this.inputEnded = true;
    const last = this.buffer.replace(/\r$/, '').trim();
    this.buffer = '';
    if (last) this.pending.push(last);
    if (this.busy) return;
    if (this.pending.length > 0) void this.drain();
    else this.close('');
  }

  /** The client stopped reading: stop reading it until its answers are taken. */
  writeBlocked(): void {
    this.io.pause();
  }

  private async drain(): Promise<void> {
    if (this.busy || this.closed) return;
    this.busy = true;
    this.io.pause();
    try {
      while (this.pending.length > 0 && !this.closed) {
        if (!this.team) {
          const login = await this.backend.login(this.pending.shift() as string);
          if ('refused' in login) return this.close(`${login.refused}\n`);
          this.team = login;
          this.io.write(`Team ${login.teamName}: send flags, one per line.\n`);
          continue;
        }
        const batch = this.pending.splice(0, BATCH);
        const answers = await this.backend.submit(this.team.teamId, batch);
        if (!this.io.write(answers.map((answer) => `${answer}\n`).join(''))) return;
      }
    } catch {
      return this.close('server error\n');
    } finally {
      this.busy = false;
    }
    if (this.closed) return;
    if (this.inputEnded) {
      if (this.pending.length === 0) this.close('');
      return;
    }
    this.io.resume();
  }

  /** The client read its answers: carry on. */
  writable(): void {
    if (this.closed) return;
    if (this.pending.length > 0) void this.drain();
    else if (this.inputEnded) this.close('');
    else this.io.resume();
  }

  private close(text: string): void {
    this.closed = true;
    this.io.end(text);
  }
}
