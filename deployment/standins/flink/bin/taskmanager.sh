#!/usr/bin/env bash
# taskmanager.sh start-foreground [args]: a TaskManager (Flink's TaskManagerRunner).
set -euo pipefail
. "$(dirname "$0")/standin-common.sh"
require_foreground "$@"; shift
run_flink_process taskexecutor org.apache.flink.runtime.taskexecutor.TaskManagerRunner TM "$@"
