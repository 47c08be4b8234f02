export * from './database-options';
export * from './database.module';
export * from './snake-naming.strategy';
export * from './prepared';
