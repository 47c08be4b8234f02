import { AuthContext, Page } from '@arena/common';
import { LivePublisher } from '@arena/jobs';
import { EventsService } from '@arena/registration';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CtfError, CtfErrorCode } from '../ctf.errors';
import { AnnouncementDto, CreateAnnouncementDto, UpdateAnnouncementDto } from './dto/announcement.dto';
import { AnnouncementEntity } from './entities/announcement.entity';

const toDto = (row: AnnouncementEntity): AnnouncementDto => ({ id: row.id, title: row.title, body: row.body, createdAt: row.createdAt.toISOString() });

const notFound = (id: string) => new CtfError(CtfErrorCode.AnnouncementNotFound, `announcement ${id} not found`);

/** Organisers' announcements to an event's participants (public, newest first). */
@Injectable()
export class AnnouncementsService {
  private readonly logger = new Logger(AnnouncementsService.name);

  constructor(
    @InjectRepository(AnnouncementEntity) private readonly announcements: Repository<AnnouncementEntity>,
    private readonly events: EventsService,
    private readonly live: LivePublisher,
  ) {}

  async create(auth: AuthContext, slug: string, dto: CreateAnnouncementDto): Promise<AnnouncementDto> {
    const event = await this.events.getForOrganiser(auth, slug);
    const saved = await this.announcements.save(this.announcements.create({ eventId: event.id, title: dto.title, body: dto.body, createdBy: auth.userId }));
    this.logger.log(`announcement ${saved.id} posted to event ${event.id}`);
    await this.live.publish(event.id, { kind: 'announcement', payload: toDto(saved) });
    return toDto(saved);
  }

  /** An organiser of the announcement's own event edits it; the streams push the new text to open pages. */
  async update(auth: AuthContext, slug: string, id: string, dto: UpdateAnnouncementDto): Promise<AnnouncementDto> {
    const event = await this.events.getForOrganiser(auth, slug);
    const changes = { ...(dto.title === undefined ? {} : { title: dto.title }), ...(dto.body === undefined ? {} : { body: dto.body }) };
    // Scoped to the event: an id of another event's announcement is not found here. An empty edit changes nothing.
    if (Object.keys(changes).length > 0) await this.announcements.update({ id, eventId: event.id }, changes);
    const row = await this.announcements.findOneBy({ id, eventId: event.id });
    if (!row) throw notFound(id);
    const edited = toDto(row);
    this.logger.log(`announcement ${id} of event ${event.id} edited by user ${auth.userId}`);
    await this.live.publish(event.id, { kind: 'announcement-updated', payload: edited });
    return edited;
  }

  async remove(auth: AuthContext, slug: string, id: string): Promise<void> {
    const event = await this.events.getForOrganiser(auth, slug);
    const result = await this.announcements.delete({ id, eventId: event.id });
    if (!result.affected) throw notFound(id);
    this.logger.log(`announcement ${id} of event ${event.id} deleted by user ${auth.userId}`);
    await this.live.publish(event.id, { kind: 'announcement-deleted', payload: { id } });
  }

  async list(slug: string, limit: number, offset: number): Promise<Page<AnnouncementDto>> {
    const event = await this.events.getBySlug(slug);
    const [items, total] = await this.announcements.findAndCount({ where: { eventId: event.id }, order: { createdAt: 'DESC', id: 'ASC' }, take: limit, skip: offset });
    return { items: items.map(toDto), total };
  }
}
