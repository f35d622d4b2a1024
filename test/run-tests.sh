#!/usr/bin/env bash
# The end-to-end tests in two groups. The files that measure the services
# (CPU, memory, latency, deadlines, load) run one at a time, as a loaded
# machine would skew them; the rest run two at a time, which halves their
# share of CI's 10 minutes without touching what they check.
set -uo pipefail
cd "$(dirname "$0")"

measuring=(work-bounds receive-limits responsiveness load queue-bytes replicas flow-control lifecycle fuzz metrics hostile gateway-hostile image-source-hardening errors)
functional=()
for file in *.test.ts; do
  [[ " ${measuring[*]} " == *" ${file%.test.ts} "* ]] || functional+=("$file")
done

run() { node --import tsx --test --test-reporter=spec "$@"; }
status=0
run --test-concurrency=2 "${functional[@]}" || status=1
run --test-concurrency=1 "${measuring[@]/%/.test.ts}" || status=1
exit "$status"
