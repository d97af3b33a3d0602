// The diagnosis on wordings that are not in the corpus: each failure sign, each family of a cause in
// other words, other runtimes, cut-off lines and glued words, who answered, and prose that only quotes
// errors. Written here, not pasted, so that no rule can be tuned to one sentence of them.
import { describe, expect, it } from 'vitest'
import { classify } from '../../src/diagnosis/classify.ts'
import { readSavedLog } from '../../src/diagnosis/saved-log.ts'

const causeOf = (text: string): string => {
  const log = readSavedLog(text)
  return classify(log.observation, log.outcome)?.cause ?? 'none'
}

const cases = (title: string, table: [string, string][]): void => {
  describe(title, () => {
    for (const [text, cause] of table) {
      it(`${JSON.stringify(text.slice(0, 70))} is ${cause}`, () => expect(causeOf(text)).toBe(cause))
    }
  })
}

cases('a failure sign anywhere is a failed run, even with no cause to name', [
  ['2026-01-05T10:00:00.123Z [error] worker 3 stopped unexpectedly', 'claude-error'],
  ['10:00:01 ERROR  agent: run ended early', 'claude-error'],
  ['time=2026-01-05T10:00:00Z level=error msg="claude run ended"', 'claude-error'],
  ['{"level":"error","msg":"the model call did not return"}', 'claude-error'],
  ['❌ Claude review step did not complete', 'claude-error'],
  ['API Error: something unexpected happened', 'claude-error'],
  ['npm run review\nCommand failed with exit code 2', 'claude-error'],
  ['review.sh: exit status 3', 'claude-error'],
  ['Exit code: 1', 'claude-error'],
  ['echo $?\n$? = 139', 'claude-error'],
  ['running claude...\nKilled', 'claude-error'],
  ['Aborted (core dumped)', 'claude-error'],
  ['zsh: segmentation fault  claude -p "hello"', 'claude-error'],
  ['Error: the agent process exited with code 137', 'claude-error'],
  ['Process terminated by signal SIGABRT', 'claude-error'],
  [
    "TypeError: Cannot read properties of undefined (reading 'map')\n    at render (file:///app/dist/index.js:10:5)",
    'claude-error',
  ],
  [
    'Traceback (most recent call last):\n  File "/app/main.py", line 3, in <module>\n    run()\nValueError: bad input',
    'claude-error',
  ],
  ['panic: runtime error: index out of range [3] with length 3\n\ngoroutine 1 [running]:\nmain.main()', 'claude-error'],
  ["thread 'main' panicked at src/main.rs:4:5:\nboom", 'claude-error'],
  ['[runner] {"type":"result","subtype":"success","is_error":true,"result":"the task broke","session_id":"x"}', 'claude-error'],
  ['{\n  "type": "result",\n  "subtype": "success",\n  "is_error": true,\n  "result": "the task broke"', 'claude-error'],
  ['orchestrator: agent failed after 45s', 'claude-error'],
  ['Worker killed after 120 s', 'claude-error'],
  ['Error: spawn /usr/local/bin/claude-worker ENOENT', 'claude-not-found'],
  ['Error: Process completed with\nexit code 1.', 'claude-error'],
  ["Cannot read properties of null (reading 'usage')", 'claude-error'],
  ['worker: JavaScript heap out of memory', 'claude-error'],
])

cases('what a text does not show is a success', [
  ['', 'none'],
  ['Claude finished the review. 3 files changed, all tests pass.', 'none'],
  ['0 errors, 0 warnings\nDone in 4.2s', 'none'],
])

cases('the message decides, and a status counts only from whoever answered', [
  ['App token exchange failed: 401 Unauthorized - Claude Code is not installed on this repository', 'github-oidc-permission'],
  ['Error: 401 Unauthorized from https://api.github.com/repos/o/r/pulls/3/comments', 'github-token-permission'],
  ['HttpError: Bad credentials - https://docs.github.com/rest', 'github-token-permission'],
  [
    'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"You have reached your specified workspace API usage limits. You will regain access on 2027-01-01 at 00:00 UTC."}}',
    'spend-limit',
  ],
  [
    'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"input length and `max_tokens` exceed context limit: 190000 + 32000 > 200000"}}',
    'context-window-exceeded',
  ],
  [
    'Error: 403 {"type":"error","error":{"type":"permission_error","message":"Your country, region, or territory is not supported"}}',
    'permission-denied',
  ],
  ['APIConnectionTimeoutError: Request timed out.', 'network-error'],
  ['CLAUDE_CODE_USE_BEDROCK=1 claude -p "review"\nAPI Error: 403 Forbidden', 'cloud-credentials-invalid'],
  ['API Error: 403 Forbidden', 'permission-denied'],
  ['API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}', 'api-key-invalid'],
  ['Error: 503 upstream connect error or disconnect/reset before headers. reset reason: connection refused', 'server-error'],
])

cases('families, not sentences', [
  ['bun: command not found', 'claude-not-found'],
  ['/bin/sh: 1: python3: not found', 'claude-not-found'],
  ['Error: Claude Code native binary not found at /opt/claude/bin', 'claude-not-found'],
  ["Error: Cannot find module '@anthropic-ai/claude-code/cli.js'", 'claude-not-found'],
  ['Error: --resume: session 9b1c0c9e not found', 'session-not-found'],
  ['No conversation found to continue', 'session-not-found'],
  ['Error: Session 5f0c2b4e-1111-4c3a-9e0e-2b7f0a1c9d00 does not exist', 'session-not-found'],
  [
    "Workflow initiated by non-human actor: renovate[bot] (type: Bot). Add bot to allowed_bots list or use '*' to allow all bots.",
    'github-actor-permission',
  ],
  ['Killed claude after 600s of inactivity', 'timeout'],
  ['watchdog: no output for 10 minutes, stopping the agent', 'timeout'],
  ['API Error: Stream idle timeout - partial response received', 'timeout'],
  ['⎿  Claude usage limit reac', 'usage-limit'],
  ["You've hit your limi", 'usage-limit'],
  ['Error: Monthly spending limit reached for this organization', 'spend-limit'],
  ['Spending cap reached · resets 6pm (Europe/Paris)', 'usage-limit'],
  ['Unable to authenticate with the Anthropic API', 'api-key-invalid'],
  ["Canceling since a higher priority waiting request for 'claude-review-refs/pull/42/merge' exists", 'cancelled'],
  ['Job has reached the specified backoff limit\nReason: DeadlineExceeded', 'timeout'],
  ['errorCredit balance is too low', 'credit-balance-low'],
  ['Status Code: 402\n{"error":"Insufficient credits on your account"}', 'credit-balance-low'],
  ['review bot: stopped after 45 turns, exceeding the maximum of 40', 'claude-error'],
  ["The comments tool requires 'pull-requests: write' permission.", 'github-token-permission'],
  ["You're out of extra usage · resets 4pm", 'usage-limit'],
  ['Error: out of usage credits for this month', 'usage-limit'],
  ['Error: 404 {"type":"error","error":{"type":"not_found_error","message":"model: claude-opus-9"}}', 'model-not-found'],
  ['[agent] Stream error: AbortError: This operation was aborted', 'cancelled'],
  [
    '⎿ API Error (529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}) · Retrying in 4 seconds… (attempt 4/10)\n⎿ API Error: Operation aborted',
    'overloaded',
  ],
  ['watchdog: no output for 600s, killing the agent\nError: This operation was aborted', 'timeout'],
  [
    'botocore.exceptions.ReadTimeoutError: Read timeout on endpoint URL: "https://bedrock-runtime.us-east-1.amazonaws.com/model/x/invoke"',
    'network-error',
  ],
  [
    '[request] /model/eu.anthropic.claude-haiku-4-5-v1:0/invoke-with-response-stream\nAPI error (attempt 2/11): 403 403 {"Message":"Forbidden"}',
    'cloud-credentials-invalid',
  ],
])

cases('cloud providers', [
  [
    'An error occurred (InvalidSignatureException) when calling the InvokeModel operation: The request signature we calculated does not match the signature you provided.',
    'cloud-credentials-invalid',
  ],
  [
    'User: arn:aws:sts::123456789012:assumed-role/ci/gh is not authorized to perform: sts:AssumeRoleWithWebIdentity',
    'cloud-credentials-invalid',
  ],
  [
    'AccessDenied: not authorized to perform: bedrock:InvokeModelWithResponseStream with an explicit deny in a service control policy',
    'cloud-credentials-invalid',
  ],
  ['DefaultAzureCredential failed to retrieve a token from the included credentials.', 'cloud-credentials-invalid'],
  ['google.auth.exceptions.DefaultCredentialsError: Your default credentials were not found.', 'cloud-credentials-invalid'],
  ["API Error: 403 Authorization header requires 'Signature' parameter.", 'cloud-credentials-invalid'],
])

cases('prose that quotes errors is not a failed run', [
  [
    '## Summary\n- Retry 429 rate limit responses with backoff\n- Surface `Request timed out` as a network error\n\n## Test plan\n- unit tests',
    'none',
  ],
  [
    'It would be great if the action could tell us when the 5-hour session limit is close, so we can pause jobs before `529 Overloaded` errors pile up.',
    'none',
  ],
  [
    "I've updated the error handler so that when the API returns `credit balance is too low`, the app now shows a banner instead of crashing.",
    'none',
  ],
  [
    '### v2.3.0\n- Fixed a crash when the API answered 529 Overloaded\n- Handle "No conversation found" when resuming a session',
    'none',
  ],
  [
    'We saw the runs stop with a rate limit last week. This change spreads the jobs so that they no longer hit the limit at the same time, and adds a retry.',
    'none',
  ],
  [
    '### Why the cap goes\n\nThe cap on turns cut the longest reviews short, and those are exactly the reviews that are worth reading in full.\n\n```json\n{"subtype": "error_max_turns", "is_error": true, "num_turns": 31}\n```\n\nWall-clock time is the real budget, so the flag is removed and `timeout-minutes` bounds the job instead.',
    'none',
  ],
])

cases('a write-up whose headings or commit line lost their Markdown is still about a change', [
  [
    'Summary\n\nRetry the request when the API answers 529 Overloaded, with backoff.\n\nTest plan\n\n- ran the unit tests',
    'none',
  ],
  [
    'fix(api): wait when the API says 429 Too Many Requests\n\nThe client honours retry-after instead of failing the job.',
    'none',
  ],
  ['Fixes#42. The spawn of claude failed with spawn claude ENOENT on Windows, so the call now uses a shell there.', 'none'],
])

cases('a reporter’s own line that quotes what the run printed is a failure', [
  ['Every time I run `claude -p "hi"` in CI it returns `Invalid API key · Fix external API key`', 'api-key-invalid'],
])

cases('more families, in words of our own', [
  ['agent run: claude exited with status 127', 'claude-not-found'],
  ['Error: the Claude Code CLI is not installed on this machine', 'claude-not-found'],
  ['步骤失败：未找到 claude 命令', 'claude-not-found'],
  ['[12:00:01] runner: received SIGTERM, stopping', 'cancelled'],
  [
    '{"type":"result","subtype":"success","is_error":true,"api_error_status":429,"result":"You have hit your session lim',
    'usage-limit',
  ],
  ['[ERROR] session failed\n  error: invalid_request', 'invalid-request'],
  ['WARN No credentials found for provider anthropic\nError: Claude Code process exited with code 1', 'api-key-missing'],
  ['env:\n  ANTHROPIC_API_KEY: \nClaude result reported is_error: true', 'api-key-missing'],
  [
    'Error: litellm.BadRequestError: {"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: 999999 > 64000"}}\nINFO: 10.0.0.1 - "GET /api/threads/7 HTTP/1.1" 500 Internal Server Error',
    'invalid-request',
  ],
  [
    '[{"error":"The connection was reset by the other side while the request was being streamed to the client","timestamp":"2026-01-01T00:00:00Z"}]',
    'network-error',
  ],
])

