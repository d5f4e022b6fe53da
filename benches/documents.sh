#!/usr/bin/env bash
# Documents benchmark (not a test): at 100,000 accounts / 1,000,000 invoices, side by
# side in one run, the wall time, CPU seconds and peak memory of
#   aging --format csv                 (the reference: every account evaluated)
#   statement --all --out DIR          (one PDF per account with a total other than 0.00)
#   dunning run --dry-run --format csv (the letters due)
#   dunning run --out DIR              (letters written and recorded, on a copy)
#   export journal -o FILE             (every posted document, streamed)
# BENCHMARKS.md keeps the figures.
#
#   benches/documents.sh [DB]     (default: a fresh demo database in a temporary folder;
#                                  give one made by `creditdesk --db DB --as-of 2026-11-23
#                                  demo --accounts 100000 --invoices 1000000 --seed 1`)
set -euo pipefail
cd "$(dirname "$0")/.."
as_of=2026-11-23
operator=${BENCH_OPERATOR:-bench}   # the operator the database knows
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
cargo build --release --quiet
bin=$PWD/target/release/creditdesk
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export CREDITDESK_CONFIG_DIR=$dir/config XDG_STATE_HOME=$dir/state
db=${1:-}
if [ -z "$db" ]; then
  db=$dir/bench.db
  "$bin" --db "$db" --operator "$operator" --as-of $as_of demo --accounts 100000 --invoices 1000000 --seed 1 >/dev/null
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "data: $db as of $as_of ($(du -h "$db" | cut -f1))"
run() {
  local name=$1
  shift
  /usr/bin/time -f "$name: %e s wall, %U s user + %S s system CPU, peak memory %M KB" \
    "$bin" --db "$db" --operator "$operator" --as-of $as_of --log-level off "$@" 2>&1 >"$dir/out.txt" | tail -1
}
run "aging --format csv" aging --format csv
echo "  aging rows: $(($(wc -l <"$dir/out.txt") - 1))"
run "statement --all" statement --all --out "$dir/statements"
echo "  $(cat "$dir/out.txt")"
echo "  files: $(find "$dir/statements" -name '*.pdf' | wc -l), $(du -sh "$dir/statements" | cut -f1)"
rm -rf "$dir/statements"
run "dunning run --dry-run" dunning run --dry-run --format csv
echo "  letters due: $(($(wc -l <"$dir/out.txt") - 1))"
cp "$db" "$dir/copy.db"
db_orig=$db
db=$dir/copy.db
run "dunning run (write + record)" dunning run --out "$dir/letters" --format csv
echo "  letters written: $(find "$dir/letters" -name '*.pdf' | wc -l), $(du -sh "$dir/letters" | cut -f1)"
db=$db_orig
run "export journal" export journal -o "$dir/book.journal"
echo "  journal: $(du -h "$dir/book.journal" | cut -f1), $(grep -c '^[0-9]' "$dir/book.journal") transactions"
