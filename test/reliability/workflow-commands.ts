// How the runner reads a step's log for workflow commands: line by line (a `\r` ends a line too), a
// `::` command after any leading spaces and a legacy `##[` command anywhere in a line, and between
// `::stop-commands::<token>` and `::<token>::` nothing but that closing line is a command.

/** The workflow commands the runner would act on, in order. */
export function processedCommands(log: string): string[] {
  const commands: string[] = []
  let stopToken: string | undefined
  for (const line of log.split(/\r\n|\r|\n/)) {
    const trimmed = line.trimStart()
    if (stopToken !== undefined) {
      if (trimmed === `::${stopToken}::`) stopToken = undefined
      continue
    }
    const legacy = line.indexOf('##[')
    const command = trimmed.startsWith('::') ? trimmed : legacy === -1 ? undefined : line.slice(legacy)
    if (command === undefined) continue
    const stop = /^::stop-commands::(.+)$/.exec(command)
    if (stop) stopToken = stop[1]
    commands.push(command)
  }
  return commands
}