cases('after batches b11 and b12, in words of our own', [
  ['It would be great if the agent kept retrying:\n\n```\n⎿ 529 Overloaded · Retrying in 3 seconds… (attempt 5/10)\n```', 'none'],
  ['API Error: 400 {"error":{"message":"Unknown model: gpt-oss-999"}}', 'model-not-found'],
  ['API Error: 400 messages.3.content.1.image: the image dimensions exceed the maximum allowed size', 'request-too-large'],
  [
    "claude : The term 'claude' is not recognized as the name of a cmdlet, function, script file, or operable program.",
    'claude-not-found',
  ],
  [
    'Run gh pr comment 1 --body "Thanks, this PR looks good"\n  shell: /usr/bin/bash -e {0}\nGraphQL: Resource not accessible by integration (addComment)',
    'github-token-permission',
  ],
  [
    'The Claude Code executable was not found. Please install it with the native installer or pass pathToClaudeCodeExecutable in the options.',
    'claude-not-found',
  ],
  ['⎿ API Error: 403 The security token included in th', 'cloud-credentials-invalid'],
])

cases('after batches b13 and b14, in words of our own', [
  [
    'API Error: 413 {"type":"error","error":{"type":"invalid_request_error","message":"Prompt exceeds model context window"}}',
    'context-window-exceeded',
  ],
  ['"Error: --resume cannot be used with --fork-session here."', 'claude-error'],
  ['Could not find Claude Code command: claude', 'claude-not-found'],
  ['⎿ API Error: 522 <html><title>api.example.com | 522: Connection timed out</title></html>', 'server-error'],
  [
    '## What\n\nThe bridge now tells the owner when a 402 says the credits ran out.\n\n## Why\n\nThey got no reply at all.',
    'none',
  ],
  [
    'litellm.BadRequestError: Litellm_proxyException - Budget has been exceeded! Current cost: 51.2, Max budget: 50.0',
    'spend-limit',
  ],
  [
    'ERROR | gateway | 400 - {"message":"Input is too long.","reason":"CONTENT_LENGTH_EXCEEDS_THRESHOLD"}',
    'context-window-exceeded',
  ],
  ['⏺ API Error: Opus can’t help with this. Start a new session to continue.', 'usage-policy-refusal'],
  [
    'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"model: Input should be a valid string"}}',
    'invalid-request',
  ],
  ['This lets Dependabot run the review:\n\n```\nWorkflow initiated by non-human actor: dependabot (type: Bot).\n```', 'none'],
])

cases('after batches b15 and b16, in words of our own', [
  ['Removes the nightly review job: it fails on every run with `API Error: 404 model: claude-3-opus-20240229`.', 'none'],
  ['Nightly review crashed before it wrote a report.', 'claude-error'],
  ["You've hit your monthly spend limit · raise it at claude.ai/settings/usage", 'usage-limit'],
  [
    'API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"Extra usage is required for 1M context"}}',
    'usage-limit',
  ],
  ['API Error: 400 prompt token count of 130,211 exceeds the limit of 128,000', 'context-window-exceeded'],
  ['2 images exceed the API limit (5MB)', 'request-too-large'],
  ['[bot] run failed: Error: Claude Code cannot run inside another Claude Code session.', 'claude-error'],
  [
    '502 Bedrock call failed: Model access is denied: the role is not authorized to perform the Marketplace actions',
    'cloud-credentials-invalid',
  ],
  ['⏱️ API Timeout (read): request exceeded the time limit', 'network-error'],
])

cases('a client that gave up, a status it reports, a run that recovered from its retries', [
  ['[WARN] upstream answered 429 three times, giving up', 'rate-limited'],
  ['worker: the API responded with 503; aborting', 'server-error'],
  ['anthropic call returned HTTP 529, bailing out', 'overloaded'],
  ['claude exited unexpectedly', 'claude-error'],
  ['Unable to finish the review: the reply was empty', 'claude-error'],
  ['Could not post the summary comment', 'claude-error'],
  ['the step went past its 45-minute limit and was cancelled... exceeded its 45 minute limit', 'timeout'],
  ['NoCredentialsError: Unable to locate credentials', 'cloud-credentials-invalid'],
  ['Error when retrieving token from sso: Token has expired and refresh failed', 'cloud-credentials-invalid'],
  // A wrapper's "done" after a hard failure is not a recovery.
  ['sh: 1: claude: not found\n✅ review finished', 'claude-not-found'],
  ['Error: 401 invalid x-api-key\nDone.', 'api-key-invalid'],
  // Retries the run came through.
  ['12:00:01 WARN 529 Overloaded, retrying in 4s (attempt 1/3)\n12:00:06 INFO review posted\n12:00:06 INFO Done', 'none'],
  ['request failed: 429 Too Many Requests; will retry after 10s\nRetry succeeded\n✓ all checks passed', 'none'],
  ['API returned 500, retrying...\nexited with code 0', 'none'],
  // Retries the run did not come through.
  ['WARN 529 Overloaded, retrying in 4s (attempt 3/3)\nERROR retries exhausted: 529 Overloaded', 'overloaded'],
  ['WARN got 429, retrying in 4s (attempt 1/3)', 'rate-limited'],
  ['Here is a summary of the changes:\n1. `api.ts`: print `Error: No conversation found` as a hint\n2. Tests pass', 'none'],
])

cases('error bodies without a type, results that say why in other fields, and lines that are not output', [
  // The result's text and its `errors` carry the status and the kind.
  [
    '{"type":"result","subtype":"success","is_error":true,"result":"API Error: 403 {\\"type\\":\\"error\\",\\"error\\":{\\"type\\":\\"account_on_hold\\",\\"message\\":\\"on hold\\"}}","session_id":"s"}',
    'organization-disabled',
  ],
  [
    '{"type":"result","subtype":"success","is_error":true,"result":"API Error: 413 something else","session_id":"s"}',
    'request-too-large',
  ],
  [
    '{"type":"result","subtype":"error_during_execution","is_error":true,"errors":["No conversation found with session ID: 42"],"session_id":"s"}',
    'session-not-found',
  ],
  [
    '{"type":"assistant","message":{"content":[],"stop_reason":"refusal"},"session_id":"s"}\n{"type":"result","subtype":"error_during_execution","is_error":true,"session_id":"s"}',
    'usage-policy-refusal',
  ],
  // A gateway's body with a message and a code but no type; who answered decides the bare status.
  ['{"error":{"message":"claude-x is not a valid model name","code":400}}', 'model-not-found'],
  ['proxy said: {"error":{"message":"upstream refused","code":"429"}}', 'rate-limited'],
  [
    'POST https://my-res.services.ai.azure.com/anthropic/v1/messages\n{"error":{"code":"401","message":"Access denied due to a key we do not know"}}',
    'cloud-credentials-invalid',
  ],
  // Wordings of a family, in other words.
  ['The organization that owns this key was suspended.', 'organization-disabled'],
  ['403: OAuth token lacks the scope this call requires', 'oauth-token-invalid'],
  ['401 {"error":{"type":"authentication_error","message":"the api-key header is missing"}}', 'api-key-missing'],
  ['Error: invalid model identifier claude-9', 'model-not-found'],
  ['Error: conversation too long, please compact', 'context-window-exceeded'],
  ['Error: payload size exceeds the 32 MB limit', 'request-too-large'],
  ["Message(content=[], stop_reason='refusal', usage=Usage(input_tokens=10, output_tokens=0))", 'usage-policy-refusal'],
  ['Error: response blocked by the content filter', 'usage-policy-refusal'],
  [
    'Traceback (most recent call last):\n  File "run.py", line 3, in <module>\n    await asyncio.wait_for(job(), timeout=60)\nTimeoutError',
    'timeout',
  ],
  ['bash: /usr/local/bin/claude: cannot execute binary file: Exec format error', 'claude-not-found'],
  ['Error: spawn /home/runner/.local/bin/claude EACCES', 'claude-not-found'],
  // Code, a workflow's settings, checks that passed and a table of advice quote errors; they are not output.
  ['+  if (status === 529) return retry(); // "Overloaded"\n+  throw new RateLimitError("429 Too Many Requests");', 'none'],
  [
    'permissions:\n  id-token: write   # or "Could not fetch an OIDC token"\ntimeout-minutes: 30 # else "The job has timed out"',
    'none',
  ],
  ['  ✓ returns 401 for an invalid x-api-key (2 ms)\n  ✓ maps 529 to overloaded (1 ms)\nTests: 2 passed, 2 total', 'none'],
  ['| Message | Fix |\n| --- | --- |\n| `claude: command not found` | Install Claude Code in a step before this one. |', 'none'],
  ['### What happened?\n<!-- e.g. `API Error: 500 {"type":"error"}` -->\n### Version', 'none'],
  ['This retries `overloaded_error` only once; consider using the same backoff as for 429.', 'none'],
  // A table of data is the run's own record.
  ['| attempt | cause | exit |\n| --- | --- | --- |\n| 1 | `OOMKilled` | 137 |', 'claude-error'],
])

cases('a bug report’s form: what happened counts, what should happen does not, and its headings are not a change’s', [
  [
    '## Describe the bug\nEvery call from CI ends with "API Error (403 The security token included in the request is invalid.)"\n\n## Expected behavior\nThe request goes through.',
    'cloud-credentials-invalid',
  ],
  [
    '## Steps to reproduce\n1. Send a prompt while the account hits its rate limit\n\n## Actual behavior\n`SchemaError: unexpected field` is raised and the session stops.',
    'claude-error',
  ],
  [
    '## Proposed changes\nStop retrying when the API says `401 invalid x-api-key`.\n\n## Observed behavior\n- before: retried 10 times',
    'none',
  ],
  ['{\n  type: "result",\n  subtype: "error_during_execution",\n  is_error: false,\n  errors: [],\n}', 'claude-error'],
  ['Error: --resume needs a valid session ID; "abc" is not a UUID', 'session-not-found'],
  ['Invalid session ID: 1234', 'session-not-found'],
])

cases('after batches b19 and b20, in words of our own', [
  ['worker: Failed to run Claude CLI: permission denied', 'claude-not-found'],
  ["Failed to launch claude: 'C:\\tools\\claude' is not a valid Win32 application", 'claude-not-found'],
  ['RuntimeError: the Claude Agent SDK is not installed in this image', 'claude-not-found'],
  ['ERROR: net.py:12 - upstream: [Errno 113] Network is unreachable. You may retry later.', 'network-error'],
  ['Error: failed retrieving credentials from the instance profile: timed out', 'cloud-credentials-invalid'],
  ['AuthenticationError: invalid subscription key for this Azure resource', 'cloud-credentials-invalid'],
  ['> `Error: Claude refused the request: it seems to violate the Acceptable Use Policy`', 'usage-policy-refusal'],
  ['400: Project `p1` is not allowed to use Publisher Model `claude-x`', 'model-not-found'],
  ['botocore ValidationException: messages: roles must alternate between "user" and "assistant"', 'invalid-request'],
  [
    '{\n  "error": {\n    "code": 400,\n    "message": "{\\"error\\":{\\"message\\":\\"prompt is too long: 9 tokens > 8 maximum\\"}}",\n    "status": "INVALID_ARGUMENT"\n  }\n}',
    'context-window-exceeded',
  ],
  [
    'The bot now prints the API error.\n```json\n{"type":"result","is_error":true}\n```\n🤖 Generated with [Claude Code](https://claude.com/claude-code)',
    'none',
  ],
])

