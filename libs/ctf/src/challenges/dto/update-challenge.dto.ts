import { PartialType } from '@nestjs/swagger';
import { CreateChallengeDto } from './create-challenge.dto';

// Fields given replace the stored ones; `flags` and `hints`, when given, replace the whole set.
export class UpdateChallengeDto extends PartialType(CreateChallengeDto) {}
