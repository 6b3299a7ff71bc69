// Three suites: unit (pure code), integration (real PostGIS, one database per test file) and
// browser (real Chromium through playwright-core against a served app). The global setup
// starts the private cluster (or uses DATABASE_URL) and builds a migrated template database.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Two cores: one worker per core keeps PostGIS-heavy files from starving each other.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.ts'] } },
      { extends: true, test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], maxWorkers: 1, testTimeout: 120_000 } },
    ],
  },
});