cases('the class an SDK raised names the kind when the words do not, and a status in a field', [
  ['litellm.RateLimitError: AnthropicException - upstream said no', 'rate-limited'],
  ['anthropic.PermissionDeniedError: request denied', 'permission-denied'],
  ['openai.BadRequestError: something about the messages', 'invalid-request'],
  ['litellm.ContextWindowExceededError: too much', 'context-window-exceeded'],
  ['anthropic.APITimeoutError: gave no answer', 'network-error'],
  // The API's own type is the more precise: the Python SDK raises a 529 as an InternalServerError.
  ["anthropic.InternalServerError: {'type': 'error', 'error': {'type': 'overloaded_error', 'message': 'busy'}}", 'overloaded'],
  ['request failed: status_code=429 body=empty', 'rate-limited'],
  ['{"statusCode": 503, "message": "try later"}', 'server-error'],
])

cases('after batches b21 and b22, in words of our own', [
  ['Error: one of ANTHROPIC_API_KEY, CLAUDE_CODE_OAUTH_TOKEN or a cloud login must be set', 'api-key-missing'],
  ['12:01:00 [WARN] wrapper timeout reached, terminating claude', 'timeout'],
  ['sts.googleapis.com: invalid_grant: ID Token issued at 1700000000 is stale to sign-in', 'cloud-credentials-invalid'],
  ['[ FAIL ] agent check: Claude Code does not seem to be installed', 'claude-not-found'],
  ['[FAIL]   step 3 of 5', 'claude-error'],
])

cases('after batches b23 and b24, in words of our own', [
  // An error body inside a retry notice is a retry: the last retry, not an earlier body, says what ended the run.
  [
    'call failed {"type":"error","error":{"type":"overloaded_error","message":"busy"}}, retrying in 3s\ncall failed: getaddrinfo ENOTFOUND api.anthropic.com, retrying in 6s',
    'network-error',
  ],
  [
    'API Error (503 {"type":"error","error":{"type":"api_error","message":"down"}}) · Retrying in 2 seconds… (attempt 1/5)\nAll done: 4 files reviewed.',
    'none',
  ],
  // A refused subscription token was sent: a "no credential" line, even a later one, does not undo that.
  ['HTTP 401: OAuth token has expired; run claude setup-token again\nauth: No API key found, giving up', 'oauth-token-invalid'],
  ['Error: no API key found in the environment', 'api-key-missing'],
  // A commit message's trailers make it a change, whatever error it quotes.
  ['Ask for id-token: write so the OIDC token exchange stops failing with 401\n\nSigned-off-by: A Dev <a@example.com>', 'none'],
  ['Retry on 529 overloaded_error\n\nCo-Authored-By: Some One <one@example.com>', 'none'],
])

cases('after batches b25 and b26, in words of our own', [
  // A maintainer's reply that explains an error is not a failed run, whatever error it names.
  ['Thanks for the report! The CLI retries a 429 rate_limit_error twice, then stops and prints it.', 'none'],
  ["What you're seeing here is the `overloaded_error` the API sends under load; the client raises it on purpose.", 'none'],
  ['That is the intended behaviour: after `Request timed out` the run ends with exit code 1.', 'none'],
  // A bug report's "Actual" section is what happened, in the reporter's words, even among other bullets.
  [
    '**Expected**\nThe step stops after 5 minutes.\n\n**Actual**\nThe job hung for an hour; the timeout-minutes limit on the job finally cancelled it.\n\n**Environment**\n- It happens on two runners we use, every night since the update.',
    'timeout',
  ],
  ['The wrapper exits with status 2 and prints nothing else when the review is cut short by max turns.', 'claude-error'],
  // A provider named with a credential it could not find is that provider's refusal.
  ['Bedrock: unable to load a token for the role, so every call was rejected', 'cloud-credentials-invalid'],
  ['anthropic.AuthError: Could not resolve the API key from the environment', 'api-key-missing'],
  // Google's error body names Google in its details, with no word of Vertex around it.
  [
    '{"error":{"code":403,"message":"Caller lacks access to project p-1.","status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"SERVICE_DISABLED"}]}}',
    'cloud-credentials-invalid',
  ],
  ['{"error":{"code":403,"message":"Caller lacks access to project p-1.","status":"PERMISSION_DENIED"}}', 'permission-denied'],
])

cases('after batches b27 and b28, in words of our own', [
  ["TypeError: Invalid character in header content ['x-api-key']", 'api-key-malformed'],
  ['request failed: Unexpected char 0x0d at 108 in x-api-key value', 'api-key-malformed'],
  ['claude-code-action: Workflow validation failed; skipping', 'github-oidc-permission'],
  ['bash: claude: command not found', 'claude-not-found'],
  ['exec: "rg": executable file not found in $PATH', 'claude-error'],
  ['Error: the Claude Code binary is not installed for linux-arm64', 'claude-not-found'],
  ['No Claude API key found; set ANTHROPIC_API_KEY', 'api-key-missing'],
  ['Got an error from the model provider: tools.3.input_schema: Field required', 'invalid-request'],
  ['Received an error while streaming the reply', 'claude-error'],
  // A comment in a diff is source, whatever error it names.
  ['```diff\n+    // Give up after a 529 overloaded_error instead of looping\n+    retries = 0\n```', 'none'],
  [
    "Please show the model's name in this 404 error, to make it easier to tell which one is missing:\n```\nAPI Error: 404 model not found\n```",
    'none',
  ],
])

cases('after batches b29 and b30, in words of our own', [
  // A refused bearer token is worded apart from a refused API key.
  ['claude: 401 authentication_error: Invalid authentication credentials (run /login)', 'oauth-token-invalid'],
  ['claude: 401 authentication_error: invalid x-api-key', 'api-key-invalid'],
  [
    "claude: The term 'claude' is not recognized as a name of a cmdlet, function, script file, or executable program.",
    'claude-not-found',
  ],
  // Documentation speaks to a reader about an error they may meet; it is not a failed run.
  [
    'When the proxy drops the stream you might see this error:\n```\nAPI Error: Connection error.\n```\nRaise the proxy idle time-out.',
    'none',
  ],
  ['Quick start\n\nThe hook notices "Credit balance is too low" in the log and pauses the queue until credits arrive.', 'none'],
])

cases('after batches b31 and b32, in words of our own', [
  // A write-up's "The Problem" and "The Solution" are a write-up's headings, whatever error it quotes.
  [
    '## The Problem\n\nA long tool output can push the chat past the window:\n```\nAPI Error: 400 prompt is too long: 210000 tokens > 200000 maximum\n```\n## The Solution\n\nRun /compact before it happens.',
    'none',
  ],
  // An issue form's checkboxes do not make a bug report a change.
  [
    '## Environment\n- [x] Amazon Bedrock\n\n## Bug Description\nEvery prompt now ends with `API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`',
    'overloaded',
  ],
  // A report's symptoms are what happened.
  ['## Symptoms\n- the SDK gives up with "Control request timeout: initialize" after a minute', 'timeout'],
  ['Claude Code on Bedrock: every call gets 403 "invalid security token", the AWS CLI works', 'cloud-credentials-invalid'],
  ['Background task failed: the agent run exceeded 45 minutes.', 'timeout'],
])

cases('after batches b33 and b34, in words of our own', [
  ['Claude Code process exited with code 3221226505', 'claude-error'],
  // An error that says it did no harm, with its stack, is not the run's failure.
  [
    '[{"error":"Error: non-fatal: could not write the cache\\n    at w (/$bunfs/root/cli.js:1:2)","timestamp":"2026-01-01T00:00:00Z"}]',
    'none',
  ],
  ['12:00:01 [INFO] stop requested: calling abort handler for session 42', 'cancelled'],
  ['API Error: 529 overloaded_error\nInterrupted by user', 'overloaded'],
  [
    'API Error: 403 {"type":"error","error":{"type":"permission_error","message":"This is not a valid key for the workspace"}}',
    'api-key-invalid',
  ],
  ['supervisor: exceeded 900s, terminating claude', 'timeout'],
  ['adapter: claude -p returned malformed JSON on stdout', 'claude-error'],
  ['Error: your account does not have access to Claude Code. Ask your admin.', 'permission-denied'],
  ['[Feature] Wait and retry when the API says 529 Overloaded\n\n### Bug description\nIt stops my chat at every 529.', 'none'],
  [
    '| Message | Where to read |\n| --- | --- |\n| `Credit balance is too low` | [Billing](#credit-balance) |\n| `Request timed out` | [Network](https://example.com/net) |',
    'none',
  ],
])

cases('after batches b35 and b36, in words of our own', [
  ['$ export ANTHROPIC_BASE_URL=localhost:8080\n  ⎿  API Error: Invalid URL', 'network-error'],
  ['Sorry, we are having trouble connecting to Claude right now.', 'network-error'],
  // A client's generic title speaks only when the detail names nothing.
  ['{"title":"Could not reach the provider","detail":"Request failed with status code 404: model: claude-x"}', 'model-not-found'],
  // After a retry, a new step of the transcript shows the run went on.
  [
    '  ⎿  API Error (503 upstream busy) · Retrying in 2 seconds… (attempt 1/10)\n\n⏺ Now I will run the tests again.\n  Bash(npm test)',
    'none',
  ],
  ['  ⎿  API Error (503 upstream busy) · Retrying in 2 seconds… (attempt 1/10)', 'server-error'],
  [
    'This was addressed in 2.4.0:\n\n> Clearer errors when the subprocess fails, in place of a bare "process exited with code 1"',
    'none',
  ],
  [
    '**Bug behaviour:**\n1. Every hour the session token expires (403: "The security token included in the request is expired")\n2. The retry does not help',
    'cloud-credentials-invalid',
  ],
  ['provider: payload cannot exceed 10485760 bytes', 'request-too-large'],
  ['runner: the claude binary was found at /opt/claude but failed to start', 'claude-not-found'],
  ['orchestrator: agent did not become ready within timeout (120 s)', 'timeout'],
  ['| Symptom | Fix |\n| --- | --- |\n| `Error: Command failed: claude` | reinstall |\n| `exit code 1` | read the log |', 'none'],
])

cases('after batch b38, in words of our own', [
  ['##[error]The job running on runner ci-7 has exceeded the maximum execution time of 120 minutes.', 'cancelled'],
  ['worker: run exceeded the maximum execution time of 30 minutes', 'timeout'],
  ['onboard: key must start with sk-ant-api03-', 'api-key-malformed'],
  ['botocore: The AWS access key ID you provided does not exist in our records.', 'cloud-credentials-invalid'],
])

