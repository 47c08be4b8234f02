export * from './ctf-value';
