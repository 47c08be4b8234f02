import { AppConfig } from '@arena/config';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyInstance } from 'fastify';

/** Media types a `challenge.yml` may be sent as. */
export const YAML_CONTENT_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];

export function isYamlContentType(header: string | undefined): boolean {
  const essence = (header ?? '').split(';')[0].trim().toLowerCase();
  return YAML_CONTENT_TYPES.includes(essence);
}

/**
 * Lets fastify accept YAML bodies as plain strings (the import parses them), under the same body limit as JSON.
 * Registered when the module starts, on the api's fastify instance; a no-op without one (worker, scripts).
 */
@Injectable()
export class YamlBodyParser implements OnModuleInit {
  private readonly logger = new Logger(YamlBodyParser.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter || adapter.getType() !== 'fastify') return;
    const instance = adapter.getInstance<FastifyInstance>();
    const missing = YAML_CONTENT_TYPES.filter((type) => !instance.hasContentTypeParser(type));
    if (missing.length === 0) return;
    instance.addContentTypeParser(missing, { parseAs: 'string', bodyLimit: this.config.BODY_LIMIT_BYTES }, (_request, body, done) => done(null, body));
    this.logger.debug(`accepting ${missing.join(', ')} bodies`);
  }
}