cases('after batch b37, in words of our own', [
  // In a report of prose, the writer's own run counts when they say it happened to them.
  [
    'I upgraded to the top plan through the app store, and I\'m already hitting the cap in under two hours. Oddly, the web app still lets me use Opus even though the terminal refuses. "Claude usage limit reached. Your limit will reset at 3 PM (Europe/Paris)." --> seen at 11 AM.\nMaybe there is a separate counter inside the CLI itself, or something like that?',
    'usage-limit',
  ],
  [
    'This version handles "Claude usage limit reached" by pausing the queue until the reset time it names.\nThe retry count moves to the settings page, so users can change it.',
    'none',
  ],
  // A listing with aligned columns is output, not a list of sentences.
  ['  1.   2m ago      9m ago        12 OAuth token has expired · Please run /login', 'oauth-token-invalid'],
  ['  Token refresh\n  Verification failed', 'claude-error'],
  ['Suddenly "API key was rejected" on every call with our Vertex service account.', 'cloud-credentials-invalid'],
  ['12:00 review job cancelled due to the time limit', 'timeout'],
])

cases('after batches b39 and b40, in words of our own', [
  ['worker: AxiosError: timeout of 30000ms exceeded', 'network-error'],
  // The step of a reproduction that says what came of it is what happened; the other steps are not.
  [
    '### Steps to reproduce\n1. Start a run with --resume and an old id\n2. See error: "No conversation found with session ID: abc"',
    'session-not-found',
  ],
  ['### Steps to reproduce\n1. Put an invalid API key in the secret\n2. Run the workflow', 'none'],
  // A section heading a pull request shares does not outweigh a writer who says it failed for them.
  ['## Description\nSince this morning I keep getting "Rate limit reached" on every run of the nightly job.', 'rate-limited'],
  ['## Description\nI keep hitting the rate limit, so it would be great if the CLI waited for the reset.', 'none'],
  ['config: API key not provided; set ANTHROPIC_API_KEY', 'api-key-missing'],
  ["ValueError: Illegal header value 'Bearer '", 'api-key-missing'],
  ["h11: Illegal header value b'Bearer sk-ant-api03-abc\\n'", 'api-key-malformed'],
  // What an error can do, and a page's date line, are no run's failure.
  [
    'A revoked key can return a 401 with "invalid x-api-key", and a retry will not mend it.\nThe guide below shows how to rotate keys in the Console without downtime.',
    'none',
  ],
  [
    'Last updated on 03/02/25\n\nRate limits and your plan\n\nIf you send too many requests you will see 429 Too Many Requests until the window resets.',
    'none',
  ],
  [
    'Match what you see to a section.\n| Message | Section |\n|---|---|\nInvalid API key | Authentication\nRequest timed out | Network',
    'none',
  ],
  ['API Error: messages.4.content.0: text content blocks must be non-empty', 'invalid-request'],
  ['proxy: 401 key not allowed to access model claude-opus-4', 'permission-denied'],
  ['auth: stored Claude access token has expired', 'oauth-token-invalid'],
  // Telemetry that could not be sent did not stop the run; an expired token explains a login that fails after it.
  ['Error: Request was aborted.\nError: analytics: 2 events failed to send (ECONNRESET)', 'cancelled'],
  ['API Error: 401 OAuth token has expired\nLogin failed: connect ETIMEDOUT 10.0.0.1:443', 'oauth-token-invalid'],
  ['API Error: Connection error. (ETIMEDOUT)', 'network-error'],
])

cases('after batches b41 and b42, in words of our own', [
  // The claude-code issue form's headings: what is wrong is what happened, what should happen is not.
  [
    "### What's Wrong?\nSince the update my runs stop because the API says the credit balance is too low, though the account is funded.",
    'credit-balance-low',
  ],
  [
    "### What's Wrong?\nclaude -p exits with API Error: 529 Overloaded\n\n### What Should Happen?\nIt should retry instead of failing with a rate limit error.",
    'overloaded',
  ],
  // A request for documentation, a guide's advice, a patch by mail: no run failed.
  [
    '### Documentation Type\nUnclear\n\n### Current Documentation\n> `API Error: 401 invalid x-api-key` | Fix authentication',
    'none',
  ],
  [
    'If you get `API Error: 401 invalid x-api-key`, create a new key in the Console.\nThe new key is shown once, so store it in the secret straight away.',
    'none',
  ],
  ['Subject: [PATCH 2/3] handle 529 overloaded with a retry\n\nAPI Error: 529 Overloaded no longer ends the run.', 'none'],
  ['## Description\nWe are experiencing "Request timed out" on every nightly run since Monday.', 'network-error'],
  [
    'API Error: 500 Internal server error\nUnlike a 529 (Overloaded), which usually means the servers are busy, a 500 is a generic failure on the backend.',
    'server-error',
  ],
  ['export ANTHROPIC_API_KEY=sk-ant-oat01-xxxx\nclaude -p hi', 'api-key-malformed'],
  ['Error: the model refused to answer this prompt', 'usage-policy-refusal'],
  ['bash: after the install finished, claude is not on PATH', 'claude-not-found'],
  ['**Describe the bug**\nThe action fails to exchange the OIDC token since yesterday.', 'github-oidc-permission'],
  ['In 4 of 10 attempts the pipeline timed out while installing dependencies.', 'timeout'],
  ['- 09:14 - run manually cancelled after twenty quiet minutes', 'cancelled'],
  // Two lines that name a token and a permission are not a token that lacks one.
  ['Using GITHUB_TOKEN from the app\nChecking permissions for actor: octo-bot', 'none'],
  ['Error: usage: your session limit has been exceeded', 'usage-limit'],
  // The line after "I got this:" is what the writer's run printed.
  [
    'I have been using the terminal app every day for months without any trouble at all.\nYesterday, after about an hour of work, I got the dreaded message:\nYour weekly limit has been reached.\nI am on the biggest plan, so this surprised me a lot.',
    'usage-limit',
  ],
  ['An image in this chat exceeds the size limit for requests (5 MB).', 'request-too-large'],
  ['The maximum tokens you requested exceeds the model limit of 64000', 'invalid-request'],
  [
    '### Observed behaviour\nThe job is stuck until it is manually cancelled.\n\n## Root Cause Analysis\nThe MCP servers are never stopped.',
    'cancelled',
  ],
  ['## Current behavior\nA 529 ends the run.\n\n## Proposed behavior\nRetry it a few times first.', 'none'],
  [
    '## Summary\nOur review job has failed on every PR with:\n\n> Could not fetch an OIDC token.\n\nThis PR adds `id-token: write`.',
    'none',
  ],
])

cases('after batch b44, in words of our own', [
  ['gateway: could not find a secret named ANTHROPIC_API_KEY in this workspace', 'api-key-missing'],
  ['tools.12.custom.input_schema: Schema must be an object', 'invalid-request'],
  ['Running claude -p from our scheduler returns a timeout after ten minutes', 'timeout'],
  // Another tracker's form, and a title that calls the issue a bug.
  ['### What problem are you experiencing?\n\nOur agent stops and the log shows "Request rejected (429)".', 'rate-limited'],
  [
    'bug: review workflow fails on every pull request\n\n## Summary\n\nThe review job fails on every pull request with:\n\n```\nError: Could not fetch an OIDC token.\n```',
    'github-oidc-permission',
  ],
  // A writer who says it failed for them, while asking for a feature, reports a failed run.
  [
    'I\'m getting a lot of 529 errors from the API:\n\n```\n{"type":"overloaded_error","message":"Overloaded"}\n```\n\nIt would be great if the tool retried these by itself.',
    'overloaded',
  ],
  [
    'When I try to use it from the editor, I faced with this:\n\nThe message said: `Invalid API key · Fix external API key`\nThe terminal works fine on the same machine.',
    'api-key-invalid',
  ],
  // A command's own words, and what a sentence quotes, are not the writer's.
  ['$ claude -p "summarise this PR"\nAPI Error: 500 Internal server error', 'server-error'],
  [
    '> API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"OAuth token\n> has expired"}}',
    'oauth-token-invalid',
  ],
  ['When Claude Code prints `API Error: 529 Overloaded`, it would be great if it retried on its own.', 'none'],
])

cases('after batches b43 and b45, in words of our own', [
  ['% claude -p "hello"\nzsh: command not found: claude', 'claude-not-found'],
  ['##[error]This user cannot trigger the action; list them in allowed_non_write_users', 'github-actor-permission'],
  ['setup: the subscription token sk-ant-oat01-abc went in as the key; the API said invalid x-api-key', 'api-key-malformed'],
  ['API Error: Error: unable to get local issuer certificate', 'network-error'],
  [
    'Limit message changed\n\nThe limit line now reads: 5-hour limit reached ∙ resets 1am\nCould you please update the extension to read it?',
    'none',
  ],
  // A block of changes or settings is source, not output.
  ['Suggested change:\n```diff\n+    permissions:\n+      id-token: write\n```', 'none'],
  ['```yaml\nenv:\n  FALLBACK_MESSAGE: "Credit balance is too low"\n```', 'none'],
  // Prose that pastes an error line in a block reports it, even without a verb that says so.
  [
    '# Context is too long for the proxy\n\nThe context is longer than the proxy allows, so it would be better if the proxy trimmed it.\n\n```\n ERROR  HTTP error: prompt is too long: 210000 tokens > 200000 maximum\n```',
    'context-window-exceeded',
  ],
  // A guide's entries are no run's failure.
  [
    '500 Internal Server Error\n\n  • Cause: an unexpected failure on the API side\n  • Fix: check the status page and try again.\n\nRequest Timed Out\n\n  • Cause: a slow network\n  • Fix: check your proxy settings.',
    'none',
  ],
  ['# review task is hanging\n\nThis went on for twenty minutes at the setup step before I manually cancelled it.', 'cancelled'],
])

cases('after batches b46 and b47, in words of our own', [
  ['The SDK waits for the handshake, then gives up with a timeout after 30 seconds.', 'timeout'],
  ['proxy: Request exceeds maximum size (32 MB)', 'request-too-large'],
  ['Spawning Claude Code process: node cli.js --output-format stream-json\nwhich exits with 2', 'claude-error'],
  ['worker: Adapter execution timeout (960 s)', 'timeout'],
  [
    'ANTHROPIC_API_KEY is set to my subscription token from setup-token\nError: Invalid API key · Fix external API key',
    'api-key-malformed',
  ],
  ['provider: CredentialsNotLoaded { source: "no providers in chain provided credentials" }', 'cloud-credentials-invalid'],
  // A pull request's form, a how-to's title, and a guide's 'Fix:' lines are no run's failure.
  [
    '## Title\n\nHandle this error:\n{"type":"invalid_request_error","message":"max_tokens: 99999 > 64000"}\n\n## Pre-Submission checklist\n\nPlease complete every item before asking for a review.',
    'none',
  ],
  ['How to fix "API Error: 401" in Claude Code\n\nYou start the terminal and it greets you with: Invalid API key', 'none'],
  [
    'Symptom: the terminal returns 401 invalid x-api-key.\nCause: the base URL is wrong.\nFix: set ANTHROPIC_BASE_URL again.',
    'none',
  ],
  // What comes after 'it gives the following error.' is the run's output, however it is quoted.
  [
    'I am setting up the tool on a new laptop and the setup keeps looping for a long while.\n\nAnd then it gives the following error.\n\n> provider: ConnectorError { kind: Timeout, source: HttpTimeoutError { duration: 3.1s } }\n\nIs the region taken into account at all when it calls the model?',
    'network-error',
  ],
])

