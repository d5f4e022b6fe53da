#!/usr/bin/env bash
# Regenerates screenshots/statement.png and dunning-1.png … dunning-4.png: a demo
# database as of 2026-11-23, a configuration with a letterhead, a statement of account
# and one letter of each level as PDF, page 1 of each rendered by pdftoppm.
#
# Needs (Debian): apt-get install -y poppler-utils
# Run from anywhere: screenshots/documents.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=screenshots
cargo build --quiet
bin=$PWD/target/debug/creditdesk
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CREDITDESK_CONFIG_DIR=$work/config XDG_STATE_HOME=$work/state
mkdir -p "$CREDITDESK_CONFIG_DIR"
cat >"$CREDITDESK_CONFIG_DIR/config.toml" <<'TOML'
remit_to = ["Security Equipment Supply, Inc.", "Lockbox 4410", "PO Box 71830", "Columbus, OH 43271-1830"]

[company]
name = "Security Equipment Supply, Inc."
address = ["1200 Commerce Parkway", "Columbus, OH 43215"]
phone = "(614) 555-0142"
email = "credit@ses-supply.example"
TOML
day=2026-11-23
cd "$work"
"$bin" --db demo.db --operator manager --as-of $day demo >/dev/null
cli() { "$bin" --db demo.db --operator manager --as-of $day "$@"; }
# The statement: the account with the most open items.
account=$(cli invoices --format csv | awk -F, 'NR > 1 { n[$2]++ } END { for (a in n) print n[a], a }' | sort -rn | head -1 | cut -d' ' -f2)
cli statement "$account" --format pdf -o statement.pdf >/dev/null
pdftoppm -png -r 100 -f 1 -l 1 -singlefile statement.pdf statement
cp statement.png "$OLDPWD/$out/statement.png"
# One letter of each level: the first account due at that level.
cli dunning run --out letters >/dev/null
for level in 1 2 3 4; do
  letter=$(ls letters/*-level$level.pdf | head -1)
  pdftoppm -png -r 100 -f 1 -l 1 -singlefile "$letter" "dunning-$level"
  cp "dunning-$level.png" "$OLDPWD/$out/dunning-$level.png"
done
echo "wrote $out/statement.png and $out/dunning-1.png … dunning-4.png"
