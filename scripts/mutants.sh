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
# It works on a copy of the tree as it is now (target/mutants/tree: the files git tracks
# or would track), so the tree can be edited while it runs. That copy keeps its own
# target/ from one run to the next, holding only this profile's build (under 1 GB):
# cargo-mutants copies it into each of its two build directories, so two mutants build
# and run at once (one per core) without building the dependencies again.
# Results: target/mutants/mutants.out (missed.txt lists the survivors).
#
# Needs cargo-mutants: cargo install cargo-mutants --locked
set -uo pipefail
cd "$(dirname "$0")/.."
command -v cargo-mutants >/dev/null || {
    echo "cargo-mutants is not installed: cargo install cargo-mutants --locked" >&2
    exit 2
}
tree=target/mutants/tree
mkdir -p "$tree"
find "$tree" -mindepth 1 -maxdepth 1 ! -name target -exec rm -rf {} +
git ls-files -z --cached --others --exclude-standard \
    | tar --null --files-from=- --ignore-failed-read -cf - 2>/dev/null | tar -xf - -C "$tree"
# A diff given with --in-diff is read from where it was named.
args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --in-diff) args+=("$1" "$(realpath "$2")"); shift 2 ;;
        *) args+=("$1"); shift ;;
    esac
done
status=0
(
    cd "$tree" || exit 2
    cargo mutants --no-shuffle --jobs 2 --copy-target true --timeout 10 --output .. \
        --file 'src/domain/**/*.rs' --profile planted --features mutants --cargo-arg=--lib "${args[@]}"
) || status=$?
dir=target/mutants/mutants.out
if [ -d "$dir" ]; then
    echo "== $(wc -l < "$dir/caught.txt") caught, $(wc -l < "$dir/missed.txt") missed, $(wc -l < "$dir/timeout.txt") timeouts, $(wc -l < "$dir/unviable.txt") unviable"
    cat "$dir/missed.txt"
fi
exit "$status"