cases('after batch b49, in words of our own', [
  [
    'The review workflow fails with Environment variable validation failed when the secret is missing; we hit it on every fork.',
    'api-key-missing',
  ],
  ['The job returns is_error:true at once; it points to CLAUDE_CODE_OAUTH_TOKEN being expired.', 'oauth-token-invalid'],
  ['Each time I hit my 5 hr limit the nodes keep retrying every five minutes.', 'usage-limit'],
  ['API Error: 400 Requests from other apps now bill to your extra usage, not your plan.', 'usage-limit'],
  ['- then it shows: "Roo said 5-hour limit reached · resets 2am" though my usage does not add up', 'usage-limit'],
  // A bug report's opening paragraph says what happened.
  [
    'Assistant: cloud credentials expire mid-session\n\nThe assistant with Amazon Bedrock fails after some time with "HTTP 403: The security token included in the request is expired". The credentials are managed by the platform, so refresh should be automatic.\n\n## Steps to reproduce\n\n1. Open the app with managed AWS credentials.\n2. Wait an hour and send a message.\n\n## Expected\n\nThe chat keeps working without a reload.',
    'cloud-credentials-invalid',
  ],
])

cases('after batch b48, in words of our own', [
  [
    '**Bug Description**\nSame error again: my credit balance is still too low, though the account has funds.',
    'credit-balance-low',
  ],
  [
    "Request failed: Unexpected Usage Policy violation\n\nI'm also getting this error on every prompt since this morning.",
    'usage-policy-refusal',
  ],
])

cases('after batches b50 and b51, in words of our own', [
  // A failure pasted in a code block, a quote or a line of code makes a report of a text whose sections
  // (Summary, Root Cause) a pull request shares; only a change's own words make it one.
  [
    '## Summary\n\nThe nightly job stopped on its second step.\n\n```\nError: spawn claude ENOENT\n```\n\n## Root Cause\n\nThe runner image lost its global npm folder.',
    'claude-not-found',
  ],
  [
    '## Summary\nThe release workflow breaks for some packages with:\n\n> ✘ Could not load the agent: its source is not supported by this Claude Code version.\n\nOthers in the same folder work.',
    'claude-error',
  ],
  [
    '输入任何内容都会出现下面的提示:\n\n`API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}`\n\n不知道是不是中转服务的问题，请帮忙看看',
    'rate-limited',
  ],
  [
    '## Problem\nThe pipe stops on the error below.\n\n```\nAPI Error: 429 {"type":"error","error":{"type":"rate_limit_error"}}\n```\n\n## Fix\nThe client now waits for retry-after.',
    'none',
  ],
  // A message in single quotes is the program's words, not the writer's.
  [
    "The review job fails with 'Could not fetch an OIDC token' because it runs on pull_request, which strips the permission for forks.",
    'github-oidc-permission',
  ],
  // Errors saved as JSON inside a string are judged one by one: a telemetry error first does not hide the rest.
  [
    `**Errors**\n\`\`\`\n${JSON.stringify([
      {
        error: JSON.stringify([
          { error: 'Error: 1P event logging: 2 events failed to export (code=ETIMEDOUT)' },
          { error: 'Error: connect ECONNREFUSED 10.0.0.4:443\n    at TCPConnectWrap.afterConnect (node:net:1595:16)' },
        ]),
      },
    ])}\n\`\`\`\n`,
    'network-error',
  ],
  // What a change is meant to do reports no failed run.
  [
    'Grant id-token to the review workflow\n\nThis is meant to fix the failing runs. Without it the action fails with "Could not fetch an OIDC token".',
    'none',
  ],
])

cases('after batches b52 and b53, in words of our own', [
  // A status written with its reason in lower case is still that status.
  ['request failed: 529 overloaded, giving up', 'overloaded'],
  // The TLS codes runtimes give a certificate an inspecting proxy put in the chain.
  ['Error: DEPTH_ZERO_SELF_SIGNED_CERT', 'network-error'],
  ['Post "https://api.anthropic.com/v1/messages": x509: certificate signed by unknown authority', 'network-error'],
  // A subscription's account suspended after a review is refused as a disabled organisation is.
  [
    'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"This account has been suspended pending review."}}',
    'organization-disabled',
  ],
  // A run stopped when its time reached a limit.
  ['[runner] the claude process was killed when its runtime reached the 600 second limit', 'timeout'],
  // An issue form's checklist is not a pull request's.
  [
    '### Checklist\n- [x] I searched the existing issues\n\n### What happened?\nWhen I start a review I get:\n```\nError: spawn claude ENOENT\n```',
    'claude-not-found',
  ],
  [
    '## Changes\nRetry the review once on an overloaded API.\n\n```\nAPI Error: 529 {"type":"error","error":{"type":"overloaded_error"}}\n```\n\n## Checklist\n- [x] tests added',
    'none',
  ],
  // A guide that says what it is quotes the message it explains.
  [
    '# What the usage limit message means\n\nThis guide walks through the message and what to do about it:\n\n```\nClaude usage limit reached. Your limit will reset at 5pm.\n```\n\nWait for the reset, or switch to an API key.',
    'none',
  ],
])

cases('reports in Chinese, Japanese and Korean, which seldom name their subject', [
  ['运行 claude -p 的时候一直提示 `Credit balance is too low`，账户里明明有余额', 'credit-balance-low'],
  ['claude を実行すると `API Error: 529 Overloaded` が表示されます', 'overloaded'],
  ['claude 실행 시 `rate_limit_error` 가 발생합니다', 'rate-limited'],
  // A change's account of a problem in Chinese, under its own headings, quotes the error it fixes.
  ['## 问题\n\n测试连接时返回 `invalid x-api-key`，令牌本身有效。\n\n## 根因\n\n检查时用错了认证头。', 'none'],
  ['## 问题\n\nagent 回复 "Not logged in · Please run /login"\n\n## 改动\n\n启动前先检查登录状态。', 'none'],
])

cases('after batch b54, in words of our own', [
  // A library's documentation of the errors it raises quotes them all.
  [
    '## Error handling\n\nThe SDK raises these:\n\n```python\nfrom agent_sdk import (\n    CLINotFoundError,  # the claude binary is missing\n    ProcessError,      # the process failed\n)\n```\n',
    'none',
  ],
  [
    '## Handling errors\n\nA 429 Rate Limit and a 529 overloaded_error are retried twice by default.\n\n| 401 | AuthenticationError |',
    'none',
  ],
  // A policy's name in quotes before the word for breaking it.
  ['### What happened?\nI asked it to rename a variable and got a "Usage Policy" violation.', 'usage-policy-refusal'],
  // The bare words a run ends with when it failed and said no more.
  ['### Bug Description\nSometimes the run prints no result and just says "Execution error".', 'claude-error'],
])

cases('after batch b55, in words of our own', [
  // A status with the word for what came back: `gets a 503 response`, `500 error.`
  ['### What happened?\nEvery request gets a 503 response after about a minute.', 'server-error'],
  ['Actual behaviour:\n500 error.', 'server-error'],
  // A client's log of the model's refusal.
  ["2026-07-01 10:00:00.100 [warning] [chat] Refusal received: category='cyber' for model claude-x", 'usage-policy-refusal'],
  // Bedrock's refusal of a model, in its other wording.
  [
    '### What happened?\nWhen I switch the provider to Bedrock I get: "You don\'t have permission to use the model with the specified model ID."',
    'cloud-credentials-invalid',
  ],
  // GitHub's concurrency group cancels a run when a newer one starts.
  ['Run cancelled due to concurrency: a newer run of this workflow started', 'cancelled'],
  // What the code does now that it did not is a change's account.
  [
    "Anthropic answers 400 'credit balance is too low' and the check missed it. Now matches 'balance is too low' as well.",
    'none',
  ],
  // A reader's question is not a how-to's title.
  ['Every run ends like this:\n\n```\nError: spawn claude ENOENT\n```\n\nHow to fix this?', 'claude-not-found'],
  // A Markdown quote holds another's words (here the prompt), not the writer's request.
  [
    'I asked it:\n\n> I would like to get a summary of this repository\n\nand it failed with:\n\n```\nAPI Error: 500 Internal server error\n```',
    'server-error',
  ],
  // A reproduction step in which the writer says what they got.
  [
    '### Steps to reproduce\n1. Set the provider to Bedrock\n2. When I added the key I got this error: "Could not load credentials from any providers"',
    'cloud-credentials-invalid',
  ],
  // A line that says the trouble is over names no cause.
  ['API Error: 529 overloaded this morning, seems to be resolved now', 'none'],
])

cases('after batch b57, in words of our own', [
  // The API's safety classifiers, in their newer wording, glued or not.
  [
    'API Error: the model has safety measures that flagged this message for a biosecurity topic. Try rephrasing the request.',
    'usage-policy-refusal',
  ],
  ['Agent failed: API Error: safetymeasures that flagged this message for review', 'usage-policy-refusal'],
  // A guide in Japanese or Chinese says what it is, as an English one does.
  [
    '本記事では、Claude Code の 429 エラーの原因と対処を整理します。\n\n```\nAPI Error: 429 {"type":"error","error":{"type":"rate_limit_error"}}\n```',
    'none',
  ],
  ['本文将介绍 `Credit balance is too low` 错误的原因。\n\n```\nCredit balance is too low\n```', 'none'],
  // A reference page on one error.
  [
    'authentication_error\n\nWhat the error looks like\n\n{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}\n\nCommon causes\n\n- a key with a stray newline',
    'none',
  ],
])

cases('after batch b56, in words of our own', [
  // A beta header the API does not know, and a token budget over what the model allows.
  [
    'Error: Unexpected value(s) `context-1m-2026-01-01` for the `anthropic-beta` header. Try again without the header.',
    'invalid-request',
  ],
  [
    '### What happened?\nThe first prompt fails: `thinking.budget_tokens` must not exceed the max_tokens the request sets.',
    'invalid-request',
  ],
  [
    "### What happened?\nClaude Code asks for max_tokens of 300000 on every request to this model, which exceeds the model's limit.",
    'invalid-request',
  ],
  // A router's own status to its client, for a path that is not the API's, says nothing of the API.
  [
    'Since this morning all my calls have been failing with APIConnectionError. Here is what the app logs, does anyone know why?\n\n2026-05-01T10:00:00Z app[web.1]: sending the prompt\n2026-05-01T10:00:01Z heroku[router]: at=info method=POST path="/chat" status=500 bytes=12\n2026-05-01T10:00:01Z app[web.1]: streaming the answer',
    'network-error',
  ],
])

cases('after batches b58 and b59, in words of our own', [
  // A report's workaround is not a change's account.
  [
    '### What happened?\nEvery prompt fails with 401 "Invalid bearer token". Removing the old variable fixes it.',
    'oauth-token-invalid',
  ],
  // "I now receive" reports; "now" in a change's account does not.
  ['Since the update I now receive an Error code 503 from the API on every call.', 'server-error'],
  // A Chinese report's full-width colon introduces the quoted message.
  [
    '## 现象\n\n在会话里发送任何消息时都会收到：\n\n> Your organization has disabled Claude Code for this workspace · Ask your admin to turn it back on, or use an API key instead\n\n但是用量面板仍然显示正常的配额，看起来没有任何问题。\n\n## 复现\n\n- 登录后发送任意一条消息。',
    'permission-denied',
  ],
  // A pull request's "What & why" section.
  [
    '## What & why\n\nThe review job failed:\n\n```\nError: spawn claude ENOENT\n```\n\nThe workflow now installs the CLI first.',
    'none',
  ],
  // A blog post's reading time.
  [
    'Our agent kept getting 401s · 5 min read\n\n```\nAPI Error: 401 invalid x-api-key\n```\n\nThe key had a trailing newline.',
    'none',
  ],
  // An operating system's refusal is a failure with no cause to name.
  ["Every tool call fails with:\n\n```\nEACCES: permission denied, open '/var/cache/agent/lock'\n```", 'claude-error'],
  // Neovim's words for a program it could not start.
  ["[agent] Failed: vim/_system.lua:254: ENOENT: no such file or directory (cmd): 'claude'", 'claude-not-found'],
  // A bare error whose stack runs through Node's HTTP client failed to connect; a status still decides.
  ['[{"error":"Error\\n    at emitError (node:events:43:23)\\n    at <anonymous> (node:_http_client:248:22)"}]', 'network-error'],
  ['API Error: 500 Internal server error\n    at <anonymous> (node:_http_client:248:22)', 'server-error'],
])

