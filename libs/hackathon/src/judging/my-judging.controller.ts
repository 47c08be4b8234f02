import { AuthContext } from '@arena/common';
import { CurrentUser } from '@arena/registration';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MyJudgingEventDto } from './dto/my-judging.dto';
import { MyJudgingService } from './my-judging.service';

@ApiTags('hackathon')
@ApiBearerAuth()
@Controller('judging')
export class MyJudgingController {
  constructor(private readonly judging: MyJudgingService) {}

  /** The hackathons the caller judges, with their progress (empty for everyone else): the judges' panel starts here. */
  @Get('me')
  @ApiOkResponse({ type: [MyJudgingEventDto] })
  mine(@CurrentUser() auth: AuthContext): Promise<MyJudgingEventDto[]> {
    return this.judging.events(auth);
  }
}
