#!/usr/bin/env bash
# The retry loop people paste into a workflow step, verbatim. The bench runs it the way a `run:` step
# does (bash --noprofile --norc -eo pipefail <file>, stdin left open) with PROMPT in the environment.
for i in 1 2 3; do claude -p "$PROMPT" && break; sleep 10; done
