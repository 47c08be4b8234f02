import { AuthContext, Page } from '@arena/common';
import { LivePublisher } from '@arena/jobs';
import { EventsService } from '@arena/registration';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AnnouncementDto, CreateAnnouncementDto } from './dto/announcement.dto';
import { AnnouncementEntity } from './entities/announcement.entity';

const toDto = (row: AnnouncementEntity): AnnouncementDto => ({ id: row.id, title: row.title, body: row.body, createdAt: row.createdAt.toISOString() });

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

  async list(slug: string, limit: number, offset: number): Promise<Page<AnnouncementDto>> {
    const event = await this.events.getBySlug(slug);
    const [items, total] = await this.announcements.findAndCount({ where: { eventId: event.id }, order: { createdAt: 'DESC', id: 'ASC' }, take: limit, skip: offset });
    return { items: items.map(toDto), total };
  }
}
