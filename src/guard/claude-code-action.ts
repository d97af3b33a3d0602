// What this job shows of anthropics/claude-code-action, for `mode: diagnose`: the execution file it wrote,
// wherever its version writes it, and whether the job uses the action at all.
import { readdirSync, statSync } from 'node:fs'
import { join, sep } from 'node:path'

const EXECUTION_FILE = 'claude-execution-output.json'

const entries = (dir: string): string[] => {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}

function modifiedMs(path: string): number | undefined {
  try {
    const stat = statSync(path)
    return stat.isFile() ? stat.mtimeMs : undefined
  } catch {
    return undefined
  }
}

/**
 * claude-code-action's execution file in this job: `$RUNNER_TEMP/claude-execution-output.json`, or in a
 * `claude-execution-<uuid>/` folder there as newer versions write it; the newest when there are several.
 * RUNNER_TEMP is emptied at the start of every job, so what is there was written in this one.
 */
export function findExecutionFile(env: NodeJS.ProcessEnv): string | undefined {
  const temp = env.RUNNER_TEMP
  if (!temp) return undefined
  const candidates = [
    join(temp, EXECUTION_FILE),
    ...entries(temp)
      .filter((name) => name.startsWith('claude-execution-'))
      .map((name) => join(temp, name, EXECUTION_FILE)),
  ]
  let newest: { path: string; ms: number } | undefined
  for (const path of candidates) {
    const ms = modifiedMs(path)
    if (ms !== undefined && (newest === undefined || ms > newest.ms)) newest = { path, ms }
  }
  return newest?.path
}

/**
 * Whether this job uses claude-code-action (or its base action, or a fork of either): the runner
 * downloads every action of a job into `…/_actions/<owner>/<name>` before the first step runs.
 */
export function jobUsesClaudeCodeAction(env: NodeJS.ProcessEnv): boolean {
  const own = env.GITHUB_ACTION_PATH
  const marker = `${sep}_actions${sep}`
  const at = own?.indexOf(marker) ?? -1
  if (!own || at < 0) return false
  const root = own.slice(0, at + marker.length)
  return entries(root).some((owner) => entries(join(root, owner)).some((name) => /^claude-code(?:-base)?-action$/.test(name)))
}
