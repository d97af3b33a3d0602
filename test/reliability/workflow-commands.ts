// How the runner reads a step's log for workflow commands: line by line (a `\r` ends a line too), and
// between `::stop-commands::<token>` and `::<token>::` nothing but that closing line is a command.

/** The workflow commands the runner would act on, in order. */
export function processedCommands(log: string): string[] {
  const commands: string[] = []
  let stopToken: string | undefined
  for (const line of log.split(/\r\n|\r|\n/)) {
    if (stopToken !== undefined) {
      if (line === `::${stopToken}::`) stopToken = undefined
      continue
    }
    if (!line.startsWith('::')) continue
    const stop = /^::stop-commands::(.+)$/.exec(line)
    if (stop) stopToken = stop[1]
    commands.push(line)
  }
  return commands
}
