#!/usr/bin/env bash
# Runs every test of Baton: domain and aggregate fixture tests, the UI's component tests, the HTTP
# integration suite on the embedded H2 database and again on a throwaway PostgreSQL cluster, and the
# browser test in headless Chromium. Installs what is missing (PostgreSQL, Chromium, bubblewrap) from Debian packages.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

need_root() {
  if [ "$(id -u)" != 0 ]; then
    echo "test.sh: $1 is missing and installing it needs root (apt-get install $2)" >&2
    exit 1
  fi
}

if [ ! -x /usr/bin/chromium ]; then
  need_root "Chromium" "chromium"
  echo "test.sh: installing Chromium from Debian packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
if ! command -v bwrap >/dev/null; then
  need_root "bubblewrap (the agent sandbox)" "bubblewrap"
  echo "test.sh: installing bubblewrap from Debian packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq bubblewrap >/dev/null
fi
command -v node >/dev/null || { echo "test.sh: node and npm are required (they build and test the UI)" >&2; exit 1; }

# A throwaway PostgreSQL cluster under target/, on a free loopback port; stopped on exit.
pg_dir="$root/target/postgres"
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
trap 'scripts/postgres.sh stop "$pg_dir"' EXIT
scripts/postgres.sh stop "$pg_dir" || true
rm -rf "$pg_dir"
pg_url=$(scripts/postgres.sh start "$pg_dir" "$pg_port")
echo "test.sh: PostgreSQL test cluster at ${pg_url%%\?*}"

mvn -B -ntp install "-Dbaton.postgres.url=$pg_url" "$@"