cases('an update the writer went through is no change of theirs', [
  ['After the update I get an Error code 401 on every prompt and I have no idea why this happens to me.', 'api-key-invalid'],
  ['This PR updated the handler for "Error code 401" responses.', 'none'],
])

cases('after batch b60, in words of our own', [
  // "I got the following." mid-line introduces the error body pasted below it, fenced or not.
  [
    'I tried again an hour later and it was still the same for me, so I am asking here first.\nI asked a second question and I got the following. Nothing in my settings changed since yesterday and I am a bit lost here.\n\n429 {"type":"error","error":{"type":"rate_limit_error","message":"Please slow down; you may also contact sales about a higher limit, or try again later."}}',
    'rate-limited',
  ],
  // httpx's words for a status it raised on.
  ["httpx.HTTPStatusError: Server error '503 ' for url 'https://api.anthropic.com/v1/messages'", 'server-error'],
])

cases('after batch b61, in words of our own', [
  // A message the API refuses for its shape, passed on by a relay as its own api_error.
  [
    'API Error: 502 {"error":{"message":"upstream said: messages: text content blocks must be non-empty","type":"api_error"}}',
    'invalid-request',
  ],
  // Claude Code's words for a model it cannot use, shortened.
  ['Error: the selected model (opus-x) may not exist or may not have access', 'model-not-found'],
  // A Chinese sentence that ends on what the run showed introduces the message on the next line.
  [
    '这两天调用的时候一直提示403\nAccess forbidden (403): OAuth token has been revoked, please sign in again.\n\n重新授权以后过一会儿又是这样，官网上能看到授权记录，但就是用不了，请问是什么原因',
    'oauth-token-invalid',
  ],
  // A Chinese report of a run its time limit stopped.
  [
    '## 问题描述\n\nAgent 运行约 40 分钟后触发超时机制，进程被强制终止，没有返回任何结果。\n\n## 期望行为\n\n在超时前给出中间反馈，而不是直接结束。',
    'timeout',
  ],
])

cases('after batch b62, in words of our own', [
  // Go's TLS layer, as a provider's client prints it.
  ['Post "https://api.anthropic.com/v1/messages": remote error: tls: handshake failure', 'network-error'],
  // What would happen without a change is no failed run.
  [
    'The review job needs pull-requests: write to post its comment. Without it, the job fails with "Resource not accessible by integration".',
    'none',
  ],
  // A change's subject line about the errors it handles.
  ['handle overloaded_error from the Anthropic client as a retryable error', 'none'],
  // A low credit balance, in other words.
  ['Error: request refused: low credit balance on this organization', 'credit-balance-low'],
])

cases('after batch b63, in words of our own', [
  // A feature request's "Why it matters" section.
  [
    '## Problem\nThe gateway shows a vague message when the API is overloaded:\n\n```\nAPI Error: 529 {"type":"error","error":{"type":"overloaded_error"}}\n```\n\n## Why it matters\nUsers cannot tell whether to wait or to restart.',
    'none',
  ],
  // A wrapper that gave up waiting for the session it started.
  ['app.go:12: failed to start session: timed out waiting for tmux session agent_1', 'timeout'],
  // A proxy's words for a request that came without a key (a control: the family knew them).
  ['Error: API key required in the x-api-key header', 'api-key-missing'],
  // What the writer did, then what came of it.
  [
    'When I run the review step it shows "Invalid API key · Please run /login" and stops.\nThe secret is set in the repository settings and the name matches, so this is not a typo on my side.',
    'api-key-invalid',
  ],
])

cases('after batch b64, in words of our own', [
  // A person who pressed Ctrl+C, as a wrapper and as Python say it.
  ['[2026-03-01T10:00:00Z] [ERROR] Interrupted (Ctrl+C), stopping the agent', 'cancelled'],
  ['Traceback (most recent call last):\n  File "run.py", line 9, in <module>\n    agent.run()\nKeyboardInterrupt', 'cancelled'],
  // A project's page of known issues, and a guide's "you may see:".
  [
    '# Known issues\n\n## Rate limits\n\nUnder load you may see:\n\n```\nAPI Error: 429 {"type":"error","error":{"type":"rate_limit_error"}}\n```\n\nWait a minute and retry.',
    'none',
  ],
  [
    'When the API is busy you may see:\n\n```\nAPI Error: 529 {"type":"error","error":{"type":"overloaded_error"}}\n```\n\nIt passes within minutes.',
    'none',
  ],
])

cases('after batches b65 and b66, in words of our own', [
  // The verbs a person reports with, and an API type they capitalised.
  ['We are facing Overloaded_error every few minutes since this morning', 'overloaded'],
  ['I am experiencing rate_limit_error on every second request', 'rate-limited'],
  // A subscription's window called a cap.
  ['### What is wrong?\n\nI keep getting stopped at the weekly cap after two days of use.', 'usage-limit'],
  // An install that could not finish leaves no executable; a shell's 127 said without "code".
  ['✘ Install failed\nCould not install: a lock is held by another process installing Claude Code', 'claude-not-found'],
  ['# The agent exited with 127 inside tmux\n\nIt works from a plain shell.', 'claude-not-found'],
  // A line that is all code, after the words that say it was shown and a screenshot, is what the run
  // showed, even when its message reads like a sentence.
  [
    '# Windows 下 Claude 路径错误\n\n使用提示\n\n<img width="9" src="https://example.com/a.png" />\n\n`**Error:** Claude Code native binary not found at C:\\Users\\dev\\.local\\bin\\claude. Please ensure that Claude Code is installed, or give a valid path with options.claudePath.`\n\n我确定文件就在这个目录下，路径也检查过两次了。',
    'claude-not-found',
  ],
  // A reply whose "your error:" is followed by its own explanation, not by output.
  [
    'Thanks for the details. Sadly the new release **does not change** anything for your error:\n\nThat message comes from the provider and only a new key will clear it, so please rotate it.',
    'none',
  ],
  // A Japanese how-to titled as one, quoting the retry log it explains.
  [
    '【対処法】Claude Code の 529 エラー\n\nこのエラーはサーバーの混雑で発生します。\n\n  ⎿  API Error (529 Overloaded) · Retrying in 2 seconds… (attempt 1/10)\n\n時間をおいて再実行してください。',
    'none',
  ],
  // A Chinese bug form: what happened, then the step that says what came back.
  [
    '## 问题描述\n\n通过中转调用 claude-opus 时一直失败。\n\n## 复现步骤\n\n1. 配置 Bedrock 渠道\n2. 发送任意消息，返回 404',
    'model-not-found',
  ],
  ['升级后调用接口返回 429，过几分钟又正常', 'rate-limited'],
  // AWS's advice for an expired SSO login names the cause, whichever order its words come in.
  [
    'API Request Failed\nUnknown Error: The token is expired. To refresh this SSO session run aws sso login.',
    'cloud-credentials-invalid',
  ],
  // A key cut short where it was pasted.
  ['The API key was truncated when pasted into the settings, so every call fails with 401.', 'api-key-malformed'],
  // A run's state as a field, and who cancelled it.
  ['job 51 finished\nstatus: cancelled\nerror: cancelled by scheduler', 'cancelled'],
  // A watchdog's flag on a command line sets a limit; it does not say one was hit.
  ['```bash\nagent heartbeat --idle-timeout 600 --task build\n```\n\nThe build then finished normally.', 'none'],
])

cases('after batches b67 and b68, in words of our own', [
  // A reply that tells its reader what their log shows.
  ['Your nightly job log shows a 529 overloaded_error from the API: wait a few minutes and run it again.', 'none'],
  // An issue titled as a request, whose writer also met the error.
  [
    '# REQ: show when the limit resets after a 429 rate_limit_error\n\nI am hitting it a lot these days; it would be good to see when it resets.',
    'none',
  ],
  // An issue form's pre-submission checklist is the form's, not a pull request's.
  [
    '### Pre-submission checklist\n\n- [x] I searched the existing issues\n\n### What happened?\n\nWhen `claude --resume 42` starts, the session no longer exists and the run ends.',
    'session-not-found',
  ],
  // An issue whose title is the error itself, with the form left empty.
  [
    '# API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}\n\n### Before submitting\n\n- [x] I searched the issues\n\n### Log output\n\n```\n\n```',
    'api-key-invalid',
  ],
  [
    '# No conversation found with session ID: 1234-abcd\n\n## Bug Description\n\n![Image](https://example.com/a.png)\n\n## Steps to Reproduce\n1.\n2.',
    'session-not-found',
  ],
  // A pull request's title names the error it handles: no report.
  ['# fix: retry on 529 overloaded\n\nAn attempt at the flaky job; untested.', 'none'],
  // An error's status and type pasted bare between the form's headings.
  [
    '- [x] I searched the issues\n\n### Description\n\nHTTP 403 Forbidden from https://api.anthropic.com/v1/messages {"type":"error","error":{"type":"permission_error","message":"not allowed"}}\n\n### Log output',
    'permission-denied',
  ],
  // A cloud profile that needs a second factor; a prompt longer than the model's window, in a proxy's words.
  [
    '⎿ API Error: Profile dev requires multi-factor authentication, but no MFA code callback was provided.',
    'cloud-credentials-invalid',
  ],
  [
    'API Error: 400 {"detail":"The input (300000 tokens) is longer than the model\'s context length (200000 tokens)."}',
    'context-window-exceeded',
  ],
  // A tool that could not hook one program up to another is no network fault; a connection that failed is.
  [
    '# Could not connect the agent to Slack\n\n### What happened?\n\nThe bot stops with `Error: Claude process exited with code 1`',
    'claude-error',
  ],
  ['Error: could not connect to api.anthropic.com: ECONNREFUSED', 'network-error'],
])

cases('after batches b69 and b70, in words of our own', [
  // A prompt too long, as a title says it and as a person says they reached it.
  ['# [BUG] Prompt Too Long after two messages\n\nThe chat is tiny and I only pasted one file.', 'context-window-exceeded'],
  // Claude Code started but gone before it took a prompt; Go could not run the executable.
  ['agent: claude process exited during startup (code: 1)', 'claude-not-found'],
  ['error: fork/exec /usr/local/bin/claude: argument list too long', 'claude-not-found'],
  // A pull request titled in the imperative "Fix …", and a reply that hands out its solution.
  ['# Fix model not found error\n\nUpdated the model id of the triage job to fix the 404 model not found error.', 'none'],
  [
    '# bug: the task fails\n\nHere is the full workaround for anyone who meets this:\n\n```\nError: Claude Code executable not found at /x/cli.js\n```\n\nLink the CLI into that folder and it runs.',
    'none',
  ],
  // Guides titled as guides in Chinese and Japanese, quoting the error they explain.
  [
    'Claude Code 403 错误分析与解决方案\n\n## 问题现象\n\n用户报告：API Error: 403 {"error":{"type":"forbidden","message":"Request not allowed"}}',
    'none',
  ],
  [
    'Claude Code 529エラー解決ガイド\n\n多くの開発者がこのエラーに遭遇しました:\n\nAPI Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
    'none',
  ],
  // An issue titled with the error it hit, in words that are not a fix.
  [
    '# Handle issue when the API is overloaded\n\nServer error: 529 {"type":"error","error":{"type":"overloaded_error"}}',
    'overloaded',
  ],
])

