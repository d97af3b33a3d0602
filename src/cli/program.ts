// The command line's grammar, on commander: commands, options, help and usage errors. The work is in
// ./commands.ts; this file only maps arguments onto it.
import { Command, Option } from 'commander'
import { PINNED_CLAUDE_VERSION } from '../settings/settings.js'
import manifest from '../../package.json' with { type: 'json' }
import { classifyCommand, diagnoseCommand, RUN_OPTIONS, runCommand, type Io, type RunOption } from './commands.js'
import { demoCommand } from './demo.js'

/** Runs a command's handler and turns its exit code into the process's. */
const exitWith =
  <A extends unknown[]>(handler: (...args: A) => Promise<number>) =>
  async (...args: A): Promise<void> => {
    process.exitCode = await handler(...args)
  }

/** An option with its default, shown in the help the one way commander shows one: `(default: 3)`, no quotes. */
const withDefault = (option: Option, value: string | boolean): Option => option.default(value, String(value))

/** The options of `run`: a value option per input, and `--x` / `--no-x` for a flag. */
function runOptionsOf(input: string, spec: RunOption): Option[] {
  if (spec.negated === undefined) return [withDefault(new Option(`--${input} <value>`, spec.help), spec.default)]
  return [withDefault(new Option(`--${input}`, spec.help), spec.default === 'true'), new Option(`--no-${input}`, spec.negated)]
}

export function buildProgram(io: Io): Command {
  const program = new Command('claude-code-guard')
    .description('Run Claude Code with retries that only retry what a retry can fix, and diagnose its failures with evidence.')
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .version(manifest.version, '-V, --version', 'print the version')
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
  const inputs = Object.entries(RUN_OPTIONS) as [keyof typeof RUN_OPTIONS, RunOption][]
  for (const [input, spec] of inputs) for (const option of runOptionsOf(input, spec)) run.addOption(option)
  run.action(
    exitWith((claudeArgs: string[], options: Record<string, string | boolean | undefined>) => {
      // commander names options in camelCase (a flag as true or false); the settings parser knows them by
      // their input names, as text.
      const given = Object.fromEntries(
        inputs.map(([input]) => {
          const value = options[new Option(`--${input}`).attributeName()]
          return [input, typeof value === 'boolean' ? String(value) : value]
        }),
      )
      return runCommand(claudeArgs, { inputs: given, json: options.json === true }, io)
    }),
  )

  program
    .command('classify')
    .summary('diagnose a saved log of a failed run')
    .description('Reads a saved Claude Code log (stream-json or text) and prints the cause, the evidence and the fix.')
    .argument('[file]', 'the log file; `-` or nothing reads standard input')
    .option('--json', 'print the report format (as the action writes to report-file)')
    // No default value to give commander: the log decides. Written as commander writes the others.
    .option(
      '--exit-code <code>',
      "the run's exit code, if known (default: what the log shows: its result, or else failed when it shows any sign of failure)",
    )
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
    .addOption(withDefault(new Option('--claude-path <path>', 'the Claude Code executable'), 'claude'))
    .addOption(
      withDefault(new Option('--verify-credit', 'check that the credential can spend, with one billed 1-token message'), false),
    )
    .addOption(new Option('--no-verify-credit', 'no billed message'))
    .addOption(withDefault(new Option('--probe-model <model>', 'the model for --verify-credit'), 'claude-haiku-4-5'))
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
