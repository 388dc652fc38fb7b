#!/usr/bin/env bash
# config-parser-utils.sh CONF_DIR BIN_DIR LIB_DIR [-Dkey=value | -repKV key,old,new | -rmKV key=value | -rmKey key]...
# Rewrites CONF_DIR/config.yaml with the changes given, through Flink's own BashJavaUtils
# UPDATE_AND_GET_FLINK_CONFIGURATION, as the distribution's script of that name does.
set -euo pipefail
. "$(dirname "$0")/standin-common.sh"
[ $# -ge 3 ] || { echo "usage: config-parser-utils.sh CONF_DIR BIN_DIR LIB_DIR [changes]" >&2; exit 2; }
conf_dir=$1; shift 3
updated=$(FLINK_CONF_DIR=$conf_dir bash_java_utils UPDATE_AND_GET_FLINK_CONFIGURATION --configDir "$conf_dir" "$@")
[ -n "$updated" ] || { echo "[flink] no configuration came back from BashJavaUtils" >&2; exit 1; }
printf '%s\n' "$updated" > "$conf_dir/config.yaml"
