import { AuthContext } from '@arena/common';
import { Injectable } from '@nestjs/common';
import { CtfAccessService } from '../ctf-access.service';
import { assertFlags } from './challenge-rules';
import { FlagTestDto, FlagTestResultDto } from './dto/flag-test.dto';
import { matchesFlag } from './flag-matcher';

/**
 * The editor's "test a submission" box: the attempt path's own trim and matcher (RE2 for regex flags), so what it
 * says is what an attempt would get; the browser's regex engine differs from RE2 and cannot answer this itself.
 */
@Injectable()
export class FlagTestService {
  constructor(private readonly access: CtfAccessService) {}

  async test(auth: AuthContext, slug: string, dto: FlagTestDto): Promise<FlagTestResultDto> {
    await this.access.organiserView(auth, slug);
    // A flag the API would refuse on save is refused here too, naming it.
    assertFlags(dto.flags);
    const submission = dto.submission.trim();
    const matching = dto.flags.flatMap((flag, index) =>
      matchesFlag({ kind: flag.type, content: flag.content, caseInsensitive: flag.caseInsensitive ?? false }, submission) ? [index] : [],
    );
    return { submission, correct: matching.length > 0, matching };
  }
}
