import { ApiProperty } from '@nestjs/swagger';
import { UserDto } from '../../users/dto/user.dto';

export class TokenPairDto {
  @ApiProperty({ description: 'JWT, 15 minutes; send as Authorization: Bearer' })
  accessToken: string;

  @ApiProperty({ description: 'Works once; exchange at POST /auth/refresh' })
  refreshToken: string;
}

export class AuthResponseDto extends TokenPairDto {
  @ApiProperty({ type: UserDto })
  user: UserDto;
}
