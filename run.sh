#!/usr/bin/env bash
# Builds Baton (if needed) and runs it on the embedded H2 database under ~/.baton (or $BATON_DATA_DIR),
# then opens the board in a browser when one is available. Extra arguments go to the server,
# e.g. ./run.sh --server.port=8080. JVM options: scripts/server.jvmopts (heap limit and GC pause goal), or
# BATON_JAVA_OPTS to replace them.
set -euo pipefail
cd "$(dirname "$0")"
jar=api/target/baton.jar
if [ ! -f "$jar" ] || [ -n "$(find . -path ./api/target -prune -o \( -name '*.java' -o -name '*.ts' -o -name '*.tsx' -o -name '*.sql' -o -name '*.properties' -o -name pom.xml \) -newer "$jar" -print -quit 2>/dev/null | grep -v node_modules)" ]; then
  echo "run.sh: building (mvn package, tests skipped: ./test.sh runs them)"
  mvn -B -q -ntp -DskipTests install
fi
# shellcheck disable=SC2086 # the options are a list of words
java ${BATON_JAVA_OPTS-$(cat scripts/server.jvmopts)} -jar "$jar" "$@" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' INT TERM
port=7777
for arg in "$@"; do case "$arg" in --server.port=*) port=${arg#--server.port=} ;; esac; done
url="http://127.0.0.1:$port/"
for _ in $(seq 1 120); do
  if curl -fs "${url}actuator/health" >/dev/null 2>&1; then
    echo "run.sh: the board is at $url"
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && command -v xdg-open >/dev/null; then xdg-open "$url" >/dev/null 2>&1 || true; fi
    if command -v open >/dev/null && [ "$(uname)" = Darwin ]; then open "$url" || true; fi
    break
  fi
  kill -0 $server 2>/dev/null || break
  sleep 0.5
done
wait $server
