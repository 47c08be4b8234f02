import { AuthContext, uuidParam } from '@arena/common';
import { CurrentUser, Public } from '@arena/registration';
import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CriteriaService } from './criteria.service';
import { CreateCriterionDto, CriterionDto } from './dto/criterion.dto';

@ApiTags('hackathon')
@ApiBearerAuth()
@Controller('events/:slug/criteria')
export class CriteriaController {
  constructor(private readonly criteria: CriteriaService) {}

  @ApiCreatedResponse({ type: CriterionDto })
  @Post()
  create(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Body() dto: CreateCriterionDto): Promise<CriterionDto> {
    return this.criteria.create(auth, slug, dto);
  }

  @Public()
  @ApiOkResponse({ type: [CriterionDto] })
  @Get()
  list(@Param('slug') slug: string): Promise<CriterionDto[]> {
    return this.criteria.list(slug);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() auth: AuthContext, @Param('slug') slug: string, @Param('id', uuidParam('id')) id: string): Promise<void> {
    return this.criteria.remove(auth, slug, id);
  }
}
