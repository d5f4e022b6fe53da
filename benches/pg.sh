#!/usr/bin/env bash
# aging and invoices on the same book in a SQLite file and on a local PostgreSQL server,
# run alternately: wall time, the client's CPU (user + sys) and the server's (the CPU its
# backends used, read from the postmaster's children's times), and the outputs compared
# byte for byte.
#
#   benches/pg.sh FILE.db postgresql://LOGIN@HOST/DB POSTMASTER_PID [ROUNDS] [DAY]
#
# The PostgreSQL book is FILE.db copied by `creditdesk migrate` (or any copy of it); LOGIN
# must be an operator there, and an operator of the same name in the file.
set -euo pipefail
file=$1 url=$2 pm=$3 rounds=${4:-3} day=${5:-2026-11-23}
bin=${CREDITDESK_BIN:-target/release/creditdesk}
login=$(sed -E 's|^[a-z]+://([^@:]+).*|\1|' <<<"$url")
ticks=$(getconf CLK_TCK)
server_cpu() { awk -v t="$ticks" '{print ($14+$15+$16+$17)/t}' "/proc/$pm/stat"; }
run() { # label, db, operator args...
    local label=$1 db=$2 report=$3; shift 3
    local before after
    before=$(server_cpu)
    /usr/bin/time -f "%e %U %S" -o /tmp/pgbench.time "$bin" --db "$db" "$@" --as-of "$day" "$report" --format csv >"/tmp/pgbench.$label.$report.csv"
    after=$(server_cpu)
    read -r wall user sys </tmp/pgbench.time
    printf "%-10s %-8s wall %6.2f s  client CPU %6.2f s  server CPU %6.2f s\n" "$label" "$report" "$wall" \
        "$(echo "$user + $sys" | bc)" "$(echo "$after - $before" | bc)"
}
for r in $(seq "$rounds"); do
    for report in aging invoices; do
        run sqlite "$file" "$report" --operator "$login"
        run postgres "$url" "$report"
        cmp -s "/tmp/pgbench.sqlite.$report.csv" "/tmp/pgbench.postgres.$report.csv" \
            && echo "           $report: the same bytes on both" || echo "           $report: OUTPUTS DIFFER"
    done
done
