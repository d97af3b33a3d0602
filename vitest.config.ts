import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Rebuilds dist/ when src/ changed (the end-to-end tests run the bundle), and prints the reliability
    // suite's table of guarantees at the end of the run.
    globalSetup: ['test/support/fresh-bundle.ts', 'test/reliability/reliability-table.ts'],
    // `--coverage` reports on the code the tests load in-process (the end-to-end tests run dist/ in a
    // child process, so they count for nothing here).
    coverage: { provider: 'v8', include: ['src/**/*.ts'], reporter: ['text-summary', 'text'] },
    // End-to-end tests start the real Claude Code CLI; two cores run two files at a time comfortably.
    testTimeout: 60_000,
    hookTimeout: 30_000,
    maxWorkers: 2,
  },
})
