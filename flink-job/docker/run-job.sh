#!/usr/bin/env bash
# Entry point of the fingerprint/flink-job image (compose and Kubernetes).
#
# `standalone-job ...` (the JobManager in application mode) is started from the newest state it can
# find, so that a JobManager that crashed, or was stopped with a savepoint, carries on where it was:
#   - the newest retained checkpoint of the job, $CHECKPOINT_DIR/<job id>/chk-<n>/_metadata, or
#   - the newest savepoint, $SAVEPOINT_DIR/savepoint-*/_metadata,
# whichever was written last. RESTORE_FROM changes that: `none` starts without state, a path
# restores that checkpoint or savepoint. ALLOW_NON_RESTORED_STATE=true adds --allowNonRestoredState.
# An explicit --fromSavepoint in the arguments wins over all of it.
#
# Everything else (`taskmanager`, `help`, any command) goes straight to the image's own entry point.
#
# Every command first fills $FLINK_WRITABLE_CONF (the target of the image's conf/ link, under /tmp)
# with the image's own configuration: the root file system is read-only, and Flink's entry point
# writes its settings into conf/config.yaml at every start.
set -euo pipefail

FLINK_CONF_TEMPLATE="${FLINK_CONF_TEMPLATE:-/opt/flink/conf.image}"
FLINK_WRITABLE_CONF="${FLINK_WRITABLE_CONF:-/tmp/flink-conf}"
if [ -d "$FLINK_CONF_TEMPLATE" ]; then
  mkdir -p "$FLINK_WRITABLE_CONF"
  cp -R "$FLINK_CONF_TEMPLATE"/. "$FLINK_WRITABLE_CONF"/
fi

CHECKPOINT_DIR="${CHECKPOINT_DIR:-/flink/checkpoints}"
SAVEPOINT_DIR="${SAVEPOINT_DIR:-/flink/savepoints}"
RESTORE_FROM="${RESTORE_FROM:-auto}"
FLINK_ENTRYPOINT="${FLINK_ENTRYPOINT:-/docker-entrypoint.sh}"

if [ "${1:-}" != "standalone-job" ]; then
  exec "$FLINK_ENTRYPOINT" "$@"
fi
shift

job_id=""
previous=""
for arg in "$@"; do
  case "$arg" in
    --fromSavepoint | --fromSavepoint=* | -s)
      echo "run-job: restoring from the --fromSavepoint given in the arguments"
      exec "$FLINK_ENTRYPOINT" standalone-job "$@"
      ;;
    --job-id=*) job_id="${arg#--job-id=}" ;;
  esac
  if [ "$previous" = "--job-id" ] || [ "$previous" = "-jid" ]; then
    job_id="$arg"
  fi
  previous="$arg"
done

# The completed checkpoint with the highest number (a checkpoint has _metadata once it is complete).
newest_checkpoint() {
  local best="" best_n=-1 metadata dir n
  shopt -s nullglob
  for metadata in "$CHECKPOINT_DIR"/${job_id:-*}/chk-*/_metadata; do
    dir="${metadata%/_metadata}"
    n="${dir##*/chk-}"
    case "$n" in '' | *[!0-9]*) continue ;; esac
    if [ "$n" -gt "$best_n" ]; then
      best_n="$n"
      best="$dir"
    fi
  done
  printf '%s' "$best"
}

# The savepoint written last.
newest_savepoint() {
  local best="" metadata
  shopt -s nullglob
  for metadata in "$SAVEPOINT_DIR"/savepoint-*/_metadata; do
    if [ -z "$best" ] || [ "$metadata" -nt "$best/_metadata" ]; then
      best="${metadata%/_metadata}"
    fi
  done
  printf '%s' "$best"
}

restore=""
case "$RESTORE_FROM" in
  none) ;;
  auto)
    checkpoint="$(newest_checkpoint)"
    savepoint="$(newest_savepoint)"
    if [ -n "$checkpoint" ] && [ -n "$savepoint" ]; then
      if [ "$savepoint/_metadata" -nt "$checkpoint/_metadata" ]; then
        restore="$savepoint"
      else
        restore="$checkpoint"
      fi
    else
      restore="${checkpoint:-$savepoint}"
    fi
    ;;
  *) restore="$RESTORE_FROM" ;;
esac

if [ -z "$restore" ]; then
  echo "run-job: no checkpoint or savepoint to restore, starting the job without state"
  exec "$FLINK_ENTRYPOINT" standalone-job "$@"
fi
echo "run-job: restoring from $restore"
options=(--fromSavepoint "$restore")
if [ "${ALLOW_NON_RESTORED_STATE:-false}" = "true" ]; then
  options+=(--allowNonRestoredState)
fi
# Flink's options go before the job's own arguments: its parser stops at the first one it does not know.
exec "$FLINK_ENTRYPOINT" standalone-job "${options[@]}" "$@"