cases('after batches b71 and b72, in words of our own', [
  // A reproduction step that says what follows, and the line it introduced.
  [
    '### Steps to reproduce\n\n1. Pick the custom model\n2. Send any prompt, and it shows:\n● There is an issue with the selected model (my-model). It may not exist or you may not have access to it.',
    'model-not-found',
  ],
  // Claude Code killed, as an issue's title says it.
  [
    '# [BUG] Claude code killed\n\n### What is wrong?\n\nI start it and give instructions, then it is giving as killed. Every time.',
    'claude-error',
  ],
  // An agent gone before it initialised, with its exit as a field.
  ['{"type":"runner.error","message":"agent exited before initialize completed (exit=1, signal=null)"}', 'claude-not-found'],
  ['worker stopped: exit=137', 'claude-error'],
  // A run that keeps timing out, in a writer's words.
  ['The nightly review job consistently times out on large pull requests.', 'timeout'],
  // A code review's heading, and an error reference page's sections.
  ['**Review: retry overloaded errors with backoff**\n\nThe 529 handling is right, but add a test for it.', 'none'],
  [
    'API Error: 529 Overloaded\n\nWhat it means\n\nThe provider is busy.\n\nMost common causes\n\n- a regional incident\n\nFastest fix\n\n- retry after a short wait',
    'none',
  ],
])

cases('after batches b73 and b74, in words of our own', [
  // A title that starts with a version is no changelog's heading.
  [
    '# v2.3.1 的中转一直报错 API Error: 429\n\n一直返回 API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}',
    'rate-limited',
  ],
  // An error or a crash, in French, German, Spanish and Russian, where a report says what happened.
  ['### What is wrong?\n\nClaude se plante à chaque fois que je lance la commande.', 'claude-error'],
  ['### What is wrong?\n\nBeim Start kommt nur ein Fehler und das Programm stürzt ab.', 'claude-error'],
  ['### What is wrong?\n\nКаждый раз появляется ошибка и программа вылетает.', 'claude-error'],
  // Guides that say they are guides, in Chinese and Korean; a pull request bot's summary; a tool's new feature.
  [
    'Claude 报错速查表\n\n| 状态码 | 原因 |\n|---|---|\n| 401 | API Key 错误 |\n\n{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}',
    'none',
  ],
  ['Claude 오류 총정리\n\n✅ rate_limit_error (429)\n- 원인: 요청이 너무 많음', 'none'],
  ['# 既知のエラーを追記\n\n## Summary by CodeRabbit\n\n* READMEに既知のエラーを追加しました。', 'none'],
  [
    '# Better error reports\n\nThe runner now provides a full report when Claude Code fails:\n\n- "Error: executable file not found in $PATH" means the CLI is not installed',
    'none',
  ],
  // A named model the account may not use yet; a gateway that rewrote the reply; Windows' revocation check.
  ['Every message fails with: "Claude Opus 9 is currently unavailable."', 'model-not-found'],
  ['API Error: API returned an empty or malformed response (HTTP 200)', 'network-error'],
  ['curl: (35) schannel: next InitializeSecurityContext failed: CRYPT_E_NO_REVOCATION_CHECK', 'network-error'],
])

cases('after batches b75 and b76, in words of our own', [
  // A low balance in Chinese; a cloud's credentials that never arrived.
  ['# 调用时提示余额不足\n\n新账号，在别的客户端都能用。', 'credit-balance-low'],
  [
    'API Error: Vertex credentials are managed by the host app, but none are available in this session',
    'cloud-credentials-invalid',
  ],
  // Certificate checks that failed, in words other than a code.
  [
    '### What is wrong?\n\nBehind the office gateway every request fails with SSL certificate verification errors.',
    'network-error',
  ],
  // Claude Code that crashes at once, in a report.
  ['### What is wrong?\n\nAfter the restart Claude Code immediately crashes.', 'claude-error'],
  // A reply that records its solution, under a title that is the error; a guide's sections.
  [
    '# There is an issue with the selected model. It may not exist or you may not have access to it.\n\n记录一下解决方案：把模型名映射到自己的模型。\n\n```json\n{"claude-sonnet": "qwen-max"}\n```',
    'none',
  ],
  [
    'API Error: 401 invalid x-api-key\n\nWhy this happens\n\n- a key from another workspace\n\nWhat to check first\n\n- the key in your settings',
    'none',
  ],
])

cases('after batches b77 and b78, in words of our own', [
  // A thread's title copied without its `#`: one that says what a run did makes the text a report, one that
  // is only an error reports that error. A guide's reading time makes it a guide, whatever its title says.
  [
    'Claude CLI worker fails with a billing error on every queued job\n\n## Summary\n\nThe worker fails with `400 invalid_request_error` ("You\'re out of extra usage") for each job from the queue.',
    'usage-limit',
  ],
  [
    'Claude Code executable not found at /opt/tools/claude\n\nThe path option is set in the settings file, and the binary is there as the plugin docs describe.',
    'claude-not-found',
  ],
  ['# Claude Code fails with Request timed out\n\n4 min read\n\nThe CLI gives up on a request after ten minutes.', 'none'],
  // A feature request's form: its alternatives and proposed direction, under a title asking to be able to.
  [
    "# Be able to raise the 'Reached the maximum number of turns (40)' cap\n\n## Problem\n\nLong refactors stop early.\n\n## Alternatives considered\n\nTyping continue by hand.",
    'none',
  ],
  // A pull request that addresses an issue by its number, under a title that is an error.
  [
    '# Claude API 401 error\n\nValidate the key before the first request.\n\nThis addresses GitHub issue #41, where users saw an opaque 401.',
    'none',
  ],
  // A model a Chinese gateway does not know, after the retries that preceded it.
  ['⎿  API Error: 400 {"error":{"code":"1211","message":"模型不存在，请检查模型名称"}}', 'model-not-found'],
  // The API's permission error when Bedrock answered.
  ['### What happened?\n\nEvery call on Bedrock returns a permission_error for the new model.', 'cloud-credentials-invalid'],
  // An error opening its body, pasted bare under a form's summary.
  [
    'agent panel\n\n### Summary\n\nInternal error: {\n  "details": "Claude Code executable not found at /usr/lib/agent/cli.js"\n}\n\n### Version\n\n0.9.1',
    'claude-not-found',
  ],
  // A blog post in the first person that names itself as a guide.
  [
    'Why Claude Code Halts Halfway (Rate Limit Fixes)\n\nIt happened to me twice last week. Let me share what I learned.\n\nThe API returns 429 Too Many Requests when a limit is exceeded.',
    'none',
  ],
  // Controls: a bare status in a report; the API's own permission error.
  ['Bug: every run ends with API Error: 529\n\nSame on two machines.', 'overloaded'],
  ['### What happened?\n\nEvery call returns a permission_error for the new model.', 'permission-denied'],
])

cases('after batches b79 and b80, in words of our own', [
  // A session whose transcript file is gone.
  [
    '[ERROR] Error opening file /home/ci/.claude/projects/-srv-app/5f0c2d1e-0000-4000-8000-000000000000.jsonl: ENOENT: no such file or directory',
    'session-not-found',
  ],
  // Guides: a numbered "What this error is telling you", advice on what Claude Code shows, why the reader
  // gets an error, and a title that ends "and How to Fix It".
  [
    'Logged out again?\n\nNot logged in · Please run /login\nOAuth token has expired · Please run /login\n\n1. What this error is telling you\n\nThe CLI could not prove who you are.',
    'none',
  ],
  [
    'Overloaded or rate limited?\n\nIf Claude Code shows API Error: 529, treat it as load on the service, not as your own rate limit.',
    'none',
  ],
  [
    "# Error 429 from the Claude API\n\nWhy You're Getting 429 Right Now\n\nYour organisation sent more tokens than its tier allows.",
    'none',
  ],
  [
    'Claude API 500 errors: What They Mean and How to Fix Them\n\n```\nAPI Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}\n```',
    'none',
  ],
  // A review bot's reply on a pull request.
  [
    '# Add a nightly Claude review\n\n[reply by coderabbitai[bot]]\nWhen ANTHROPIC_API_KEY is empty the action fails at once with "Credit balance is too low" in some setups.',
    'none',
  ],
  // A shell script in a feature request: its variables and loops are source, not output.
  [
    'Headless runs: retry until the tests pass\n\n## Problem\n\n`claude -p` has no loop of its own, so today each team writes a wrapper like this one:\n\n```bash\nwhile true; do\n  claude -p "$PROMPT"\n  npm test && break\n  PROMPT="Tests failed: $(npm test 2>&1). Fix it."\ndone\n```\n\nA built-in loop would also cover the times the API is rate limited.',
    'none',
  ],
  // Controls: a reader who asks how to fix it; a log's fields that look like settings.
  [
    '# unknown error\n\nThe result was:\nzsh: command not found: claude\n\nPlease tell me the cause and how to fix it.',
    'claude-not-found',
  ],
  ['error="429 Too Many Requests: rate_limit_error" attempt=3', 'rate-limited'],
])

cases('after batches b81 and b82, in words of our own', [
  // Usage Policy refusals as a reporter counts them; a credential a tool says is missing.
  [
    '[BUG] Refused on plain prompts\n\n### What happened?\n\nHalf of my prompts end in usage policy errors since Monday.',
    'usage-policy-refusal',
  ],
  ['  ✗ Missing CLAUDE_CODE_OAUTH_TOKEN (provider: claude-agent-sdk)', 'api-key-missing'],
  // A writer who says they are not out of usage; the 429 they pasted decides.
  [
    "### What's Wrong?\n\nWe are not out of usage, the session meter says 40%.\n\n```\nAPI Error: Request rejected (429) · Rate limited\n```",
    'rate-limited',
  ],
  // Azure Pipelines cancelling a job.
  ['##[error]The Operation will be canceled. The next steps may not contain expected logs.', 'cancelled'],
  ['| 10:02:11 | Job cancellation triggered, SIGINT sent |', 'cancelled'],
  // A reproduction step that gives its actual result.
  [
    '## Steps to reproduce\n\n1. Let the subscription token expire overnight\n2. Run `claude -p "hi"`\n3. Actual: `401 "Invalid authentication credentials"`',
    'oauth-token-invalid',
  ],
  // An issue whose title says a run failed: its sentences in the third person report the failure.
  [
    '# resume silently fails after the sessions folder moved\n\n## Bug\n\nThe converter writes sessions under another folder, so `claude --resume 1234` then fails with `No conversation found with session ID: 1234` in every project.',
    'session-not-found',
  ],
  // Controls: a writer who is out of usage; a third-person account under a title that is no report.
  ["I'm out of extra usage again, two days before the reset.", 'usage-limit'],
  [
    '# Resuming sessions across machines\n\n## Notes\n\nThe converter writes sessions under another folder. Then `claude --resume 1234` fails with `No conversation found` in every other project, which the docs explain.',
    'none',
  ],
])

