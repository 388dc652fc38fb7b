# Sourced by the stand-in's bin/ scripts: where Flink lives, its class path, and the Java options the
# official distribution gives every Flink JVM on Java 17 (its default env.java.opts.all).
FLINK_HOME=${FLINK_HOME:-/opt/flink}
FLINK_CONF_DIR=${FLINK_CONF_DIR:-$FLINK_HOME/conf}
FLINK_LOG_DIR=${FLINK_LOG_DIR:-$FLINK_HOME/log}
FLINK_CLASSPATH="$FLINK_HOME/lib/*"
FLINK_MODULE_OPTS=(
  --add-exports=java.base/sun.net.util=ALL-UNNAMED
  --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED
  --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
)

# bash_java_utils COMMAND ARGS...: runs Flink's own BashJavaUtils (flink-runtime) and prints the lines
# of its result, as the distribution's config.sh does.
bash_java_utils() {
  local output
  output=$(java -Xmx128m -cp "$FLINK_CLASSPATH" -Dlog4j2.configurationFile="file:$FLINK_CONF_DIR/log4j-cli.properties" \
    org.apache.flink.runtime.util.bash.BashJavaUtils "$@" 2>&1) \
    || { echo "[flink] BashJavaUtils $1 failed:" >&2; echo "$output" >&2; return 1; }
  printf '%s\n' "$output" | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

# run_flink_process ROLE MAIN-CLASS JM|TM ARGS...: the foreground JVM of a JobManager or TaskManager, with
# the memory options Flink computes from the configuration (and the -D arguments among ARGS) and its log
# file in $FLINK_LOG_DIR.
run_flink_process() {
  local role=$1 class=$2 kind=$3; shift 3
  local dynamic=() arg previous=""
  for arg in "$@"; do   # the -D key=value and -Dkey=value among the arguments count for the memory sizes too
    if [ "$previous" = "-D" ]; then dynamic+=(-D "$arg"); fi
    case "$arg" in -D?*) dynamic+=("$arg") ;; esac
    previous=$arg
  done
  local result jvm_params memory_params
  result=$(bash_java_utils "GET_${kind}_RESOURCE_PARAMS" --configDir "$FLINK_CONF_DIR" "${dynamic[@]}") || exit 1
  jvm_params=$(sed -n 1p <<<"$result")
  memory_params=$(sed -n 2p <<<"$result")
  local log_file="$FLINK_LOG_DIR/flink-$(id -un 2>/dev/null || id -u)-$role-$(hostname).log"
  echo "[flink] starting $role ($class): $jvm_params; log file $log_file"
  # shellcheck disable=SC2086 # jvm_params, memory_params and FLINK_ENV_JAVA_OPTS are lists of options
  exec java $jvm_params "${FLINK_MODULE_OPTS[@]}" ${FLINK_ENV_JAVA_OPTS:-} \
    -Dlog.file="$log_file" \
    -Dlog4j.configuration="file:$FLINK_CONF_DIR/log4j-console.properties" \
    -Dlog4j.configurationFile="file:$FLINK_CONF_DIR/log4j-console.properties" \
    -cp "$FLINK_CLASSPATH" "$class" --configDir "$FLINK_CONF_DIR" $memory_params "$@"
}

require_foreground() {
  [ "${1:-}" = start-foreground ] || { echo "[flink] this image runs Flink in the foreground only: $(basename "$0") start-foreground [args]" >&2; exit 2; }
}
