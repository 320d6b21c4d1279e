/**
 * Three tiers: unit specs beside the code (collaborators faked); medium specs in test/medium (a library's
 * repositories and services against a fresh copy of the test database); end-to-end suites in test/ that boot the
 * apps and talk HTTP, SMTP and Redis for real.
 */
const tsJest = [
  'ts-jest',
  {
    tsconfig: 'tsconfig.json',
    astTransformers: {
      before: ['<rootDir>/test/support/swagger-plugin.js'],
    },
  },
];
const moduleNameMapper = {
  // d3's packages ship as ES modules, which jest's module system does not load; their UMD builds it does.
  '^d3-(geo|array)$': '<rootDir>/node_modules/d3-$1/dist/d3-$1.js',
  '^@app/migrations$': '<rootDir>/migrations',
  '^@app/(platform|accounts|states|setup|advocacy|follow-ups|mail|audit|digest|dashboards|people|insight|i18n)(/.*)?$':
    '<rootDir>/libs/$1/src$2',
};
// content-disposition (under @fastify/static, which serves the API docs UI) ships only as an ES module,
// which Node loads with require() but jest's module system does not: compile it to CommonJS for tests.
// Likewise @fastify/cookie, which loads its ES-module-only `cookie` with import(), which jest cannot run.
const esmOnly = {
  transform: {
    '^.+\\.ts$': tsJest,
    '^.+/node_modules/(content-disposition|@fastify/cookie)/.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs' }, isolatedModules: true },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/|@fastify/cookie/|cookie/)'],
};
module.exports = {
  testTimeout: 30_000,
  // Two suites at a time, even on a two-core machine: each has its own database copy, queue prefix and ports, and an
  // end-to-end suite spends most of its time waiting on the processes, timers and browser it drives. (Jest's default
  // of one worker per core but one took the whole run to 25 minutes; two take 13.)
  maxWorkers: 2,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      ...esmOnly,
      moduleNameMapper,
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
    },
    {
      displayName: 'medium',
      testEnvironment: 'node',
      ...esmOnly,
      moduleNameMapper,
      testMatch: ['<rootDir>/test/medium/**/*.medium-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      ...esmOnly,
      moduleNameMapper,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
