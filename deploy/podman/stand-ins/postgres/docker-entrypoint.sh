#!/bin/bash
# First start: a cluster whose superuser is POSTGRES_USER with POSTGRES_PASSWORD, and the database
# POSTGRES_DB; then PostgreSQL in the foreground, listening on every address of the container.
set -euo pipefail
: "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required}"
user="${POSTGRES_USER:-postgres}"
database="${POSTGRES_DB:-$user}"
if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
  initdb --username="$user" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") --auth-local=trust \
    --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 -D "$PGDATA" >/dev/null
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  if [[ "$database" != postgres ]]; then
    echo "CREATE DATABASE \"$database\";" | postgres --single -D "$PGDATA" -jE postgres >/dev/null
  fi
fi
if [[ "${1:-}" == postgres ]]; then
  shift
  exec postgres -c listen_addresses='*' "$@"
fi
exec "$@"
