#!/usr/bin/env bash
# Runs the benchmark on the committed HEAD rather than the shared working tree
# (colleagues' uncommitted edits are not measured), then, with --write, copies
# the updated docs/benchmarks.md back. Usage: bench/run-at-head.sh [run.ts options]
set -euo pipefail
root=$(git rev-parse --show-toplevel)
commit=$(git rev-parse --short HEAD)
dir=$(mktemp -d /tmp/bench-head.XXXXXX)
trap 'rm -rf "$dir"' EXIT
git -C "$root" archive HEAD | tar -x -C "$dir"
ln -s "$root/node_modules" "$dir/node_modules"
status=0
(cd "$dir" && BENCH_COMMIT=$commit node -r @swc-node/register bench/run.ts "$@") || status=$?
if [[ " $* " == *" --write "* ]]; then
  cp "$dir/docs/benchmarks.md" "$root/docs/benchmarks.md"
fi
exit $status   # 1 when a target failed
