/** Jest: TypeScript through SWC (type checking is `tsc --noEmit`'s job, run separately). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // The local pages are TSX rendered by Preact (src/local/pages): automatic JSX runtime from preact.
    '^.+\\.tsx$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic', importSource: 'preact' } },
        },
      },
    ],
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  setupFilesAfterEnv: ['<rootDir>/test/support/restore-nock.ts'],
  // cookie@2 (required by fastify's light-my-request and by @fastify/cookie) ships ESM only; Jest on Node 20
  // cannot require ESM, so SWC compiles that one package to CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!cookie/)'],
};