cases('after batches b83 and b84, in words of our own', [
  // A subscription's limit in Portuguese, Korean, Japanese and Chinese.
  [
    '# Recebo a mensagem de limite sem usar\n\n### Error Messages/Logs\n\n```shell\no claude diz que excedi o limite de uso, mas não uso há dias\n```',
    'usage-limit',
  ],
  ['# 수업 중 사용 한도 초과 문제\n\n실습하다가 주간 한도에 도달 했다고 뜨는데 업그레이드가 필요한가요', 'usage-limit'],
  ['⎿  セッションの使用上限に達しました。リセットは 18:00 です', 'usage-limit'],
  ['# 额度已用完\n\n刚开会话就提示额度已用完，但是网页上显示还有很多。', 'usage-limit'],
  // A status said in Chinese words, and Claude Code's own "Context limit reached".
  ['# 从早上开始一直429\n\n控制台显示还有额度，调用工具的时候报 429 错误。', 'rate-limited'],
  [
    "### What's Wrong?\n\nEvery new session shows “Context limit reached · /compact or /clear to continue” at once.",
    'context-window-exceeded',
  ],
  // A login whose credential expired, in Chinese.
  ['# claude 凭证过期\n\n客户端用着用着凭证就过期了，只能在终端重新登录。', 'oauth-token-invalid'],
  // A how-to in Portuguese, and a Japanese changelog of the docs.
  [
    'Erro 500 do Claude: causas comuns e como corrigi-las\n\nVocê pressionou enter e recebeu “API Error: 500 Internal Server Error”. Veja o que fazer.',
    'none',
  ],
  ['ドキュメント更新\n\n529エラーが利用制限にカウントされないという注意点が追記されました。', 'none'],
  // Google's word for a request it cannot parse decides after an earlier context limit.
  [
    '  ⎿  Context limit reached · /compact or /clear to continue\n❯ /compact\n  ⎿  Error: API Error: 400 {"error":{"message":"Invalid JSON payload received. Unknown name \\"type\\""}}',
    'invalid-request',
  ],
  // Controls: a reader's question in Portuguese; a writer who has not reached a limit.
  [
    '# Como resolver o erro 401?\n\nRecebo `API Error: 401 {"type":"authentication_error"}` sempre que rodo o claude.',
    'api-key-invalid',
  ],
])

cases('after batches b85 and b86, in words of our own', [
  // A subscriber who hit their limit; a relay's "Request not allowed"; a glued "notsupported".
  ["### What's Wrong?\n\nI pay for the plan, and since Monday it says at once that I hit my limit.", 'usage-limit'],
  ['账号测试就报错：Request not allowed\n\n账号通过 auth 登录了，但就是无法访问。', 'permission-denied'],
  [
    'API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"OAuth authentication is currently notsupported."}}',
    'oauth-token-invalid',
  ],
  // A form's "Type of Behavior Issue" heading is no pull request's "Type of change".
  [
    '[MODEL] Cannot use Claude Code\n\n### Type of Behavior Issue\n\nOther\n\n### What Claude Actually Did\n\nAPI Error: 429 {"error":{"code":"1113","message":"Insufficient balance. Please recharge."}}',
    'credit-balance-low',
  ],
  // A title that is Claude Code's own message and hint, with the writer's words under it.
  [
    'Invalid API key · Fix external API key (M2 laptop)\n\nI am currently unable to use the desktop app due to the error, despite being subscribed to Max.\nThe same happens whether I build from source or run the release.',
    'api-key-invalid',
  ],
  // Guides in Korean, Thai and Chinese, and a newsletter.
  [
    '클로드 코드 한도는 언제 재설정되나요? 개발자를 위한 실용적인 가이드\n\nAnthropic의 Claude Code를 사용하는 개발자들은 종종 제한에 부딪힙니다. "Claude 사용 한도에 도달했습니다. 한도는 오후 7시에 재설정됩니다." 이 메시지는 의문을 제기합니다.',
    'none',
  ],
  [
    'อ้างอิงข้อผิดพลาด\n\n| ข้อความ | ส่วน |\n|---|---|\nCredit balance is too low | Usage limits |\nPrompt is too long | Request errors |',
    'none',
  ],
  [
    'Claude Code 超时的三种类型\n\n当你看到以下关键词时，说明遇到的是请求超时：\nAPI Error: Request timed out. Retrying in 5 seconds…',
    'none',
  ],
  [
    'Claude Code Digest — 2026-05-01\n\nThe troubleshooting guide now covers "Model not found" errors and API Error: 529.',
    'none',
  ],
  // A proxy's 503 for the server behind it; a process that hangs until it is killed; a crash the writer denies.
  [
    'I keep getting "503 upstream connect error or disconnect/reset before headers. reset reason: connection failure"',
    'server-error',
  ],
  [
    '# Silent hang in headless runs\n\n### What happened?\n\nThe claude subprocess prints nothing and hangs indefinitely until we kill it.',
    'timeout',
  ],
  // Controls: a process that did crash; one the writer says did not, whose last error decides.
  ['### What happened?\n\nThe claude subprocess crashed after the first tool call.', 'claude-error'],
  [
    '### What happened?\n\nThe claude subprocess is still alive (not crashed), yet prints nothing.\n\nAPI Error: Request timed out.',
    'network-error',
  ],
])

cases('after batches b87 and b88, in words of our own', [
  // A subscriber who hit a usage limit, and one who has not.
  [
    '# Max plan: hit hard usage limit after one hour\n\nI have just hit a usage limit on Sonnet, which resets in 4 hours.',
    'usage-limit',
  ],
  ['API Error: Rate limit reached\n\nOn the Max plan and I have not hit usage limits; it looks like throttling.', 'rate-limited'],
  // A request for a setting, under a title that names a time-out.
  [
    'Agent execution timeout needs to be configurable\n\nI use Claude Code on a large monorepo and the build takes three minutes, so this command causes a timeout issue every time.',
    'none',
  ],
  // A guide that tells its reader how to tell errors apart; a pull request under a gitmoji; one that says what it asks.
  [
    "529 or rate limit: how to tell which one you're hitting\n\nHere's how to diagnose which one you have.\n\nAPI Error: 529 Overloaded means the service is busy. A rate limit message is about your usage.",
    'none',
  ],
  [
    '# 🥅 Catch OverloadedError in the agent loop\n\nSimple change to catch and retry the OverloadedError the SDK raises.',
    'none',
  ],
  [
    "Alert when a run dies on an API error\n\nI run long jobs and sometimes hit 'Request rejected (429) · Rate limited' after all retries.\n\n## Ask\n\nPlease add a hook event for it.",
    'none',
  ],
  // A gateway's word for a refused key, in Claude Code's own terminal line, between a form's CJK headings.
  [
    '# gateway not connecting\n\n### Steps to Reproduce / 重现步骤\n\nafter the update I am not able to connect.\n✻ 401 Invalid Authentication · Retrying in 0s · attempt 3/10\n\n### Expected Behavior / 期望行为\n\nit connects',
    'api-key-invalid',
  ],
  // Controls: the subscription token's own wording; an emoji that opens a line of a log.
  [
    'API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"Invalid authentication credentials"}}',
    'oauth-token-invalid',
  ],
  ['✅ Claude command completed\nbash: claude: command not found', 'claude-not-found'],
])

cases('after batches b89 and b90, in words of our own', [
  // A wrapper's own limit on Claude Code, under a title led by a tag.
  [
    '[agent error] bridge: claude did not respond within 45s\n\n어느 순간부터 계속 이렇습니다. 한 시간 넘게 그대로입니다.',
    'timeout',
  ],
  // Claude is not found, said plainly.
  ['bash: line 3: claude is not found, although the install step passed', 'claude-not-found'],
  // Guides in Korean and Chinese, a capitalised Conventional Commit, a change that "now resolves" a path.
  [
    'Claude API 429 rate_limit_error: 원인과 해결법 (2026)\n\nClaude API 429 rate_limit_error는 요청이 너무 많을 때 발생합니다.\n\n{"type":"error","error":{"type":"rate_limit_error","message":"..."}}',
    'none',
  ],
  [
    'Claude Code 登录问题解析\n作者:某某\n问题背景\n用户在容器中运行时，系统提示"Invalid API key · Please run /login"的错误。',
    'none',
  ],
  [
    'Feat: Raise the agent execution timeout to 20 minutes (v2.3.0)\n\nFeat: Raise the Claude Code tool execution timeout.',
    'none',
  ],
  [
    'Fix "spawn claude ENOENT" on macOS\n\nThe spawn ENOENT error had two causes. Now resolves claude to its full path and checks the working directory first.',
    'none',
  ],
  // The same limit after a log level.
  ['[ERROR] sdk-session: claude did not connect within 30s', 'timeout'],
])

cases('after batches b91 and b92, in words of our own', [
  // A feature request's goal in German, and what it asks for in bold.
  [
    '# Stop-Hook: Usage-/Rate-Limit-Erkennung\n\n## Ziel\n\nEin Hook, der Meldungen wie `usage limit reached` oder `rate limit reached` erkennt.',
    'none',
  ],
  [
    '# Show the session limit in the summary\n\n**Request:** expose the usage the CLI already receives (`5-hour limit reached`, resets) as an output.',
    'none',
  ],
  // A Japanese note of a change made to error messages.
  [
    'リクエストサイズのエラーメッセージ改善\n\nリクエストサイズのエラーメッセージを改善しました。\n# 現在のエラー: "Request size exceeds 20MB limit"',
    'none',
  ],
  // Errors that appear, in a title.
  [
    '# API rate limit errors started appearing this morning\n\n## Details\n\nClaude Code is returning `API Error: Rate limit reached` on every call.',
    'rate-limited',
  ],
  // Control: a report that asks for something in bold after it shows its failure.
  [
    '> Claude Code is unable to respond to this request, which appears to violate our Usage Policy\n\n**Ask:** please review the request by its ID.',
    'usage-policy-refusal',
  ],
])

cases('after batches b93 and b94, in words of our own', [
  // Guides in German; a report whose "This makes …" is no change's.
  [
    'Claude-Fehlermeldungen verstehen\n\nZuletzt aktualisiert\n\nDieser Artikel erklärt häufige Fehler: „Rate limit reached“ und „API Error: 500“.',
    'none',
  ],
  [
    'API 500 errors stall my sessions\n\n## Problem\n\nI am hitting recurring API 500 Internal Server Errors in long sessions.\n\nThis makes Claude Code very hard to use with background agents.',
    'server-error',
  ],
  // A policy refusal in Japanese words; a session limit at 100%; a token that needs write permissions.
  [
    '# ポリシー違反でブロックされる\n\n### What happened?\n\nClaude Code の利用中にリクエストがポリシー違反としてブロックされました。',
    'usage-policy-refusal',
  ],
  ["### What's Wrong?\n\nAfter hitting the 100% session limit I cannot continue, although extra usage is on.", 'usage-limit'],
  ['# Review job fails because it needs write permissions to post comments', 'github-token-permission'],
  // A client's own limit; an idle session with "no timeout" after a 529.
  ['## Problem\n\nThe SDK kills every run after exactly 5 minutes, even while Claude is still writing.', 'timeout'],
  ['### What happened?\n\nAfter a 529 overloaded error the session just sits idle, no timeout, no message.', 'overloaded'],
])
