import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { QUESTION_MAX_LENGTH, QuestionType } from '../entities/event.entity';

/** One question of the registration form; its answer is stored under `answers[id]`. */
export class RegistrationQuestionDto {
  @ApiProperty({ example: 'university', description: 'Key of the answer: 1-32 lower-case letters, digits, _ or -' })
  @Matches(/^[a-z0-9][a-z0-9_-]{0,31}$/, { message: 'id must be 1-32 lower-case letters, digits, _ or -' })
  id: string;

  @ApiProperty({ example: 'University or school' })
  @IsString()
  @Length(1, 200)
  label: string;

  @ApiProperty({ enum: QuestionType })
  @IsIn(Object.values(QuestionType))
  type: QuestionType;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ type: [String], description: '`choice` questions: the allowed answers' })
  @ValidateIf((question: RegistrationQuestionDto) => question.choices !== undefined)
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  choices?: string[];

  @ApiPropertyOptional({ default: 500, maximum: QUESTION_MAX_LENGTH, description: '`text` questions: longest answer in characters' })
  @ValidateIf((question: RegistrationQuestionDto) => question.maxLength !== undefined)
  @IsInt()
  @Min(1)
  @Max(QUESTION_MAX_LENGTH)
  maxLength?: number;
}
