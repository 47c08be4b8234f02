// Two projects: unit specs beside the code, and e2e suites in test/ against real PostgreSQL and Redis.
const moduleNameMapper = {
  '^@arena/(.*)$': '<rootDir>/libs/$1/src',
};
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  // content-disposition 3 (via @fastify/static) ships ES modules only; Node loads it natively, jest needs it compiled.
  'node_modules/content-disposition/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs' } }],
};
const transformIgnorePatterns = ['/node_modules/(?!content-disposition/)'];

module.exports = {
  testTimeout: 30000,
  // The e2e suites wait on PostgreSQL, Redis and the sandbox more than on the CPU: two at a time even on 2 cores.
  maxWorkers: 2,
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
      moduleNameMapper,
      transform,
      transformIgnorePatterns,
      setupFiles: ['reflect-metadata'],
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      moduleNameMapper,
      transform,
      transformIgnorePatterns,
      globalSetup: '<rootDir>/test/global-setup.mjs',
      setupFiles: ['reflect-metadata', '<rootDir>/test/setup-env.ts'],
      globalTeardown: '<rootDir>/test/global-teardown.mjs',
    },
  ],
};
