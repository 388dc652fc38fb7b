#!/usr/bin/env bash
# jobmanager.sh start-foreground [args]: a session-cluster JobManager (Flink's StandaloneSessionClusterEntrypoint).
set -euo pipefail
. "$(dirname "$0")/standin-common.sh"
require_foreground "$@"; shift
run_flink_process standalonesession org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint JM \
  --executionMode cluster "$@"
