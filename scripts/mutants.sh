#!/usr/bin/env bash
# Plant bugs in the rules and see the tests catch them: cargo-mutants over src/domain.
# Every mutant of src/domain is built and run against the tests that prove the rules:
# the domain's unit tests, the enums' spellings (tests/enum_spellings.rs), and for the
# ledger engine the property tests (tests/ledger_properties.rs) and the independent
# day-by-day model (tests/ledger_model.rs). With `--features mutants` those three
# integration tests are compiled into the library's own tests (src/lib.rs), so a mutant
# costs one incremental build of the library's tests, not four builds and links.
# Results: target/mutants/mutants.out (missed.txt lists the survivors).
#
#   scripts/mutants.sh                     # all of src/domain
#   scripts/mutants.sh --in-diff FILE      # only what a diff touches (git diff > FILE)
#
# In place: each mutant is written into this tree, built incrementally in its own
# target/ and restored before the next (a scratch copy would rebuild the dependencies
# and copy gigabytes of target/ per job). Do not edit the tree while it runs; if it is
# killed, `git checkout -- src/domain` puts the files back.
#
# Needs cargo-mutants: cargo install cargo-mutants --locked
set -uo pipefail
cd "$(dirname "$0")/.."
command -v cargo-mutants >/dev/null || {
    echo "cargo-mutants is not installed: cargo install cargo-mutants --locked" >&2
    exit 2
}
mkdir -p target/mutants
status=0
cargo mutants --no-shuffle --timeout 20 --in-place --output target/mutants \
    --file 'src/domain/**/*.rs' --features mutants --cargo-arg=--lib "$@" || status=$?
dir=target/mutants/mutants.out
if [ -d "$dir" ]; then
    echo "== $(wc -l < "$dir/caught.txt") caught, $(wc -l < "$dir/missed.txt") missed, $(wc -l < "$dir/timeout.txt") timeouts, $(wc -l < "$dir/unviable.txt") unviable"
    cat "$dir/missed.txt"
fi
exit "$status"
