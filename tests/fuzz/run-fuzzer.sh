#!/bin/sh
# Runs one libFuzzer target for a bounded time, as a meson test of the 'fuzz' suite.
# Usage: run-fuzzer.sh FUZZER SEED_CORPUS WORK_CORPUS SECONDS [DICTIONARY]
# New inputs go to WORK_CORPUS (in the build tree), never to the committed SEED_CORPUS; crashes
# are saved beside it as crash-*, leak-*, timeout-* and reproduced with `FUZZER FILE`.
set -eu
fuzzer=$1
seeds=$2
work=$3
seconds=$4
if [ $# -ge 5 ]; then
  set -- "-dict=$5"
else
  set --
fi
mkdir -p "$work" "$work.artifacts"
# libFuzzer writes what it finds to the first corpus folder it is given. Its default exit
# status for a finding is 77, which meson reads as "skipped": a crash, leak, out-of-memory or
# timeout must fail the test instead.
exec "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -error_exitcode=1 -timeout_exitcode=1 \
  -print_final_stats=1 -artifact_prefix="$work.artifacts/" "$@" "$work" "$seeds"
