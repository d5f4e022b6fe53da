#!/usr/bin/env bash
# Plant bugs in the rules and see the tests catch them: cargo-mutants over src/domain.
# Every mutant of src/domain is built and run against the tests that prove the rules:
# the library's unit tests (the domain's among them), the enums' spellings
# (tests/enum_spellings.rs), and for the ledger engine the property tests
# (tests/ledger_properties.rs) and the independent day-by-day model (tests/ledger_model.rs).
# With `--features mutants` those three integration tests are compiled into the library's
# own tests (src/lib.rs), so a mutant costs one incremental build of the library's tests,
# not four builds and links; the `planted` profile (Cargo.toml) leaves out debug
# information, which no test reads, so each build and link is shorter.
#
#   scripts/mutants.sh                     # all of src/domain
#   scripts/mutants.sh --in-diff FILE      # only what a diff touches (git diff > FILE)
#
# It works on two copies of the tree as it is now (target/mutants/tree0 and tree1: the
# files git tracks or would track), so the tree can be edited while it runs, and runs one
# half of the mutants in each, at once (one per core), each mutant written into its copy,
# built incrementally and put back before the next. Each copy keeps its own target/ from
# one run to the next (the first run builds the dependencies there once; a build cannot
# be moved, its paths are absolute). Two of the library's tests are left out: the longest
# (a file of more lines than the limit; a report spooled to a file), which read no rule.
# Results: target/mutants/mutants.out (the two halves' lists joined: caught.txt,
# missed.txt, timeout.txt, unviable.txt; each half's whole output under
# target/mutants/half0 and half1).
#
# Needs cargo-mutants: cargo install cargo-mutants --locked
set -uo pipefail
cd "$(dirname "$0")/.."
command -v cargo-mutants >/dev/null || {
    echo "cargo-mutants is not installed: cargo install cargo-mutants --locked" >&2
    exit 2
}
# A diff given with --in-diff is read from where it was named.
args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --in-diff) args+=("$1" "$(realpath "$2")"); shift 2 ;;
        *) args+=("$1"); shift ;;
    esac
done
for k in 0 1; do
    tree=target/mutants/tree$k
    mkdir -p "$tree"
    find "$tree" -mindepth 1 -maxdepth 1 ! -name target -exec rm -rf {} +
    git ls-files -z --cached --others --exclude-standard \
        | tar --null --files-from=- --ignore-failed-read -cf - 2>/dev/null | tar -xf - -C "$tree"
done
# Only this run's lists count (a diff with nothing to plant writes none).
rm -rf target/mutants/half0 target/mutants/half1 target/mutants/mutants.out
half() {
    cd "target/mutants/tree$1" || exit 2
    cargo mutants --no-shuffle --in-place --shard "$1/2" --sharding round-robin --timeout 10 \
        --output "../half$1" --file 'src/domain/**/*.rs' --profile planted --features mutants \
        --cargo-arg=--lib "${args[@]}" -- -- --skip service::bounded_text --skip cli::output::spool_tests
}
half 0 > target/mutants/half0.log 2>&1 &
first=$!
half 1 2>&1 | tee target/mutants/half1.log
second=${PIPESTATUS[0]}
wait "$first"
first=$?
status=$((first > second ? first : second))
out=target/mutants/mutants.out
mkdir -p "$out"
for list in caught missed timeout unviable; do
    cat target/mutants/half{0,1}/mutants.out/$list.txt 2>/dev/null | sort > "$out/$list.txt"
done
echo "== $(wc -l < "$out/caught.txt") caught, $(wc -l < "$out/missed.txt") missed, $(wc -l < "$out/timeout.txt") timeouts, $(wc -l < "$out/unviable.txt") unviable"
cat "$out/missed.txt"
exit "$status"
