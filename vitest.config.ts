import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Prints the reliability suite's table of guarantees at the end of the run.
    globalSetup: ['test/reliability/reliability-table.ts'],
    // End-to-end tests start the real Claude Code CLI; two cores run two files at a time comfortably.
    testTimeout: 60_000,
    hookTimeout: 30_000,
    maxWorkers: 2,
  },
})
