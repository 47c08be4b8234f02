import { PartialType } from '@nestjs/swagger';
import { CreateProjectDto } from './create-project.dto';

/** PUT /projects/:id: the fields sent replace the stored ones; `videoUrl: null` and `track: null` clear them. */
export class UpdateProjectDto extends PartialType(CreateProjectDto, { skipNullProperties: false }) {}
