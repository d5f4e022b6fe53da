#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: started as an unprivileged user, on a
# Unix socket in a temporary folder, no TCP port; the administrator login is `admin`.
#
#   eval "$(scripts/pg-scratch.sh start)"   # sets PG_SCRATCH and CREDITDESK_TEST_PG
#   cargo test                              # the PostgreSQL tests run too
#   scripts/pg-scratch.sh stop "$PG_SCRATCH"
#
# Needs Debian's postgresql package (initdb and pg_ctl under /usr/lib/postgresql/N/bin).
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "PostgreSQL is not installed: apt-get install postgresql" >&2; exit 2; }
case "${1:-}" in
start)
    dir=$(mktemp -d /tmp/creditdesk-pg.XXXXXX)
    chmod 755 "$dir"
    # PostgreSQL refuses to run as root: the cluster belongs to an unprivileged user.
    run=()
    if [ "$(id -u)" = 0 ]; then
        user=$(getent passwd postgres >/dev/null && echo postgres || echo nobody)
        chown "$user" "$dir"
        run=(runuser -u "$user" --)
    fi
    "${run[@]}" "$bin/initdb" -D "$dir/data" -U admin --auth=trust --locale=C.UTF-8 -E UTF8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-k $dir -c listen_addresses= -c max_connections=200 -c fsync=off" start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    echo "export PG_SCRATCH=$dir"
    echo "export CREDITDESK_TEST_PG='postgresql://admin@${dir//\//%2F}/postgres'"
    ;;
stop)
    dir=${2:?the folder start printed}
    owner=$(stat -c %U "$dir")
    if [ "$(id -u)" = 0 ]; then runuser -u "$owner" -- "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null || true
    else "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null || true; fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
