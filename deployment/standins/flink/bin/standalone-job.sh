#!/usr/bin/env bash
# standalone-job.sh start-foreground [--job-classname C] [--job-id ID] [--fromSavepoint P] [job args]:
# an application-mode JobManager running the job jar found in /opt/flink/usrlib
# (Flink's StandaloneApplicationClusterEntryPoint).
set -euo pipefail
. "$(dirname "$0")/standin-common.sh"
require_foreground "$@"; shift
run_flink_process standalonejob org.apache.flink.container.entrypoint.StandaloneApplicationClusterEntryPoint JM "$@"
