import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'elements',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Builds dist/infoview-elements.js once, so `pnpm test` needs no separate build step.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One Chromium at a time: the machine (and CI) has few cores.
    fileParallelism: false,
  },
});
