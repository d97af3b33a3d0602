// The command line's grammar, on commander: commands, options, help and usage errors. The work is in
// ./commands.ts; this file only maps arguments onto it.
import { Command, Option } from 'commander'
import { PINNED_CLAUDE_VERSION } from '../settings/settings.js'
import { classifyCommand, diagnoseCommand, RUN_OPTIONS, runCommand, type Io } from './commands.js'
import { demoCommand } from './demo.js'

/** Runs a command's handler and turns its exit code into the process's. */
const exitWith =
  <A extends unknown[]>(handler: (...args: A) => Promise<number>) =>
  async (...args: A): Promise<void> => {
    process.exitCode = await handler(...args)
  }

export function buildProgram(io: Io): Command {
  const program = new Command('claude-code-guard')
    .description('Run Claude Code with retries that only retry what a retry can fix, and diagnose its failures with evidence.')
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .addHelpText('after', '\nExit codes: 0 success or healthy, 1 a failure (its cause id is printed), 2 a usage error.')

  const run = program
    .command('run')
    .summary('run Claude Code with diagnosis and retries, as the action does')
    .description(
      'Runs `claude -p` with stream-json output, watches it, diagnoses each failure and retries the causes a retry can fix. ' +
        'The transcript goes to stderr; the summary (or the JSON report) to stdout.',
    )
    .usage('[options] -- -p "<prompt>" [claude arguments…]')
    .argument('<claude-args...>', 'Claude Code arguments after `--`, with the prompt as -p "<prompt>"')
    .option('--json', 'print the JSON report instead of the summary')
  const runOptions = Object.entries(RUN_OPTIONS).map(([input, help]) => ({
    input,
    option: new Option(`--${input} <value>`, help),
  }))
  for (const { option } of runOptions) run.addOption(option)
  run.action(
    exitWith((claudeArgs: string[], options: Record<string, string | boolean | undefined>) => {
      // commander names options in camelCase; the settings parser knows them by their input names.
      const inputs = Object.fromEntries(
        runOptions.map(({ input, option }) => [input, options[option.attributeName()] as string | undefined]),
      )
      return runCommand(claudeArgs, { inputs, json: options.json === true }, io)
    }),
  )

  program
    .command('classify')
    .summary('diagnose a saved log of a failed run')
    .description('Reads a saved Claude Code log (stream-json or text) and prints the cause, the evidence and the fix.')
    .argument('[file]', 'the log file; `-` or nothing reads standard input')
    .option('--json', 'print the report format (as the action writes to report-file)')
    .option('--exit-code <code>', "the run's exit code, if known (default: what the log shows; 1 for a text log)")
    .action(
      exitWith((file: string | undefined, options: { json?: boolean; exitCode?: string }) => classifyCommand(file, options, io)),
    )

  program
    .command('diagnose')
    .summary('check the credential, the environment and Claude Code')
    .description(
      'Shows which credential Claude Code will use (as a fingerprint, never the key), the API address and proxy, ' +
        'the Claude Code version, and asks the API whether it accepts the credential (models.list, free). ' +
        '--verify-credit also sends one message of one output token, which costs a fraction of a cent.',
    )
    .option('--claude-path <path>', 'the Claude Code executable', 'claude')
    .option('--verify-credit', 'check that the credential can spend, with one billed 1-token message')
    .option('--probe-model <model>', 'the model for --verify-credit', 'claude-haiku-4-5')
    .option('--json', 'print the checks as JSON')
    .addHelpText('after', `\nThe action is tested with Claude Code ${PINNED_CLAUDE_VERSION}.`)
    .action(
      exitWith((options: { claudePath: string; verifyCredit?: boolean; probeModel: string; json?: boolean }) =>
        diagnoseCommand(options, io),
      ),
    )

  program
    .command('demo')
    .summary('show what the action does, on the real Claude Code against a mock API (no key, no network)')
    .description(
      'Starts a mock Anthropic API on 127.0.0.1 in this process and runs the real Claude Code through the same guard as ' +
        'the action, one scenario after another: a success, a credit error, a credit false alarm, an overload, an invalid key. ' +
        'The real API is never called and no key is needed. Exit 0 when every scenario behaved as described.',
    )
    .argument('[scenario...]', 'the scenarios to run (default: all; --list names them)')
    .option('--list', 'name the scenarios and exit')
    .option('--summary-dir <dir>', 'also write each job summary there as Markdown')
    .action(
      exitWith((scenarios: string[], options: { list?: boolean; summaryDir?: string }) => demoCommand(scenarios, options, io)),
    )
  return program
}
