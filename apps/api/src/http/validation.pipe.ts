import { ValidationPipe } from '@nestjs/common';

/** Whitelisted, transformed DTOs; unknown fields are a 400 naming them. */
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  stopAtFirstError: false,
});
