import { AuthContext } from '@arena/common';
import { Body, Controller, Get, HttpCode, Ip, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserDto } from '../users/dto/user.dto';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';
import { CurrentUser } from './decorators/current-user.decorator';
import { Public } from './decorators/public.decorator';
import { AuthResponseDto } from './dto/auth-response.dto';
import { LoginDto } from './dto/login.dto';
import { RefreshDto } from './dto/refresh.dto';
import { RegisterDto } from './dto/register.dto';
import { AuthThrottlerGuard } from './guards/auth-throttler.guard';

// Per-IP limits apply to the unauthenticated /auth/* routes only (one budget for the three): authenticated calls,
// /auth/me included, are limited per account or team.
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @ApiCreatedResponse({ type: AuthResponseDto })
  @UseGuards(AuthThrottlerGuard)
  @Post('register')
  register(@Body() dto: RegisterDto): Promise<AuthResponseDto> {
    return this.auth.register(dto);
  }

  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: AuthResponseDto })
  @UseGuards(AuthThrottlerGuard)
  @Post('login')
  login(@Body() dto: LoginDto, @Ip() address: string): Promise<AuthResponseDto> {
    return this.auth.login(dto, address);
  }

  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: AuthResponseDto })
  @UseGuards(AuthThrottlerGuard)
  @Post('refresh')
  refresh(@Body() dto: RefreshDto): Promise<AuthResponseDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @ApiBearerAuth()
  @ApiOkResponse({ type: UserDto })
  @Get('me')
  me(@CurrentUser() auth: AuthContext): Promise<UserDto> {
    return this.users.me(auth);
  }
}
