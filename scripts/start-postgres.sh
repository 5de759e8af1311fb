#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the store tests and print its URL (last line of stdout).
#
# Idempotent: a second run finds the server running and prints the same URL.
#   - installs Debian's postgresql package when no PostgreSQL binaries are found (needs root);
#   - keeps its own cluster in $RASHOMON_PG_DIR (default /tmp/rashomon-pg), owned by the
#     postgres user when run as root (PostgreSQL refuses to run as root), else by the caller;
#   - listens on 127.0.0.1 only, on $RASHOMON_PG_PORT or the first free port from 54329;
#   - creates the role "rashomon" (password "rashomon", CREATEDB: the tests make one database
#     per test) and the database "rashomon_test".
# Usage:  export RASHOMON_TEST_PG_URL=$(bash scripts/start-postgres.sh)
# Stop:   bash scripts/start-postgres.sh --stop
set -euo pipefail

DIR="${RASHOMON_PG_DIR:-/tmp/rashomon-pg}"
ROLE=rashomon
PASSWORD=rashomon
DB=rashomon_test

log() { echo "start-postgres: $*" >&2; }

find_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

BIN="$(find_bin || true)"
if [ -z "$BIN" ]; then
  if [ "$(id -u)" != 0 ]; then
    log "PostgreSQL is not installed and installing it needs root (apt-get install postgresql)"
    exit 1
  fi
  log "installing postgresql (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  BIN="$(find_bin)" || { log "postgresql installed but initdb not found"; exit 1; }
fi

if [ "$(id -u)" = 0 ]; then
  RUNAS=(runuser -u postgres --)
  id postgres >/dev/null 2>&1 || { log "no postgres user"; exit 1; }
else
  RUNAS=()
fi
as_pg() { "${RUNAS[@]}" "$@"; }

if [ "${1:-}" = "--stop" ]; then
  [ -d "$DIR/data" ] && as_pg "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >&2 || true
  exit 0
fi

mkdir -p "$DIR"
[ "$(id -u)" = 0 ] && chown postgres: "$DIR"

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if [ ! -s "$DIR/data/PG_VERSION" ]; then
  log "initialising a cluster in $DIR/data"
  as_pg "$BIN/initdb" -D "$DIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >&2 \
    || as_pg "$BIN/initdb" -D "$DIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C >&2
fi

if as_pg "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
  PORT="$(cat "$DIR/port")"
else
  PORT="${RASHOMON_PG_PORT:-}"
  if [ -z "$PORT" ]; then
    PORT=54329
    while ! port_free "$PORT"; do PORT=$((PORT + 1)); done
  fi
  echo "$PORT" > "$DIR/port"
  log "starting on 127.0.0.1:$PORT"
  as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
    -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100" start >&2 \
    || { log "server did not start; see $DIR/server.log"; tail -20 "$DIR/server.log" >&2 || true; exit 1; }
fi

psql_admin() { as_pg "$BIN/psql" -h "$DIR" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != 1 ]; then
  psql_admin -c "CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD'" >&2
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
  psql_admin -c "CREATE DATABASE $DB OWNER $ROLE" >&2
fi

echo "postgresql://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"
