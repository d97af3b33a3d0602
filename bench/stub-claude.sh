#!/usr/bin/env bash
# Stands in for Claude Code on the happy path: prints a canned stream-json success at once, so the wrapper's
# own overhead can be timed without the real CLI's start-up variance.
echo '{"type":"system","subtype":"init","session_id":"00000000-0000-4000-8000-000000000000","model":"claude-sonnet-4-5","apiKeySource":"ANTHROPIC_API_KEY","tools":[]}'
echo '{"type":"assistant","message":{"role":"assistant","content":[{"type":"text","text":"Mock reply: all good."}]},"session_id":"00000000-0000-4000-8000-000000000000"}'
echo '{"type":"result","subtype":"success","is_error":false,"duration_ms":1,"num_turns":1,"result":"Mock reply: all good.","session_id":"00000000-0000-4000-8000-000000000000","total_cost_usd":0}'
