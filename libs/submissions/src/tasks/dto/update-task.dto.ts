import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { CreateTaskDto } from './create-task.dto';
import { TaskDto } from './task.dto';

// Reads the raw multipart field: with implicit conversion, `value` is already Boolean('false') === true.
const toBoolean = ({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
  const value = obj[key];
  return value === 'true' ? true : value === 'false' ? false : value;
};

/**
 * The text fields of `PATCH /events/:slug/tasks/:id` (multipart, beside any replaced files): absent fields keep their
 * value; an empty `maxDailySubmissions`, `maxSubmissions`, `opensAt` or `closesAt` clears it.
 */
export class UpdateTaskDto extends PartialType(CreateTaskDto) {
  @ApiPropertyOptional({
    default: false,
    description: 'with a change to how submissions are scored: every scored or failed submission is queued again and scored under the new rules',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  rescoreAll?: boolean;
}

/** The task after an edit, and how many submissions went back to the queue. */
export class EditedTaskDto extends TaskDto {
  @ApiProperty({ description: 'submissions queued again to be scored under the new rules (rescoreAll)' })
  requeued: number;
}
