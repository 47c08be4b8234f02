export * from './arena.error';
export * from './auth-context';
export * from './dto/pagination.dto';
export * from './page';
export * from './postgres-errors';
export * from './uuid-param.pipe';
export * from './iso-time';
export * from './ttl-cache';
