// How a line of text reads, before any cause is looked for: a sign that a run failed (an error marker,
// an exit status, a signal, a stack frame, an error flag in JSON), a sentence of prose that only talks
// about errors, or plain output; whether a whole text is a log or a document about a change; and who
// answered when a line shows a status. Structure first, wording second: none of these rules names a
// cause. Pure. Every pattern runs in linear time (bounded quantifiers only; a test checks the shapes).

/**
 * Where a clue was seen, most decisive first: a structured field (a result, an error body, a status
 * field), a line that shows a failure, a line of output, a sentence of prose.
 */
export type Place = 'structured' | 'marker' | 'output' | 'prose'

/** Who answered with a status: the Anthropic API (or a gateway passing its answer on), GitHub, a cloud provider. */
export type Origin = 'anthropic' | 'github' | 'cloud'

/**
 * Signs that a run failed, wherever they stand in a line: markers after a timestamp or level, error
 * words and error class names, exit statuses, signals, stack frames of any runtime, an error flag in
 * JSON, a wrapper's own kill or failure.
 */
export const FAILURE_SIGNS: readonly RegExp[] = [
  // Log levels, as a word of their own, a tag, a field or an emoji.
  /(?:^|[\s[(|:])(?:ERROR|FATAL|CRITICAL|PANIC|ERR!)(?:[\]):|\s]|$)/,
  /\[\s{0,2}(?:error|err|fatal|critical|crit|fail|failed|failure)\s{0,4}\]/i,
  /\b(?:level|severity|lvl)"?\s{0,2}[=:]\s{0,2}"?(?:error|fatal|critical|err)\b/i,
  /(?:❌|✖|✗|✘|🔴|⛔|🚨|💥|🛑|❗)/u,
  // Error words at the start of a line, after a prompt, a glyph or a bullet.
  /^[\s>⎿⏺●•*|·\-–—"'`]{0,8}(?:[\w.]{0,60}(?:Error|Exception)|error|fatal|Fatal|panic|Panic|Uncaught|Unhandled|Failed|FAILED|failed|Failure|FAILURE)\b/,
  // An error of one kind named at the start of a line with what follows: `Internal error: {`, `Stream error: …`.
  /^[\s>⎿⏺●•*|·\-–—"'`]{0,8}[A-Z][a-z]{2,14} error:/,
  // An error class named with its message: `RateLimitError: …`, `BedrockException - {…`, `APIConnectionError(`.
  /\b[A-Z][A-Za-z]{0,40}(?:Error|Exception)(?::|\s[-–—]\s|\(|\))/,
  /\bAn? (?:error|exception|unexpected error) (?:occurred|has occurred|was thrown)\b/i,
  /\b(?:Received|Got|Returned|Encountered) an? (?:error|exception|unexpected error)\b(?: (?:from|response|while)\b)/i,
  // A step or a check that failed, said in two words on a line of its own: `Verification failed`.
  /^\s{0,8}[A-Z][\w -]{1,40} failed[.!]?\s{0,4}$/,
  // A wrapper that could not read what Claude Code gave it.
  /\b(?:returned|gave|produced|emitted|got) (?:unparseable|unparsable|malformed|invalid|no|an empty) (?:output|JSON|response|result)\b/i,
  // A program the shell or a runtime could not find.
  /\bcommand not found\b|\bnot found in \$?PATH\b/i,
  /\bAPI ?Error\b/i,
  // A line that announces the errors below it: `Environment variable validation failed:`.
  /\b(?:failed|errors?)\s{0,2}:\s{0,4}$/i,
  /\bUnhandled(?: promise)? ?rejection|\buncaughtException\b/i,
  // Exit statuses other than 0.
  /\bexit(?:s|ed|ing)?\b.{0,24}\b(?:code|status)\b\s{0,3}[:=]?\s{0,3}\(?-?[1-9]\d{0,9}\b/i,
  /\bexit(?:s|ed)?(?: with)? {1,3}-?[1-9]\d{0,9}\b/i,
  /\bexit(?:_?code|Code|)=-?[1-9]\d{0,9}\b/,
  /\bnon-?zero exit\b/i,
  /\bfailed with (?:exit )?(?:code|status)\b/i,
  /\$\?\s{0,3}(?:=|is|:)\s{0,3}[1-9]/,
  // Death by a signal.
  /\b(?:SIGKILL|SIGABRT|SIGSEGV|SIGTERM|SIGBUS|SIGILL|SIGFPE|SIGQUIT|SIGHUP)\b/,
  /\bSegmentation fault\b|\bcore dumped\b|\bOOMKilled\b|\bOut of memory: Kill|\boom-kill\b|\bkilled by signal\b|\bterminated by signal\b/i,
  /^\s{0,4}Killed\b/,
  // Stack frames: JavaScript, Python, Go, Rust, the JVM.
  /^\s{1,16}at (?:async )?\S{1,200} \(.{1,400}:\d{1,7}[\d:]{0,8}\)\s{0,2}$/,
  /^\s{1,16}at (?:file:|node:|\/|[A-Za-z]:\\).{1,400}:\d{1,7}:\d{1,7}\s{0,2}$/,
  /^\s{0,8}File ".{1,400}", line \d{1,7}/,
  /\bTraceback \(most recent call last\)/,
  /^goroutine \d{1,7} \[/,
  /\bthread '.{0,80}' panicked at\b|^stack backtrace:/,
  // An error flag inside JSON, however the JSON was printed, and a result whose subtype names an error.
  /"?is_error"?\s{0,3}[:=]\s{0,3}(?:true|True)\b/,
  /\bsubtype["']?\s{0,3}[:=]\s{0,3}["']?error_[a-z_]{2,40}/,
  // A wrapper that gave up on the run.
  /\b(?:agent|worker|subprocess|child process|process|session|review|run|job|task|build|step|claude|Claude Code)\b.{0,30}\b(?<!\b(?:not|never) )(?:failed|killed|crash(?:es|ed)|died|terminated|aborted)\b/i,
  // An error named in the middle of a line (`CLI failed: Error: …`, `[x] error: …`).
  /[\s:|\]>]Error: \S|\bfailed: \S/,
  // A program that gave up or stopped of itself: `giving up after 3 attempts`, `exited unexpectedly`.
  /\b(?:giving up|gave up|aborting|bailing out)\b|\b(?:exited|terminated|quit|died|closed|stopped) unexpectedly\b|\bunexpectedly (?:exited|terminated|quit|died|closed|stopped)\b/i,
  /^[\s>⎿⏺●•*|·\-–—"'`]{0,8}(?:Unable to|Could not|Couldn't) \w/,
  /\b(?:killed|failed|terminated|aborted|crashed) after \d[\d.]{0,9} ?(?:ms|s|sec|secs|seconds?|m|min|minutes?|h|hours?|attempts?|retries|tries)\b/i,
  /\b(?:ENOENT|EACCES|EPERM|EROFS|ENOSPC)\b/,
  // The bare words Claude Code and its wrappers end a failed run with.
  /\bExecution error\b/i,
  /\b(?:received|got|caught) (?:signal )?(?:SIG)?(?:TERM|KILL|INT|HUP|ABRT|SEGV)\b/,
  // The word for a failure in Chinese, Japanese and Korean, and for an error or a crash in other languages.
  /(?:失败|错误|エラー|失敗|실패|오류)/,
  /\b(?:erreur|plantage|se plante|plante|Fehler|fehlgeschlagen|abgestürzt|stürzt ab|falló|se cuelga|se bloquea)\b|(?:ошибка|Ошибка|сбой|вылетает|падает)/,
  // A runtime's own crash, in its usual words, with or without the error's name before it.
  /Cannot read propert(?:y|ies) of (?:undefined|null)|is not a function\b|Maximum call stack size exceeded|heap out of memory|Unexpected end of JSON input|Unexpected token .{1,20} in JSON/,
]

/**
 * An error line that says itself it did no harm (`Error: NON-FATAL: lock acquisition failed`) or is over
 * (`529 errors today - seems to be resolved now`), or that a side channel failed: telemetry that could not
 * be sent does not stop a run.
 */
const HARMLESS =
  /\b(?:seems|appears) to be (?:resolved|fixed|working)\b|\b(?:resolved|fixed) now\b|\b(?:works|working) again\b|\bnon-?fatal\b|\b(?:harmless|safe to ignore|can (?:be )?safely (?:be )?ignored)\b|\b(?:telemetry|event logging|analytics|metrics)\b.{0,40}\bfailed to (?:export|send|upload|flush|report)\b/i
export const saysHarmless = (line: string): boolean => HARMLESS.test(line)

export const failureSign = (line: string): boolean => FAILURE_SIGNS.some((sign) => sign.test(line)) && !saysHarmless(line)

/**
 * A retry a program announces, as any client or wrapper words it (`retrying in 2s`, `(attempt 2/5)`),
 * unless it says in the same breath that it gave up.
 */
export const retrySign = (line: string): boolean => RETRY_SIGN.test(line) && !GAVE_UP.test(line)

export const RETRY_SIGN =
  /\bretrying\b|\bwill retry\b|\b(?:falling|fell) back to\b|\bretry(?:ing)? (?:in|after) \d|[([](?:attempt|retry|try) \d{1,3} ?(?:\/|of) ?\d{1,3}[)\]]/i
export const GAVE_UP = /\b(?:giving up|gave up|exhausted|no more retries|max(?:imum)? retries|failed after)\b/i

/**
 * A line that says a run ended well: after it, the errors above were ones the run recovered from. Only
 * wordings of a finished whole (a success result, an exit status of 0, everything passed), not of a step.
 */
export const SUCCESS_SIGN =
  /\b(?:succeeded|successfully|all done|all (?:tests|checks) passed)\b|\b200 OK\b|\bexit(?:ed)? (?:with )?(?:code|status)[:= ]{1,3}0\b|\bexit 0\b|"subtype": ?"success"|\bsubtype='success'|\bResult: success\b|^\s{0,8}(?:✅|✓|✔)|^[\d\s:.,TZ[\]/-]{0,40}(?:INFO|info|)[\s:\]]{0,4}(?:\[[\w .:-]{1,30}\]|)[^\w\s]{0,12}\s{0,2}(?:Done|Finished|Completed)\b/i

/** A new step of Claude Code's transcript (`● Let me look…`, `⏺ Bash(…)`): after a retry, the run went on. */
export const RESUMED = /^\s{0,2}[●⏺] \S/

/**
 * A line that is not output, whatever errors it names: source code (a diff's or a traceback's line, a
 * statement), a GitHub workflow's settings, or a check that passed (`✓ returns 403 when…`).
 */
export const isInert = (line: string): boolean => INERT_LINES.some((pattern) => pattern.test(line))

const CODE =
  /^\s{0,16}[+-]?\s{0,16}(?:const|let|var|function|return|if|else|elif|import|export|def|class|throw|raise|catch|except|try|async|await|case|switch)\b.{0,400}(?:[;{}),:]|\/\/.{0,200}|#.{0,200})\s{0,4}$/
/** A workflow's own keys, with their values and comments; a job log's echo of an empty secret is not one of them. */
const WORKFLOW_SETTING =
  /^\s{0,16}-?\s{0,4}(?:runs-on|uses|with|steps|permissions|jobs|timeout-minutes|id-token|contents|pull-requests|concurrency|cancel-in-progress|continue-on-error|working-directory|if):(?:\s.{0,400}|)$/
const PASSED = /^\s{0,12}(?:✓|✔|√|PASS\s)/
/** A table row that links into a document (`| \`Invalid API key\` | [Authentication](#invalid-api-key) |`): a reference, not a record. */
const LINKING_ROW = /^\s{0,3}\|.{0,2000}\]\((?:#|https?:\/\/)[^)\s]{0,400}\).{0,2000}\|\s{0,3}$/
/** A comment in source code, as a diff shows it too (`+ // retry on a 529`). */
const SOURCE_COMMENT = /^\s{0,16}(?:[+-]\s{0,16}|)(?:\/\/|\/\*)|^[+-]\s{0,16}#\s/
/**
 * A shell script's own lines: a whole line that sets a variable to a quoted value (`PROMPT="Tests failed: …"`;
 * not a log's `error="…" detail="…"` fields), and a loop or a test that opens a block.
 */
const SHELL_SOURCE =
  /^\s{0,16}(?:(?:export|local|readonly)\s{1,4}|)[A-Z_][A-Z\d_]{0,40}=(?:"[^"\n]{0,2000}"|'[^'\n]{0,2000}'|\$\([^\n]{0,2000}\))\s{0,4}$|^\s{0,16}(?:while|until|for|if) .{1,200}; ?(?:do|then)\s{0,4}$/
export const INERT_LINES: readonly RegExp[] = [CODE, WORKFLOW_SETTING, PASSED, SOURCE_COMMENT, LINKING_ROW, SHELL_SOURCE]

const BULLET = /^\s{0,8}(?:[-*+•]|\d{1,3}[.)])\s{1,4}(?:\[[ xX]\]\s{1,4})?/
const HEADING = /^\s{0,3}#{1,6}\s/
/** A quote marker or a prompt before pasted text (`> Error: …`). */
const QUOTE = /^\s{0,8}>\s{1,4}/
/** A bullet that holds a field and its value (`- Platform: darwin`), as the `/bug` report prints them. */
const FIELD = /^[\w ./-]{1,32}:\s{0,3}(?:\S{0,80}|`[^`]{0,300}`|"[^"]{0,300}")$/
/** What a log line has and a sentence has not. */
const LOG_SYNTAX =
  /\d{4}-\d\d-\d\d[T ]\d\d:\d\d|\b\d\d:\d\d:\d\d\b|\{"|":\s{0,2}["{[\d]|\bat \S{1,200}:\d{1,7}:\d{1,7}|^\s{0,8}[⎿✻❯$]|\[[A-Z]{3,8}\]|\b[A-Z_]{3,40}=\S|\b(?:[Ee]rror|ERROR|[Ff]atal|FATAL|[Ww]arning|WARN|WARNING): \S/
/** An error word that opens a line: such a line is the error, not a sentence about one. */
const OPENS_AS_ERROR =
  /^[\s>⎿⏺●•|·"'`]{0,8}(?:[\w.]{0,60}(?:Error|Exception)|API Error|An? (?:error|exception) (?:has )?occurred|error|ERROR|fatal|Fatal|FATAL|CRITICAL|panic|Uncaught|Unhandled|Failed|failed|FAILED)\b/
/**
 * What an error can do, not what it did: `a revoked key can return a 401`, `Without it, the job fails with …`,
 * `which one you're hitting` (a guide speaking to its reader).
 */
const HYPOTHETICAL =
  /\b(?:can|may|might) (?:\w{1,12} |)(?:produce|return|cause|result in|trigger|throw|surface|lead to|yield)\b|(?:^|[.;]\s{1,3})Without (?:it|this|that|them),|\byou(?:'re|’re| are) (?:hitting|getting|seeing|running into)\b/i
/** Words a person writes about a change or a problem, and an error message does not. */
const DISCOURSE =
  /\b(?:consider|suggest|recommend|we|we're|we've|my|should|would|might|seems?|likely|probably|maybe|perhaps|so that|in order to|added|fixes|fixed|handles|handling|handled|implements|implemented|treats|treated|users|whenever|because|actually|usually|typically|generally|behaviou?r|this (?:PR|pull request|change|commit|patch|fix|issue))\b/gi
const FIRST_PERSON = /\bI(?:'m|'ve|'d|'ll|’m|’ve|’d|’ll)?(?=\s)/g
const ALIGNED_COLUMNS = /\S {3,60}\S.{0,400}\S {3,60}\S/
const WORD = /^[("'“‘`*_]{0,2}[A-Za-z][a-z'’-]{0,24}[)"'”’`*_]{0,2}[,.;:!?]{0,2}$/
const INLINE_CODE = /`[^`]{1,200}`/
/** Words set in bold or italics inside a sentence (`these updates **do not resolve** it`): a person's Markdown. */
const EMPHASIS = /(?:^|\s)(?:\*\*|__)[A-Za-z][^*_\n]{0,80}[A-Za-z.!](?:\*\*|__)(?=[\s,.;:!?)]|$)/
// Scripts written without spaces between words: Chinese, Japanese, Korean's syllables, and Thai.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/gu
const CJK_ANY = new RegExp(CJK.source, 'u')
// Single quotes only around a span, so that an apostrophe (`it's`, `don't`) opens none.
const QUOTED = /`[^`]{1,400}`|"[^"]{1,400}"|“[^”]{1,400}”|(?<!\w)'[^'\n]{1,400}'(?!\w)|‘[^’]{1,400}’/g
const INLINE_CODES = new RegExp(INLINE_CODE.source, 'g')

const wordsIn = (text: string): { words: number; tokens: number } => {
  const tokens = text.trim().split(/\s{1,40}/)
  return { words: tokens.filter((token) => WORD.test(token)).length, tokens: tokens.length }
}

/**
 * A sentence of prose, as a pull request, a feature request, a changelog or a reply writes it: a
 * bullet or heading in words, or a sentence that talks about errors rather than being one.
 */
export function isProse(line: string): boolean {
  // Four words need a few characters: most log lines are decided here, cheaply.
  if (line.length < 7 || (!line.includes(' ') && !CJK_ANY.test(line))) return false
  const quote = QUOTE.exec(line)
  const unquoted = quote ? line.slice(quote[0].length) : line
  const bullet = BULLET.exec(unquoted)
  const body = bullet ? unquoted.slice(bullet[0].length) : unquoted
  if (bullet && FIELD.test(body.trim())) return false
  // Columns aligned with runs of spaces are a listing a program printed, not a sentence.
  if (ALIGNED_COLUMNS.test(body.trim())) return false
  // What a sentence quotes in backticks may look like a log; the sentence around it does not.
  const unquotedCode = line.replace(INLINE_CODES, ' ')
  if (LOG_SYNTAX.test(unquotedCode) || (!bullet && OPENS_AS_ERROR.test(unquoted))) return false
  // Chinese, Japanese, Korean and Thai are written without spaces: a sentence of their characters is prose.
  const cjk = body.match(CJK)?.length ?? 0
  if (cjk >= 8 || ((bullet || HEADING.test(unquoted)) && cjk >= 2)) return true
  const { words, tokens } = wordsIn(body)
  if (words / Math.max(1, tokens) < 0.5) return false
  if ((bullet || HEADING.test(unquoted)) && words >= 4) return !mostlyQuoted(body)
  // Code quoted inside a sentence counts only when the sentence has words of its own around it.
  const code = INLINE_CODE.test(body) && wordsIn(body.replace(INLINE_CODES, ' ')).words >= 4 ? 1 : 0
  const markers =
    (line.match(DISCOURSE)?.length ?? 0) +
    (line.match(FIRST_PERSON)?.length ?? 0) +
    code +
    (HYPOTHETICAL.test(line) ? 1 : 0) +
    (EMPHASIS.test(unquotedCode) ? 1 : 0)
  // A sentence with words a person writes about a problem; an error message has none of them, however long.
  return (words >= 6 && markers >= 2) || (words >= 12 && markers >= 1)
}

const TABLE_ROW = /^\s{0,3}\|.{0,4000}\|\s{0,3}$/
const MARKDOWN_HEADING = /^\s{0,3}#{1,6}\s{1,4}\S/
/** A Markdown table's row or a heading: a record of its own, never a line that wrapped. */
export const standsAlone = (line: string): boolean => TABLE_ROW.test(line) || MARKDOWN_HEADING.test(line)

/**
 * A table's head with a column of advice or of where to read (`| Symptom | Cause | Fix |`, `| Message |
 * Section |`): its rows are a guide's, not a run's.
 */
export const ADVICE_HEAD =
  /\|\s{0,4}(?:\*\*|)(?:Fix|Fixes|Solution|Solutions|Resolution|Workaround|Remedy|How to fix|What to do|Suggested action|Section|Meaning|What it means|Explanation|解决方法|解决方案|处理方法|含义|章节|対処法|対処|意味|セクション|해결 방법|해결책|의미|섹션|ส่วน|ความหมาย|วิธีแก้ไข)(?:\*\*|)\s{0,4}\|/i

/** A row of a Markdown table, with or without its outer pipes (`a | b`, as GitHub also renders). */
export const ANY_TABLE_ROW = new RegExp(String.raw`${TABLE_ROW.source}|^[^|]{1,2000}\S\s{0,4}\|\s{0,4}\S`)

/** A Markdown table's row with a sentence in a cell (`| … | Re-save the secret without spaces. |`), not one of data. */
export const sentenceRow = (line: string): boolean =>
  TABLE_ROW.test(line) && line.split('|').some((cell) => wordsIn(cell).words >= 5)

/** A bullet that is mostly a quoted message (`1. **"… timed out after 15 minutes"** — false alarm`) lists output. */
function mostlyQuoted(body: string): boolean {
  const quoted = body.match(QUOTED)?.reduce((sum, part) => sum + part.length, 0) ?? 0
  return quoted >= 0.6 * body.trim().length
}

/**
 * Lines that show a text is about a change or asks for one (a pull request, a changelog, a reply, a
 * feature request), not a run's output: the headings and words of a form, which a bug report's form
 * shares (`Expected behavior`), and marks only a change has (`Fixes #12`, a commit subject).
 */
const REQUEST_MARKERS: readonly RegExp[] = [
  // A pull request template's short headings.
  /^\s{0,3}#{1,6}\s{0,2}(?:What|Why|How)\s{0,2}$/i,
  // A request for a feature, in its usual words, or the labels of one.
  /\b(?:I(?:'d| would) like (?:to|for|it)|would be (?:great|nice|helpful|useful)|feature request)\b/i,
  // A how-to or a project's documentation, which speaks to its reader about an error they may meet.
  /\byou (?:may|might) (?:encounter|see|get|run into|hit|receive)(?: (?:the|this|an|a|one of|errors?|the following)\b|:)/i,
  // A page of a project's known issues.
  /^\s{0,3}#{1,6}\s{0,2}Known (?:issues|problems|limitations)\s{0,3}$/i,
  /\bmake it easier (?:for [\w ]{1,30} |)to (?:identify|debug|understand|tell|see|know|diagnose|find)\b|\b(?:better|clearer|more (?:helpful|informative|descriptive|actionable|specific)) error messages?\b/i,
  /^\s{0,3}\*\*(?:Preferred|Desired|Suggested|Proposed)(?: behavior| behaviour| solution| change|):?\*\*:?\s{0,3}$/i,
  // The headings of a change or a proposal, alone on their line (with or without the Markdown a copy lost).
  /^\s{0,3}(?:#{1,6}\s{0,2}|\*\*|)(?:The |Our |)(?:Solution|Fix|(?:Suggested|Proposed|Possible) (?:fix|solution)|Changes|Motivation|Rationale|Implementation|Proposed (?:Implementation|Solution|Change)|Test(?:ing)? Plan|Testing|Verification)(?: \([\w ,.-]{1,60}\)|):?(?:\*\*|)\s{0,3}$/i,
  /^\s{0,3}#{1,6}\s{0,2}(?:The |)(?:Testing|Motivation|Objective|Proposal|Answer|Tasks|Approach|Suggestions?|Problem Statement|Ziel|Vorschlag|Anforderungen|Objectif|Objetivo|Propuesta|Proposta|Alternatives(?: considered| you(?:'ve|’ve| have) considered|)|(?:Proposed|Suggested|Desired|Preferred) (?:behaviou?r|solution|fix|change|approach|direction|design)|What (?:it|this|this PR|the change) does|Why (?:this|it) matters)\b/i,
  // A reference page's sections on an error: what it looks like, its common causes, whether to retry it.
  /^\s{0,3}(?:#{1,6}\s{0,2}|\*\*|\d{1,2}[.)]\s{1,2}|)(?:What (?:the|this) error (?:looks like|means|is telling you)|What it means|Why (?:this|it) happens|What to check(?: first|)|(?:Most |)common causes|(?:Fastest|Quickest|Quick|Suggested) fix(?:es|)|(?:Not |)Retryable)(?:\*\*|):?\s{0,3}$/i,
  // Documentation's section on the errors a library raises: `## Error Handling`, `## Handling errors`.
  /^\s{0,3}#{1,6}\s{0,2}(?:Error handling|Handling errors|Errors? (?:codes|types|reference))\s{0,3}$/i,
  // A how-to's title: `How to Fix Claude Code "API Error: 401"`, not a reader's question (`How to solve this?`).
  /^\s{0,3}(?:#{1,6}\s{0,2}|)How to (?:fix|solve|resolve|troubleshoot|handle|avoid)\b(?![^\n]{0,400}\?\s{0,3}$)/i,
  // … and in a title after what it explains, capitalised as titles are: `Error 529: What It Means and How to Fix It`.
  /(?:: | and )How to (?:[Ff]ix|[Ss]olve|[Rr]esolve|[Tt]roubleshoot|[Hh]andle|[Aa]void)\b(?![^\n]{0,400}\?\s{0,3}$)/,
  // A request put to the maintainers: `Can you please update the extension?`
  /\b(?:Can|Could|Would) you (?:please |pls |)(?:update|add|support|change|make|allow|consider|expose|implement)\b/i,
  // An issue that asks for documentation, in its form's headings.
  /^\s{0,3}#{1,6}\s{0,2}(?:Documentation (?:Type|Location)|Current Documentation|Suggested (?:Improvement|Documentation))\b/i,
  // A guide's advice to its reader: `If you see "Invalid API key", …`.
  /(?:^\s{0,3}(?:>\s{0,2}|)|[.!?]\s{1,3})(?:If|When|Once|Whenever) (?:you|Claude Code|Claude|the CLI) (?:see|get|encounter|receive|hit|run into|shows?|returns?|prints?)\b/i,
  // … in Chinese and Japanese: `当你看到以下任一关键词时`, `如果您遇到`, `このエラーが表示された場合`.
  /(?:当|如果|若)(?:你|您)(?:看到|遇到|收到|碰到)|(?:が表示された|が出た|に遭遇した)場合/,
]

/**
 * Sections a pull request, a page or an issue form has, and a report in prose may share: they show a
 * text about a change only when its writer does not say the failure happened to them.
 */
const SECTION_MARKERS: readonly RegExp[] = [
  /^\s{0,3}(?:#{1,6}\s{0,2}|\*\*|)(?:Quick ?start|Getting started|Installation|Overview|Features|How it works)(?:\*\*|):?\s{0,3}$/i,
  // A checklist, which a pull request template and an issue form both have.
  /^\s{0,4}[-*] \[[ xX]\] |^\s{0,3}#{1,6}\s{0,2}(?:Pre-?submission |)Checklist\b/i,
  /^\s{0,3}(?:#{1,6}\s{0,2}|\*\*|)(?:The |Our |)(?:Summary|Scope|Purpose|Root Cause(?: Analysis|)|(?:Detailed |)Analysis|Discussion|Conclusion|Key takeaways|TL;DR)(?: \([\w ,.-]{1,60}\)|):?(?:\*\*|)\s{0,3}$/i,
  /^\s{0,3}#{1,6}\s{0,2}(?:The |)(?:Screenshots|Context|Related(?: issues?| PRs?|)|Background|Expected (?:behaviou?r|result)|Current behaviou?r)(?: \([\w ,.-]{1,60}\)|):?\s{0,3}$/i,
  // Root Cause in Chinese.
  /^\s{0,3}(?:#{1,6}\s{0,2}|\*\*|)(?:根因|根本原因|原因分析)(?:分析|)[:：]?(?:\*\*|)\s{0,3}$/,
]

const CHANGE_ONLY_MARKERS: readonly RegExp[] = [
  // A page's date line, its reading time and its lede, and a guide's account of itself (`This article lays
  // out …`, `Let me share what I learned`, `… (Usage Limit Solutions)`, `本記事では…`, `本文将…`): a report
  // has none, whatever error its title names.
  /^\s{0,3}(?:Last (?:updated|modified|edited)|Published)(?: on|:)\s{0,2}\S|^\s{0,3}Learn (?:why|how|what)\b|^\s{0,3}(?:Zuletzt |Gestern |Heute |)aktualisiert\b/i,
  // … and in German, Spanish, Portuguese, French and Italian: `Dieser Artikel erklärt …`, `Was du jetzt tun kannst`.
  /\b(?:Dieser Artikel|In diesem (?:Artikel|Beitrag|Leitfaden)|Este artículo|En este artículo|Este artigo|Neste artigo|Cet article|Dans cet article|Questo articolo|In questo articolo)\b|\bWas (?:du|Sie) (?:jetzt |)tun (?:kannst|können)\b/i,
  /(?:^|[.!?]\s{1,3})(?:This|In this) (?:article|guide|post|tutorial|walkthrough)\b|\b(?:Let me share|Here(?:'s| is)) what I(?:'ve|) (?:learned|learnt|found out)\b|\((?:[\w'’ -]{1,40} |)(?:Solutions?|Fix(?:es|)|Guide|Explained|Workarounds?)\)\s{0,3}$|\b\d{1,3}[- ](?:second|minute|min) read\b|本記事では|この記事では|本稿では|本文(?:将|介绍|提供|整理|总结|详细)|本教程|本指南/,
  // A pull request's or a changelog's own headings.
  /^\s{0,3}#{1,6}\s{0,2}(?:📔\s)?(?:The |)(?:Implemented|Changes?|What(?:'s| is)? (?:changed|added|new)|What's Added|Test(?:ing)? plan|How (?:to test|was this tested)|Relevant issues|What (?:&|and) why|Solution|Type(?: of change|\s{0,3}$)|Proposed (?:change|solution|implementation)s?|Issues? (?:addressed|fixed|resolved)|Fixed|Added|Changed|This PR contains)\b/i,
  // The same headings in Chinese: changes, the fix and how it was tested.
  /^\s{0,3}#{1,6}\s{0,2}(?:改动|变更|更改|修改(?:内容|说明)|修复(?:方案|方式|内容|说明|)|解决方案|测试(?:计划|方法|)|验证)/,
  // A sentence that says what a change does.
  // A bare "This makes …" is a report's too (`This makes Claude Code very difficult to use`).
  /^\s{0,3}This (?:(?:PR|change|commit|patch) (?:(?:is (?:supposed|meant|intended)|aims|tries|attempts) to |should |will |)(?:adds?|allows?|fix(?:es|)|removes?|makes?|changes?|updates?|introduces?|replaces?|moves?|lets?|teach(?:es|))|(?:(?:is (?:supposed|meant|intended)|aims|tries|attempts) to |should |will |)(?:adds?|allows?|fix(?:es|)|removes?|changes?|updates?|introduces?|replaces?|moves?|lets?|teach(?:es|)))\b/,
  // A change's subject line in the imperative about the errors it handles: `add RateLimitError to the retried errors`.
  /^\s{0,3}(?:add|handle|support|catch|treat|map|detect|classify|recogni[sz]e) \S.{0,120}\b(?:errors?|exceptions?|retr(?:y|ies)|retryable)\b/,
  // What the code does now that it did not: `Now matches 'credit' and 'balance is too low'.`
  /(?:^|[.;—-]\s{1,3})Now (?:matches|handles|detects|catches|recogni[sz]es|treats|retries|surfaces|maps|classifies|resolves|uses|falls back)\b/,
  // A sentence that opens with what the change does: `Removes the workflow.`, `Removing it.`; not a report's
  // workaround (`Removing it fixes the issue.`).
  /(?:^|\.\s{1,3})(?:Removes|Removing|Adds|Adding|Drops|Dropping|Bumps|Bumping|Reverts|Reverting|Pins|Pinning|Replaces|Replacing) (?:the|a|an|this|these|it|support)\b(?![^.]{0,60}\b(?:fixes|fixed|solves|solved|resolves|resolved|works around|makes it work)\b)/,
  // A patch sent by mail, and a commit subject in the Conventional Commits form, with or without its hash.
  /\[PATCH(?: v\d{1,3}|)(?: \d{1,4}\/\d{1,4}|)\] \S/,
  /^\s{0,3}(?:[0-9a-f]{7,40}:? |)(?:fix|feat|chore|docs|refactor|perf|test|build|ci|style|revert|Feat|Fix|Chore|Docs|Refactor|Perf|Revert)(?:\([\w./ -]{1,40}\)|)!?: \S/,
  // A commit subject that names the part it changes and then, in the imperative, what it does: `base-action: persist …`.
  /^\s{0,3}[a-z][\w-]{1,30}(?:\/[\w-]{1,30}|): (?:add|persist|handle|support|allow|avoid|preserve|keep|surface|expose|detect|improve|propagate|pass|skip|treat|catch|bump|remove|drop|ensure|prevent|respect|rename|move|use|make|let|teach|map|honou?r|fall back)\b/,
  // A reply that sums up the work it did.
  /\b(?:summary of (?:the |my |these |)changes|Here(?:'s| is) what (?:I|was) (?:changed|did|fixed|added|updated))\b/i,
  // A guide's entry that says how to fix an error (`• Fix: check the status page`), which a report's
  // form has no line for.
  /^\s{0,8}(?:[-*•]\s{1,4}|)(?:\*\*|)(?:Fix|Solution|How to fix)(?:\*\*|):(?:\*\*|)\s/i,
  // A maintainer's reply that explains what a reporter saw: it reports no failure of its own.
  /^\s{0,3}This (?:was|has been|is|got) (?:addressed|fixed|resolved|shipped) in\b/i,
  /\b(?:thanks?(?: you)?(?: so much)? for (?:the|your|this) (?:report|feedback|bug report)|what you(?:'re|’re| are) seeing (?:here )?is\b|\byour [\w -]{0,60}\b(?:log|logs|output|run|job)s? (?:shows?|says|indicates?|reveals?)\b|(?:this|that) is (?:the )?(?:intended|expected) behaviou?r|working as (?:intended|designed))/i,
  /\b(?:Fixes|Closes|Resolves|Addresses|Refs|Related to|Follow-up to|Part of) ?(?:(?:GitHub |)(?:issue|bug|PR) |)#\d{1,7}\b/i,
  /\bthis (?:PR|pull request|commit|patch)\b/i,
  // A changelog's version heading, alone or with its date (`## [2.1.40] - 2026-05-01`); not a title that starts with one.
  /^\s{0,3}#{1,3}\s{0,2}\[?v?\d{1,3}\.[\d.]{1,9}\]?(?:\s{1,3}(?:[-–—]\s{1,3}|)\(?\d{4}-\d{2}-\d{2}\)?|)\s{0,3}$/,
  /^\*\*Claude finished\b/,
  // A pull request bot's summary, and a tool that says what it now offers: `CCW now provides … error reporting`.
  /^\s{0,3}#{1,6}\s{0,2}Summary by CodeRabbit\b|\b(?:coderabbitai|gemini-code-assist|copilot-pull-request-reviewer|sourcery-ai|greptile-apps|cursor)\[bot\]|\b(?:[A-Z][\w-]{1,30}|[Tt]he [\w-]{1,30}) now (?:provides|offers|supports)\b/,
  // A code review of a change, by its heading, and its findings as review bots head them: `**Medium Severity**`.
  /^\s{0,3}(?:\*\*|#{1,6}\s{0,2})(?:Code )?Review(?: of|:)\s/i,
  /^\s{0,3}(?:\*\*|_|)(?:(?:Low|Medium|High|Critical) Severity|⚠️ Potential issue|🛠️ Refactor suggestion)(?:\*\*|_|)\s{0,3}$/,
  // A pull request's title in the imperative: `# Fix Claude model not found error`.
  /^\s{0,3}#\s{1,2}(?:Fix|Bump|Refactor)\s(?!(?:failed|fails|failing|error|errors)\b)\S/,
  // A guide's title, lede, sections or byline in Chinese, Japanese or Korean: `【対処法】…`, `… エラーの原因と対応`,
  // `…问题分析与解决方案`, `…认证问题解析`, `问题背景`, `作者:…`, `…500エラー完全解決ガイド`, `… 오류 총정리`, `원인과 해결법`,
  // and a Japanese note of a change made (`…を改善しました`, `…を表示するようにしました`).
  /【[^】\n]{0,12}(?:対処法|解決策|解決方法|解决方法|解决方案|教程|指南|まとめ)[^】\n]{0,12}】|原因と(?:対策|対処法?|対応|解決策?)|问题(?:解析|分析)\s{0,3}$|改善(?:しました|されました|し、)|するようにしました|^\s{0,3}(?:#{1,6}\s{0,2}|)(?:问题背景|最佳实践(?:建议|)|解决方案演进)\s{0,3}$|作者[:：]\s{0,2}\S|分析与解决(?:方案|方法|办法)|原因(?:及|与|和)解决(?:方案|方法|办法)|解決ガイド|完全ガイド|著者注|完全手册|速查表|看完本文|총정리|정리했습니다|원인과 해결(?:법|책|방법)|(?:위한|완벽|실전|실용적인|기술적인)\s[^\n]{0,30}가이드|가이드\s{0,3}$/,
  // A guide's account of what it does for its reader: `Here's how to diagnose …`, `how to tell which one …`.
  /\bHere(?:'s| is) how to (?:diagnose|fix|tell|solve|resolve|handle|avoid|troubleshoot)\b|\bhow to tell (?:which|whether|if|them apart)\b/i,
  // A pull request's own words: its heading for what it asks, a title led by a gitmoji (`# 🥅 Handle …`), a
  // small change that says so.
  /^\s{0,3}#{1,6}\s{0,2}(?:The |)Ask\s{0,3}$|^\s{0,3}#\s{1,2}(?:🥅|✨|♻️|🔧|⬆️|📝|🚑|🎨|👷|💚|🩹|➕|➖|🔊)\s{0,2}[A-Za-z]|^\s{0,3}(?:A |)(?:Simple|Small|Tiny|Minor|Quick) (?:change|fix|patch) (?:to|that|for)\b/,
  // What a feature request asks for, in bold: `**Request:** expose the …`.
  /^\s{0,3}\*\*(?:Request|Proposal):\*\*\s{1,3}(?:expose|add|support|allow|make|provide|surface|show)\b/i,
  // A newsletter's issue: `Claude Code Digest — 2026-04-07`.
  /^\s{0,3}(?:#{1,6}\s{0,2}|)[^\n]{0,60}\b(?:Digest|Newsletter|Roundup)\b[^\n]{0,40}$/,
  // A guide that tells its reader why they get an error: `Why You're Getting 529 Right Now`.
  /\bWhy you(?:'re|’re| are) (?:getting|seeing|hitting)\b/i,
  // A how-to in Spanish, Portuguese or French: `Como resolver o erro 500`, `causas comuns e como corrigi-las`.
  /^\s{0,3}(?:#{1,6}\s{0,2}|)(?:Cómo|Como|Comment) (?:solucionar|corrigir|resolver|arreglar|réparer|corriger|résoudre)\b(?![^\n]{0,400}\?\s{0,3}$)|\bcausas comun(?:e|)s\b|\bcauses (?:courantes|fréquentes)\b/i,
  // A reply that gives the reader its solution.
  /\bHere(?:'s| is) the (?:complete |full |whole |)(?:solution|fix|workaround)\b|记录一下解决(?:方案|方法|办法)|解决(?:方案|方法|办法)如下/i,
  // An issue title tagged as a request: `[Feature]: …`, `[FR] …`, `REQ: …`.
  /^\s{0,3}(?:#\s{1,2}|)(?:\[(?:Feature|Feature Request|FR|Enhancement|Proposal|RFC|Idea)\]|(?:REQ|Feature request|FR|RFE|Enhancement):\s)/i,
  // The footer Claude Code writes under the pull requests and commits it makes, and a commit's trailers.
  /Generated with \[?Claude Code\b|^\s{0,4}(?:Co-Authored-By|Signed-off-by|Reviewed-by|Acked-by|[\w-]{0,20}Generated-By): \S/i,
]

const REQUEST_OR_CHANGE_MARKERS: readonly RegExp[] = [...REQUEST_MARKERS, ...CHANGE_ONLY_MARKERS]
export const CHANGE_MARKERS: readonly RegExp[] = [...REQUEST_OR_CHANGE_MARKERS, ...SECTION_MARKERS]

const HEADING_START = String.raw`^\s{0,3}(?:#{1,6}\s{0,2}|\*\*|)`
const WHAT_HAPPENED = String.raw`Actual(?: (?:behaviou?r|results?|output))?|Observed(?: behaviou?r)?|Bug (?:description|report|behaviou?r)|Describe the bug|What happened|What happens|What(?:'s| is) (?:wrong|happening)|What went wrong|What (?:issue|problem|error|bug) (?:are|were|did) you (?:seeing|see|experiencing|experience|getting|get|facing|hitting|encountering)|Symptoms?|Error (?:messages?|output|logs?)|Errors?(?=\s{0,3}:?(?:\*\*|)\s{0,3}$)`
// The same sections of a Chinese or Japanese form: what happened, what should have, how to reproduce it.
const CJK_WHAT_HAPPENED = '问题描述|問題描述|问题现象|实际(?:结果|行为|表现)|報錯信息|报错信息|错误信息|発生した問題|現象'
const CJK_EXPECTED = '预期(?:结果|行为)|期望(?:结果|行为)|期待される(?:動作|結果)'
const CJK_REPRODUCTION = '复现步骤|重现步骤|復現步驟|再現手順'

/** A bug report's own headings: its form's headings are no sign of a change. */
export const BUG_REPORT_HEADING = new RegExp(
  `${HEADING_START}(?:(?:Steps to reproduce|Reproduction|${WHAT_HAPPENED})\\b|${CJK_WHAT_HAPPENED}|${CJK_REPRODUCTION})`,
  'i',
)
/** An issue's title that calls it a bug: `[BUG] …`, `bug: …`, `(bug) …`. */
const BUG_TITLE = /^\s{0,3}(?:#\s{1,2}|)(?:\[bug\]|\(bug\)|bug:)\s{0,3}\S/i

/** The sections of a bug report that say what happened: their sentences report the failure. */
export const WHAT_HAPPENED_HEADING = new RegExp(`${HEADING_START}(?:(?:${WHAT_HAPPENED})\\b|${CJK_WHAT_HAPPENED})`, 'i')
/** The sections of a bug report that say what should happen, not what did. */
export const EXPECTED_HEADING = new RegExp(
  `${HEADING_START}(?:(?:Expected (?:behaviou?r|result|output)|Desired behaviou?r|What should (?:happen|have happened))\\b|${CJK_EXPECTED})`,
  'i',
)
/** A bug report's steps: how to make it happen, and, in the step that says so, what happened. */
export const REPRODUCTION_HEADING = new RegExp(
  `${HEADING_START}(?:(?:Steps to reproduce|Reproduction(?: steps)?)\\b|${CJK_REPRODUCTION})`,
  'i',
)
/** Any heading, which ends such a section: a Markdown heading or a line in bold alone. */
export const SECTION_HEADING = /^\s{0,3}(?:#{1,6}\s|\*\*[^*]{1,60}\*\*:?\s{0,3}$)/

/**
 * `log`: a run's output, whose failure signs count. `prose`: a report in prose, whose code blocks and
 * lines that show a failure count. `change`: a text about a change or a request for one (a pull
 * request, a changelog, a feature request, an issue form, a reply) that reports no failure of its own.
 */
export type DocumentKind = 'log' | 'prose' | 'change'

/** Lines only a GitHub Actions job log has: a step's `Run` and `shell:` lines, the runner's markers. */
const JOB_LOG =
  /^\s{0,12}(?:shell: \/|##\[(?:error|group|endgroup)\]|::(?:error|group)::|Error: Process completed with exit code \d)/

const REPORTS =
  /\b(?:returns?|returned|got|gets?|getting|shows?|showed|showing|says|said|saying|fails?|failed|failing|errored|throws?|threw|prints?|printed|returning|outputs?|gives|gave|hit|hitting|receiv(?:e|ed|es|ing)|replies|replied|responds|responded|ran into|run into|running into|encounter(?:s|ed|ing)?|fac(?:e|es|ed|ing)|experienc(?:e|es|ed|ing)|saw|seeing|happens|happened|crash(?:es|ed|ing)?|broke|stopped|stops|hangs|hung|stuck|cancell?ed|killed|timed out|times out|exits|exited|appear(?:s|ed|ing))\b/i
const DESIGN_TALK =
  /\b(?:consider|suggest\w{0,4}|recommend\w{0,4}|as designed|as expected|no action (?:is )?needed|post-?mortem|handles?|handling|(?<!\b(?:I|we) )now|so that|(?<!\b(?:the|an|this|latest|recent|last|after|since|I|we) )updated?|adds|added|fix(?:es|ed)?|implement\w{0,5}|would|could|should|instead|support(?:s|ed)?|proposal|propose|(?:be able|ability) to|configurable|detection|Erkennung|(?:cannot|can't|unable to|doesn't|does not) (?:detect|catch|distinguish|recogni[sz]e)|this (?:PR|change|commit|patch))\b/i

/**
 * A sentence that reports what a run printed ("it returns `Invalid API key`"), not one that says how
 * code handles an error or asks for a feature: in a short text, such a sentence is the failure report.
 */
export const reportsFailure = (line: string): boolean => reports(line, true)

/** A sentence that says what a run did (`the worker fails with …`), not one that only is an error line. */
export const saysWhatRunDid = (line: string): boolean => reports(line, false)

function reports(line: string, orFailureSign: boolean): boolean {
  const unquoted = line.replace(QUOTED, ' ')
  return (REPORTS.test(line) || CJK_REPORTS.test(unquoted) || (orFailureSign && failureSign(unquoted))) && !changeTalk(unquoted)
}

// What Claude Code prints after a `·` is its hint to the reader (`Invalid API key · Fix external API key`), not the writer's word.
const CLI_HINT = /\s·\s[^·\n]{1,80}/g
const changeTalk = (unquoted: string): boolean => {
  const own = unquoted.includes('·') ? unquoted.replace(CLI_HINT, ' ') : unquoted
  return DESIGN_TALK.test(own) || CJK_DESIGN_TALK.test(own) || HYPOTHETICAL.test(own)
}

/** Words of a change, a request or a hypothesis, outside what the line quotes: `fix`, `should`, `if it fails`. */
export const talksOfChange = (line: string): boolean => changeTalk(line.replace(QUOTED, ' '))

// Chinese, Japanese and Korean reports seldom name their subject: the verb that says what a run showed is
// the report (`claude 提示 Invalid API key`, `Agent 始终回复 …`), and a change's verbs are not.
const CJK_REPORTS =
  /提示|报错|報錯|返回|回复|回覆|出现|出現|遇到|收到|被(?:强制)?(?:终止|杀死|中止)|崩溃|卡住|显示|顯示|弹出|が(?:出|発生|表示|返)|と表示|발생|나옵니다|나와요|나오는데|나왔|뜹니다|뜨는데|뜨네요|떠요|떴/
const CJK_REPORT_AT_END = new RegExp(`(?:${CJK_REPORTS.source})[\\w\\s.-]{0,20}$`)
/** A Chinese, Japanese or Korean line that ends on what a run showed (`oauth 莫名提示403`): the next line is what it showed. */
export const endsOnCjkReport = (line: string): boolean => CJK_REPORT_AT_END.test(line)
const CJK_DESIGN_TALK =
  /修复|修正|新增|支持|改为|改成|优化|实现|应该|建议|本\s?PR|此\s?PR|该\s?PR|本次|此次|(?:更新|追記|追加|変更|改善|明文化|反映|整理)されました|を改善し|するようにしました/

/** A writer who says a failure happened to them: `I'm already hitting …`, `I keep getting …`, `we got …`. */
export const speaksOfOwnRun = (line: string): boolean => {
  const unquoted = line.replace(QUOTED, ' ')
  return OWN_RUN.test(unquoted) || OWN_ACTION_SHOWED.test(unquoted)
}
const OWN_RUN =
  /\b(?:I|I'm|I’m|I've|I’ve|we|we're|we’re|we've|we’ve)\s[\w’' ,-]{0,60}\b(?:get|getting|got|hit|hitting|see|seeing|saw|receive[ds]?|receiving|keep|kept|run into|ran into|running into|encounter(?:ed|ing)?|experienc(?:e|ed|ing)|fac(?:e|ed|ing)|cancell?ed|killed|stopped|aborted)\b/i
/** What a writer did and what came of it: `When I set it up, it shows "…" error`. */
const OWN_ACTION_SHOWED =
  /\b(?:when|whenever|after|once) (?:I|we)\b.{0,80}\b(?:it|this|claude|the (?:app|cli|agent|tool|extension))\s(?:shows?|showed|says|said|returns?|returned|gives?|gave|throws?|threw|fails?|failed|prints?|printed|displays?|displayed)\b/i

/**
 * A writer who says, in a sentence of their own, that a run failed for them: `I keep getting …`. With
 * `subjectless`, a Chinese, Japanese or Korean sentence that says what a run showed counts too: such reports
 * seldom name their subject, and neither does a change's account of a problem, so it cannot outweigh a change's words.
 */
export const writerReportsOwnFailure = (lines: readonly { text: string; fenced: boolean }[], subjectless = false): boolean =>
  lines.some(
    (line) =>
      !line.fenced &&
      (speaksOfOwnRun(line.text) || (subjectless && CJK_REPORTS.test(line.text.replace(QUOTED, ' ')))) &&
      reportsFailure(line.text),
  )

/** A command typed at a prompt. */
const COMMAND = /^\s{0,4}[$❯%]\s{1,2}\S/

/**
 * What kind of text the lines make (see `DocumentKind`), from its markers and how much of it is prose;
 * `pastesFailure`, a code block in it shows a failure or names a cause.
 */
export function documentKind(
  lines: readonly { text: string; prose: boolean; fenced: boolean; quoted?: boolean; reports?: boolean; title?: boolean }[],
  pastesFailure = false,
): DocumentKind {
  // A job log is a log, whatever the texts it prints say (a bot's comment about "this PR").
  if (lines.some((line) => !line.fenced && JOB_LOG.test(line.text))) return 'log'
  // A bug report's form shares a change's and a request's headings; so does a writer who says it failed
  // for them, even while asking for a feature. A heading inside a pasted block is the paste's, not this text's.
  const first = lines.find((line) => line.text.trim() !== '')
  const title = first?.text ?? ''
  // An issue whose title reports a failure (it is the error, or says what a run did) is a report.
  const report =
    first?.title === true ||
    BUG_TITLE.test(title) ||
    lines.some((line) => !line.fenced && BUG_REPORT_HEADING.test(line.text)) ||
    writerReportsOwnFailure(lines)
  // A text that pastes a failure in a code block shares a report's sections (`## Summary`, `## Root Cause`):
  // only a change's or a request's own words make it one.
  const markers = report ? CHANGE_ONLY_MARKERS : pastesFailure ? REQUEST_OR_CHANGE_MARKERS : CHANGE_MARKERS
  let prose = 0
  let other = 0
  for (const line of lines) {
    if (line.fenced || line.text.trim() === '') continue
    // A command's words (`$ claude -p "review this PR"`), a Markdown quote (a prompt, another's words) and
    // what a sentence quotes are not the writer's.
    const own = COMMAND.test(line.text) || line.quoted === true ? '' : line.text.replace(QUOTED, ' ')
    if (markers.some((marker) => marker.test(own))) return 'change'
    if (line.prose) prose += 1
    else other += 1
  }
  if (prose < 2 || prose < other) return 'log'
  // Prose that shows code without saying a run failed quotes it: a write-up of a change, not a report. A
  // sentence under a bug report's "what happened" heading says a run failed.
  return pastesFailure ||
    lines.some((line) =>
      line.fenced
        ? failureSign(line.text)
        : line.title === true || (line.reports === true && line.prose) || reportsFailure(line.text),
    )
    ? 'prose'
    : 'change'
}

const GITHUB =
  /\bapi\.github\.com\b|\bApp token exchange\b|\bapp token\b|\binstallation token\b|\bResource not accessible by\b|\bBad credentials\b|\bx-github-request-id\b|\bdocs\.github\.com\b|\b[Oo]ctokit\b|\bHttpError\b|\bgit push\b|\bgithub\.com\/[\w.-]{1,100}\/[\w.-]{1,100}\.git\b/
const CLOUD =
  /\b(?:[Bb]edrock\w{0,20}|BEDROCK|CLAUDE_CODE_USE_\w{1,10}|amazonaws\.com|AWS|AWS_\w{1,30}|aws-\w{1,20}|x-amzn\S{0,40}|arn:aws|sigv4|SigV4|STS|IAM|[Vv]ertex\w{0,10}|VERTEX|aiplatform|googleapis\.com|gcloud|google\.auth|GOOGLE_\w{1,40}|(?:us|eu|apac|global)\.anthropic\.claude[\w.:-]{0,60}|invoke-with-response-stream|[Aa]zure\w{0,20}|AZURE_\w{1,40}|[Ff]oundry|FOUNDRY|cognitiveservices)\b/

/** Who answered, as far as a text tells: GitHub, a cloud provider, or else the Anthropic API. */
export function originOf(text: string): Origin | undefined {
  if (GITHUB.test(text)) return 'github'
  if (CLOUD.test(text)) return 'cloud'
  return undefined
}
