import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One TMPDIR for the run, removed at its end (first, so its teardown runs last); rebuilds dist/ when
    // src/ changed (the end-to-end tests run the bundle), and prints the reliability suite's table of
    // guarantees at the end of the run.
    globalSetup: ['test/support/temp-root.ts', 'test/support/fresh-bundle.ts', 'test/reliability/reliability-table.ts'],
    // Each test file's temporary folders go when its tests are done.
    setupFiles: ['test/support/remove-temp-dirs.ts'],
    // `--coverage` reports on the code the tests load in-process (the end-to-end tests run dist/ in a
    // child process, so they count for nothing here).
    coverage: { provider: 'v8', include: ['src/**/*.ts'], reporter: ['text-summary', 'text'] },
    // End-to-end tests start the real Claude Code CLI; two cores run two files at a time comfortably.
    testTimeout: 60_000,
    hookTimeout: 30_000,
    maxWorkers: 2,
  },
})
