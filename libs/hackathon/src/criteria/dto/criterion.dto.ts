import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNumber, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { CriterionEntity } from '../entities/criterion.entity';

const finite = { allowNaN: false, allowInfinity: false };

export class CreateCriterionDto {
  @ApiProperty({ example: 'Impact' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiPropertyOptional({ description: 'what judges should look for' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiProperty({ example: 2, description: 'greater than 0' })
  @IsNumber(finite)
  @Min(0.000001)
  @Max(1_000_000)
  weight: number;

  @ApiProperty({ example: 1 })
  @IsNumber(finite)
  @Min(-1_000_000)
  @Max(1_000_000)
  min: number;

  @ApiProperty({ example: 5, description: 'greater than min' })
  @IsNumber(finite)
  @Min(-1_000_000)
  @Max(1_000_000)
  max: number;
}

export class CriterionDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  name: string;
  @ApiProperty()
  description: string;
  @ApiProperty()
  weight: number;
  @ApiProperty()
  min: number;
  @ApiProperty()
  max: number;

  static from(criterion: CriterionEntity): CriterionDto {
    const { id, name, description, weight, min, max } = criterion;
    return { id, name, description, weight, min, max };
  }
}
