import { ArenaError, ErrorKind } from '@arena/common';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';

function messages(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => (parent ? `${parent}.${message}` : message));
    return [...own, ...messages(error.children ?? [], path)];
  });
}

/**
 * Multipart text fields through the same validation as JSON bodies: unknown fields and bad values
 * are a 400 naming them. JSON-valued fields (`limits`) are parsed first.
 */
export async function validateFields<T extends object>(type: ClassConstructor<T>, fields: Record<string, string>, jsonFields: string[] = []): Promise<T> {
  const plain: Record<string, unknown> = { ...fields };
  for (const name of jsonFields) {
    if (fields[name] === undefined) continue;
    try {
      plain[name] = JSON.parse(fields[name]);
    } catch {
      throw new ArenaError(ErrorKind.Invalid, 'invalid-field', `${name} must be a JSON object`);
    }
  }
  const instance = plainToInstance(type, plain, { enableImplicitConversion: true });
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new ArenaError(ErrorKind.Invalid, 'invalid-field', messages(errors).join('; '));
  return instance;
}
