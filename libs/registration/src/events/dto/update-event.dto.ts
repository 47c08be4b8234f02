import { PartialType } from '@nestjs/swagger';
import { CreateEventDto } from './create-event.dto';

// Every field optional; the merged event is checked as a whole.
export class UpdateEventDto extends PartialType(CreateEventDto) {}
