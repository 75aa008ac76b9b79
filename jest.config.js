/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': 'ts-jest',
    // office-addin-mock 4 → office-addin-manifest → strip-bom / uuid ship ESM only; jest on Node 20
    // cannot require them, so those two packages (and only they) are compiled to CommonJS.
    '/node_modules/(.*/node_modules/)?(strip-bom|uuid)/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(.*/node_modules/)?(strip-bom|uuid)/)'],
  globalSetup: '<rootDir>/tests/global-setup.js',
  testTimeout: 120000,
};
