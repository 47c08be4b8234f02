import { AppConfig } from '@arena/config';
import { EventsService } from '@arena/registration';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AddressInfo, createServer, Server, Socket } from 'net';
import { AdError } from '../ad.errors';
import { AdFlagsService } from '../flags/ad-flags.service';
import { AdVulnboxesRepository } from '../vulnboxes/ad-vulnboxes.repository';
import { FlagLineBackend, FlagLineSession } from './flag-line-session';

// A connection that sends nothing for this long is closed (exploit scripts reconnect).
const IDLE_MS = 60_000;
const MAX_CONNECTIONS = 2000;

/** The TCP flag submission (AD_TCP_PORT): the same verdicts as `POST /events/:slug/ad/flags`. */
@Injectable()
export class AdTcpServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AdTcpServer.name);
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly config: AppConfig,
    private readonly flags: AdFlagsService,
    private readonly teams: AdVulnboxesRepository,
    private readonly events: EventsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.AD_TCP_PORT === 0) return;
    // Half-open: a client that ends its side after its last flag still gets every answer (otherwise the socket would
    // close at the client's FIN, before the answers to the lines still being judged were written).
    const server = createServer({ allowHalfOpen: true }, (socket) => this.accept(socket));
    server.maxConnections = MAX_CONNECTIONS;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.AD_TCP_PORT, this.config.HOST, () => resolve());
    });
    this.server = server;
    this.logger.log(`flag submission over TCP on port ${(server.address() as AddressInfo).port}`);
  }

  /** The bound port (tests ask for AD_TCP_PORT of a free port); null when off. */
  get port(): number | null {
    return this.server ? (this.server.address() as AddressInfo).port : null;
  }

  async onApplicationShutdown(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.setEncoding('utf8');
    socket.setTimeout(IDLE_MS, () => socket.end('idle\n'));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
    const session = new FlagLineSession(this.backend, {
      write: (text) => socket.writable && socket.write(text),
      pause: () => socket.pause(),
      resume: () => socket.resume(),
      end: (text) => socket.end(text ?? ''),
    });
    socket.on('data', (chunk: string) => session.receive(chunk));
    socket.on('end', () => session.inputEnd());
    socket.on('drain', () => session.writable());
    session.greet();
  }

  private readonly backend: FlagLineBackend = {
    login: async (token) => {
      const teamId = this.flags.signer.teamOfToken(token);
      const team = teamId ? await this.teams.team(teamId) : null;
      if (!team) return { refused: 'invalid token' };
      if (team.banned) return { refused: 'your team is disqualified' };
      return { teamId: team.id, teamName: team.name };
    },
    submit: async (teamId, flags) => {
      const team = await this.teams.team(teamId);
      if (!team || team.banned) return flags.map((flag) => `${flag} ERR your team may not submit`);
      const event = await this.events.getById(team.eventId);
      try {
        const results = await this.flags.submitAs(event, teamId, flags);
        return results.map((result) => `${result.flag} ${result.status}`);
      } catch (error) {
        if (error instanceof AdError) return flags.map((flag) => `${flag} ERR ${error.message}`);
        throw error;
      }
    },
  };
}
