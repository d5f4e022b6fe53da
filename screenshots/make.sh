#!/usr/bin/env bash
# Regenerates the PNGs in screenshots/: builds creditdesk, makes a demo database, runs
# the console in a real xterm on a virtual X display, drives it with xdotool, and takes
# each picture with ImageMagick's `import -window root`.
#
# Needs (Debian): apt-get update && apt-get install -y xvfb xterm imagemagick xdotool fonts-dejavu-core x11-utils
# Run from anywhere: screenshots/make.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=screenshots
cargo build --quiet
bin=target/debug/creditdesk
work=$(mktemp -d)
db=$work/demo.db
trap 'kill ${xterm_pid:-} ${xvfb_pid:-} 2>/dev/null || true; rm -rf "$work"' EXIT

"$bin" --db "$db" --operator manager --as-of 2026-04-30 demo --accounts 400 >/dev/null
cli() { "$bin" --db "$db" --operator manager --as-of 2026-04-30 "$@" >/dev/null; }
at() { day=$1; shift; "$bin" --db "$db" --operator manager --as-of "$day" "$@" >/dev/null; }
# Two RMAs on an April invoice (one received), and privacy requests that are overdue,
# due within 7 days and on time, so panes 6, 7 and 8 have something to show.
inv=$("$bin" --db "$db" --operator manager --as-of 2026-04-30 invoices --format csv | awk -F, '$3 == "INVOICE" && $4 >= "2026-04-01" && $4 < "2026-04-10" && $6 >= 100 && !found { print $1 ":" $2; found = 1 }')
inv_doc=${inv%%:*}; inv_acct=${inv##*:}
rma=$("$bin" --db "$db" --operator manager --as-of 2026-04-30 rma issue "$inv_doc" --date 2026-04-20 --format csv \
  --line "Honeywell 6160 keypad=40.00" --line "Battery 12V 7Ah=20.00" | awk -F, 'NR == 2 { print $1 }')
cli rma receive "$rma" --date 2026-04-27
cli rma issue "$inv_doc" --date 2026-04-28 --line "DSC PG9914 motion=30.00"
cli privacy open --kind ACCESS --account "$inv_acct" --requester "Pat Allied" --received 2026-03-20
cli privacy open --kind OPT_OUT_MARKETING --account "$inv_acct" --requester "Pat Allied" --received 2026-04-04
cli privacy open --kind DELETION --account "$inv_acct" --requester "Sam Former" --received 2026-04-22
# A collector's month, so Today has lines of every kind: a promise due on the day, one
# broken, a call with its next action come, a disputed charge past 60 days.
flagged=$("$bin" --db "$db" --operator manager --as-of 2026-04-30 aging --format csv | awk -F, '$10 == "true" && n < 4 { print $1; n++ }')
set -- $flagged
at 2026-04-20 promise add "$1" --amount 500 --date 2026-04-30
at 2026-04-20 note add "$1" --text "Spoke to the owner: cheque for 500.00 goes out on the 30th" --next 2026-05-04
at 2026-04-02 promise add "$2" --amount 250 --date 2026-04-15
at 2026-04-23 note add "$3" --kind EMAIL --text "Statement sent; asked for a call back" --next 2026-04-28
old=$("$bin" --db "$db" --operator manager --as-of 2026-04-30 invoices --format csv | awk -F, -v a="$4" '$2 == a && $8 > 60 && !found { print $1; found = 1 }')
at 2026-04-28 dispute open "$old" --reason "short shipment: two cameras missing"

display=:${SCREENSHOT_DISPLAY:-77}
Xvfb "$display" -screen 0 1400x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$display
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

xterm -geometry 150x40+0+0 -fa 'DejaVu Sans Mono' -fs 11 -bg black -fg grey90 \
    -title creditdesk -e "$bin" --db "$db" --operator manager --as-of 2026-04-30 --idle-minutes 1 &
xterm_pid=$!
sleep 3 # the window maps and the first snapshot is computed

keys() { xdotool key --delay 60 "$@"; sleep 0.6; }
type() { xdotool type --delay 40 "$1"; sleep 0.4; }
shot() { sleep 0.8; import -window root "$out/$1.png"; echo "$out/$1.png"; }

# A repair ticket through its form, so the Repairs pane has one.
keys 5; keys o
type T-1001; keys Tab; type "$("$bin" --db "$db" --operator manager --as-of 2026-04-30 aging --format csv | sed -n 2p | cut -d, -f1)"
keys Tab; type Honeywell; keys Tab; type Vista-20P; keys Tab; type SN-88412; keys Tab; type "zone 3 dead"; keys Tab; keys BackSpace BackSpace; type yes
keys Return; keys y; sleep 1

keys 0; shot 01-today
keys 9; shot 02-charts
keys 0; keys Return; shot account-view
keys Escape
keys 1; shot 1-accounts
keys 2; shot 2-invoices
keys 3; shot 3-collections
keys 4; shot 4-returned-checks
keys 5; shot 5-repairs
keys 1; keys O O O O O O R; shot sorted-accounts
keys O O O
keys p; type 12.345; keys Return; shot form-validation
keys Escape
keys question; shot help
keys Escape
keys 6; shot 6-rmas
keys Return; shot rma-label
keys Escape
keys 7; shot 7-audit
keys 8; shot 8-privacy
# The idle lock: a minute (--idle-minutes 1) without a key hides the screen.
sleep 62; shot lock
keys space
keys q
