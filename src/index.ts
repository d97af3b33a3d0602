// The action's entry point.
import * as core from '@actions/core'
import { run } from './main.js'

try {
  await run()
} catch (error) {
  // Never a stack trace in the log: one clear message fails the step.
  core.setFailed(`claude-code-guard failed: ${error instanceof Error ? error.message : String(error)}`)
}
