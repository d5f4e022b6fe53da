#!/usr/bin/env bash
# Plant bugs in the rules and see the tests catch them: cargo-mutants over src/domain
# with the tests that prove the rules (the domain's unit tests, the ledger's property
# tests and its independent model). Results land in mutants.out/; the summary line and
# every missed mutant are what docs/testing.md records.
#
#   scripts/mutants.sh                 # the whole of src/domain (about 40 min on 2 cores)
#   scripts/mutants.sh --in-diff FILE  # only what a diff touches (`git diff > FILE`)
#
# Needs cargo-mutants: `cargo install cargo-mutants --locked`.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-mutants >/dev/null || { echo "cargo-mutants is not installed: cargo install cargo-mutants --locked" >&2; exit 2; }
exec cargo mutants \
    --file 'src/domain/**/*.rs' \
    --timeout 120 \
    "$@" \
    -- --lib --test ledger_properties --test ledger_model
