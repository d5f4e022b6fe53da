#!/usr/bin/env bash
# Plant bugs in the rules and see the tests catch them: cargo-mutants over src/domain.
# Two passes, each with the tests that prove its rules:
#   rules   every file of src/domain but the engine, against the domain's unit tests
#           and the enums' spellings (tests/enum_spellings.rs);
#   engine  the ledger engine and its inputs (ledger, interest, charge, payment), against
#           the unit tests, the property tests and the independent day-by-day model.
# Results: target/mutants/{rules,engine}/mutants.out (missed.txt lists the survivors).
#
#   scripts/mutants.sh                     # all of src/domain
#   scripts/mutants.sh --in-diff FILE      # only what a diff touches (git diff > FILE)
#
# Needs cargo-mutants: cargo install cargo-mutants --locked
set -uo pipefail
cd "$(dirname "$0")/.."
command -v cargo-mutants >/dev/null || {
    echo "cargo-mutants is not installed: cargo install cargo-mutants --locked" >&2
    exit 2
}
engine=(src/domain/ledger.rs src/domain/interest.rs src/domain/charge.rs src/domain/payment.rs)
excl=()
for f in "${engine[@]}"; do excl+=(--exclude "$f"); done
incl=()
for f in "${engine[@]}"; do incl+=(--file "$f"); done
# In place: each mutant is written into this tree, built incrementally in its own
# target/ and restored before the next (a scratch copy would rebuild the dependencies
# and copy gigabytes of target/ per job). Do not edit the tree while it runs; if it is
# killed, `git checkout -- src/domain` puts the files back.
common=(--no-shuffle --timeout 20 --in-place)
mkdir -p target/mutants
status=0
cargo mutants "${common[@]}" --output target/mutants/rules \
    --file 'src/domain/**/*.rs' "${excl[@]}" --cargo-arg=--lib --cargo-arg=--test=enum_spellings "$@" || status=$?
cargo mutants "${common[@]}" --output target/mutants/engine \
    "${incl[@]}" --cargo-arg=--lib --cargo-arg=--test=ledger_properties \
    --cargo-arg=--test=ledger_model "$@" || status=$?
for pass in rules engine; do
    dir=target/mutants/$pass/mutants.out
    [ -d "$dir" ] || continue
    echo "== $pass: $(wc -l < "$dir/caught.txt") caught, $(wc -l < "$dir/missed.txt") missed, $(wc -l < "$dir/timeout.txt") timeouts, $(wc -l < "$dir/unviable.txt") unviable"
    cat "$dir/missed.txt"
done
exit "$status"
