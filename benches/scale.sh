#!/usr/bin/env bash
# Scale benchmark (not a test), over the demo generator's data (seed 1, as of 2026-11-23):
#
#   1. demo generation: rows per second, peak memory, file size;
#   2. the aging and invoices CSV reports: CPU seconds (user + system) beside a bare SQL
#      pass over the same rows, in one run, as of 2026-11-23 and 2025-12-31, with their
#      peak memory (cargo bench --bench reports);
#   3. the live console on a scratch copy: start (first frame, every figure), write to
#      screen through the form, another desk's payment (cargo bench --bench live).
#
#   benches/scale.sh [ACCOUNTS] [INVOICES] [ROUNDS]      (defaults: 100000 1000000 3)
#
# The machine is shared: figures are CPU seconds where they can be, compared side by
# side in one run. BENCHMARKS.md keeps them. Needs GNU time and sqlite3.
set -euo pipefail
cd "$(dirname "$0")/.."
accounts=${1:-100000}
invoices=${2:-$((accounts * 10))}
rounds=${3:-3}
as_of=2026-11-23
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "needs sqlite3: apt-get install sqlite3" >&2; exit 1; }
cargo build --release --quiet
cargo bench --quiet --no-run --bench reports --bench live 2>/dev/null
bin=target/release/creditdesk
dir=$(mktemp -d "${TMPDIR:-/tmp}/creditdesk-scale.XXXXXX")
trap 'rm -rf "$dir"' EXIT
db="$dir/bench.db"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "data: --accounts $accounts --invoices $invoices --seed 1 --as-of $as_of"
/usr/bin/time -f "demo: %e s wall, %U s user, %S s system, peak memory %M KB" "$bin" --db "$db" --operator bench \
  --as-of "$as_of" demo --accounts "$accounts" --invoices "$invoices" 2>&1
echo "database file: $(du -h "$db" | cut -f1)"
cargo bench --quiet --bench reports -- "$db" "$rounds" "$as_of" 2025-12-31 2>/dev/null
cp "$db" "$dir/live.db"
# The console views today (the day a new payment is dated).
cargo bench --quiet --bench live -- "$dir/live.db" 60 2>/dev/null
