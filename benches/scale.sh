#!/usr/bin/env bash
# Scale benchmark (not a test): demo generation rate at 100,000 accounts / 1,000,000
# invoices, then the wall time and peak memory of the full `aging` and `invoices` CSV
# reports over that database. Prints one line per figure; BENCHMARKS.md keeps them.
#
#   benches/scale.sh [ACCOUNTS] [INVOICES]      (defaults: 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
accounts=${1:-100000}
invoices=${2:-1000000}
as_of=2026-11-23
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
cargo build --release --quiet
bin=target/release/creditdesk
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db="$dir/bench.db"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "data: --accounts $accounts --invoices $invoices --seed 1 --as-of $as_of"
/usr/bin/time -f "demo: peak memory %M KB" "$bin" --db "$db" --operator bench --as-of "$as_of" demo \
  --accounts "$accounts" --invoices "$invoices" 2>&1
echo "database file: $(du -h "$db" | cut -f1)"
for report in aging invoices; do
  for run in 1 2 3; do
    /usr/bin/time -f "$report --format csv (run $run): %e s wall, %U s user, peak memory %M KB" \
      "$bin" --db "$db" --operator bench --as-of "$as_of" "$report" --format csv 2>&1 >"$dir/$report.csv"
  done
  echo "$report rows: $(($(wc -l <"$dir/$report.csv") - 1))"
done
# The console on that database: time from start to the first frame (header drawn), and
# to every figure on screen (the worker's snapshot), read off a real terminal (tmux).
if command -v tmux >/dev/null; then
  session=creditdesk-bench-$$
  start=$(date +%s.%N)
  tmux new-session -d -s "$session" -x 160 -y 45 "$bin --db $db --operator bench --as-of $as_of --idle-minutes 0"
  first="" ready=""
  for _ in $(seq 6000); do
    screen=$(tmux capture-pane -p -t "$session" 2>/dev/null || true)
    if [ -z "$first" ] && grep -q "as of $as_of" <<<"$screen"; then first=$(date +%s.%N); fi
    if grep -q "Accounts $accounts" <<<"$screen" && ! grep -q "computing" <<<"$screen"; then ready=$(date +%s.%N); break; fi
    sleep 0.01
  done
  tmux send-keys -t "$session" q
  if [ -n "$ready" ]; then
    echo "console: first frame $(echo "$first - $start" | bc) s, every figure on screen $(echo "$ready - $start" | bc) s"
  else
    echo "console: figures not on screen within 60 s"
  fi
fi
