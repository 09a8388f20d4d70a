#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks.
#   scripts/postgres.sh start DIR PORT   -> creates DIR (initdb) if needed, starts it on 127.0.0.1:PORT,
#                                           creates database "baton"; prints the JDBC URL
#   scripts/postgres.sh stop DIR
# Tests run it without durability (fsync off: fast, and the data is thrown away). BATON_PG_DURABLE=1 keeps
# PostgreSQL's default durability, as the benchmarks need for honest figures; BATON_PG_OPTS adds server
# settings ("-c shared_buffers=1GB ...").
# Installs Debian's postgresql when the binaries are missing. initdb refuses to run as root, so as root the
# cluster runs as the "postgres" user.
set -euo pipefail

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  return 1
}

ensure_installed() {
  if ! find_bin >/dev/null; then
    echo "postgres.sh: installing postgresql from Debian packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
  fi
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/bash -c "$*"
  else
    bash -c "$*"
  fi
}

cmd=${1:?usage: postgres.sh start|stop DIR [PORT]}
dir=$(mkdir -p "${2:?DIR missing}" && cd "$2" && pwd)
case "$cmd" in
  start)
    port=${3:?PORT missing}
    settings=${BATON_PG_OPTS:-}
    if [ "${BATON_PG_DURABLE:-0}" != 1 ]; then
      settings="-c fsync=off -c synchronous_commit=off -c full_page_writes=off $settings"
    fi
    ensure_installed
    bin=$(find_bin)
    if [ "$(id -u)" = 0 ]; then
      id postgres >/dev/null 2>&1 || useradd --system --home "$dir" postgres
      chown -R postgres "$dir"
      # every parent folder must be traversable for the postgres user
      p="$dir"; while [ "$p" != "/" ]; do chmod o+x "$p" 2>/dev/null || true; p=$(dirname "$p"); done
    fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "'$bin/initdb' -D '$dir/data' -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >'$dir/initdb.log' 2>&1"
    fi
    if ! as_owner "'$bin/pg_ctl' -D '$dir/data' status" >/dev/null 2>&1; then
      as_owner "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -t 60 \
        -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c max_connections=200 $settings\" start" >/dev/null
    fi
    if ! as_owner "'$bin/psql' -h 127.0.0.1 -p $port -U postgres -tAc \"select 1 from pg_database where datname='baton'\"" | grep -q 1; then
      as_owner "'$bin/psql' -h 127.0.0.1 -p $port -U postgres -qc 'create database baton'"
    fi
    echo "jdbc:postgresql://127.0.0.1:$port/baton?user=postgres"
    ;;
  stop)
    bin=$(find_bin) || exit 0
    [ -f "$dir/data/PG_VERSION" ] || exit 0
    as_owner "'$bin/pg_ctl' -D '$dir/data' -m fast -w stop" >/dev/null 2>&1 || true
    ;;
  *) echo "usage: postgres.sh start|stop DIR [PORT]" >&2; exit 2 ;;
esac
