#!/usr/bin/env bash
# Baton benchmark: one command.
#
#   bench/run.sh [h2|postgres|all|workspace|attempts|runs] [--quick] [--phases main,replay,workspace,attempts,runs]
#                [--replay-events N]
#
# Builds the server (mvn install in the project root) if api/target/baton.jar or the runner in the local Maven
# repository is missing, builds the harness (bench/pom.xml, not a module of the root build), starts a PostgreSQL
# cluster with default durability for the postgres runs, starts the server jar for each phase, runs the scenarios,
# then (all, workspace) times workspace creation without server or database, then (all, attempts) runs agents
# through the server on H2, then (all, runs) runs a 1,000-task graph on H2, stops everything, prints the table and writes bench/results/results-<timestamp>.json.
# See bench/README.md.
#
# Environment: BATON_JAR (server jar to use), BENCH_SERVER_JVM_OPTS (JVM options of the server; default those of
# ./run.sh, scripts/server.jvmopts; set it empty for the JVM's defaults),
# BENCH_PG_OPTS (extra "-c name=value" for PostgreSQL), BENCH_PG_PORT, BENCH_WORK_DIR (kept afterwards),
# BENCH_KEEP=1 (keep the temporary work folder: server logs, databases).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")

db=all
pass=()
for arg in "$@"; do
  case "$arg" in
    h2|postgres|all) db=$arg ;;
    workspace) db=none ;; # the workspace phase alone: no database, no server
    attempts) db=attempts ;; # the attempts phase alone: its own server on H2, no PostgreSQL
    runs) db=runs ;; # the orchestration phase alone: its own server on H2, no PostgreSQL
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) pass+=("$arg") ;;
  esac
done

jar=${BATON_JAR:-$root/api/target/baton.jar}
# The harness links the runner (baton.version in bench/pom.xml) from the local Maven repository, which MAVEN_OPTS
# may move with -Dmaven.repo.local.
maven_repo=$HOME/.m2/repository
read -ra maven_opts <<< "${MAVEN_OPTS:-}"
for opt in ${maven_opts[@]+"${maven_opts[@]}"}; do
  case "$opt" in -Dmaven.repo.local=*) maven_repo=${opt#-Dmaven.repo.local=} ;; esac
done
runner_jar=$maven_repo/dev/baton/baton-runner/0.1.0-SNAPSHOT/baton-runner-0.1.0-SNAPSHOT.jar
for needed in "$jar" "$runner_jar"; do
  if [ ! -f "$needed" ]; then
    echo "bench: $needed is missing; building the project (mvn -B -q -DskipTests install)" >&2
    (cd "$root" && mvn -B -q -ntp -DskipTests install)
    break
  fi
done

bench_jar=$here/target/baton-bench.jar
if [ ! -f "$bench_jar" ] || [ -n "$(find "$here/src" "$here/pom.xml" "$runner_jar" -newer "$bench_jar" -print -quit)" ]; then
  echo "bench: building the harness (bench/pom.xml)" >&2
  mvn -B -q -ntp -f "$here/pom.xml" package
fi

if [ -n "${BENCH_WORK_DIR:-}" ]; then
  work=$BENCH_WORK_DIR; keep=1; mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/baton-bench.XXXXXX"); keep=${BENCH_KEEP:-0}
fi
work=$(cd "$work" && pwd)

pg_dir=$work/pg
pg_port=0
cleanup() {
  if [ "$pg_port" != 0 ]; then "$root/scripts/postgres.sh" stop "$pg_dir" || true; fi
  if [ "$keep" = 1 ]; then echo "bench: work folder kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

if [ "$db" = postgres ] || [ "$db" = all ]; then
  pg_port=${BENCH_PG_PORT:-55432}
  # the first free port from there (a refused connection on 127.0.0.1 means free)
  while (exec 3<>"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null; do pg_port=$((pg_port + 1)); done
  echo "bench: starting PostgreSQL (default durability) on 127.0.0.1:$pg_port under $pg_dir" >&2
  BATON_PG_DURABLE=1 BATON_PG_OPTS="${BENCH_PG_OPTS:-}" "$root/scripts/postgres.sh" start "$pg_dir" "$pg_port" >/dev/null
fi

echo "bench: load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores: other work skews the figures)" >&2
# In the background so that an interrupt runs the cleanup; the harness's shutdown hook stops the server.
java -XX:+UseSerialGC -Xmx2g -Dbench.args="$*" -jar "$bench_jar" --db "$db" --jar "$jar" --work "$work" \
  --results "$here/results" --pg-port "$pg_port" --server-jvm-opts "${BENCH_SERVER_JVM_OPTS-$(cat "$root/scripts/server.jvmopts")}" ${pass[@]+"${pass[@]}"} &
harness=$!
trap 'kill $harness 2>/dev/null; wait $harness 2>/dev/null; exit 130' INT TERM
wait $harness
