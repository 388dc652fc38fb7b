#!/usr/bin/env bash
# The stand-in's entry point, /docker-entrypoint.sh as in the official Flink image:
#   1. conf/config.yaml gets jobmanager.rpc.address ($JOB_MANAGER_RPC_ADDRESS, else this host's name),
#      blob.server.port 6124, query.server.port 6125, taskmanager.numberOfTaskSlots from
#      $TASK_MANAGER_NUMBER_OF_TASK_SLOTS, then every "key: value" line of $FLINK_PROPERTIES (values
#      through envsubst), in that order, later ones winning;
#   2. jemalloc is preloaded unless DISABLE_JEMALLOC=true;
#   3. the command: jobmanager | standalone-job | taskmanager [args] run that Flink process in the
#      foreground; help prints the usage; anything else is run as it is.
set -euo pipefail
FLINK_HOME=${FLINK_HOME:-/opt/flink}
conf_dir="$FLINK_HOME/conf"

[ "$(id -u)" != 0 ] || echo "WARNING: running Flink as root; the image's user is flink (9999)"

if [ "${DISABLE_JEMALLOC:-false}" = false ]; then
  jemalloc=/usr/lib/$(uname -m)-linux-gnu/libjemalloc.so.2
  if [ -f "$jemalloc" ]; then export LD_PRELOAD="${LD_PRELOAD:+$LD_PRELOAD:}$jemalloc"
  else echo "WARNING: $jemalloc not found: glibc's allocator is used"; fi
fi

trim() { local s=$1; s="${s#"${s%%[![:space:]]*}"}"; printf '%s' "${s%"${s##*[![:space:]]}"}"; }

changes=(-D "jobmanager.rpc.address=${JOB_MANAGER_RPC_ADDRESS:-$(hostname -f)}" -D blob.server.port=6124 -D query.server.port=6125)
[ -z "${TASK_MANAGER_NUMBER_OF_TASK_SLOTS:-}" ] || changes+=(-D "taskmanager.numberOfTaskSlots=$TASK_MANAGER_NUMBER_OF_TASK_SLOTS")
while IFS= read -r line; do
  line=$(trim "$line")
  [ -n "$line" ] || continue
  case "$line" in *:*) ;; *) echo "FLINK_PROPERTIES: ignoring a line without 'key: value': $line" >&2; continue ;; esac
  key=$(trim "${line%%:*}")
  value=$(trim "${line#*:}" | envsubst)
  changes+=(-D "$key=$value")
done <<< "${FLINK_PROPERTIES:-}"
"$FLINK_HOME/bin/config-parser-utils.sh" "$conf_dir" "$FLINK_HOME/bin" "$FLINK_HOME/lib" "${changes[@]}"

command=${1:-help}
[ $# -eq 0 ] || shift
case "$command" in
  help)
    echo "Usage: $(basename "$0") (jobmanager|standalone-job|taskmanager) [args]"
    echo "    Or $(basename "$0") help"
    exit 0 ;;
  jobmanager)     echo "Starting Job Manager";  exec "$FLINK_HOME/bin/jobmanager.sh" start-foreground "$@" ;;
  standalone-job) echo "Starting Job Manager";  exec "$FLINK_HOME/bin/standalone-job.sh" start-foreground "$@" ;;
  taskmanager)    echo "Starting Task Manager"; exec "$FLINK_HOME/bin/taskmanager.sh" start-foreground "$@" ;;
  *)              exec "$command" "$@" ;;
esac
