#!/usr/bin/env bash
# Runs the whole pipeline on this machine with only a JDK 17+: a real Kafka broker, the Flink job
# (embedded MiniCluster, Web UI :8081), the generator (:8080) and the saver (:8090, files in ./output).
# Builds first when something is missing or a source changed since the last build.
# ./run-local.sh --help lists the options (short windows for a demo: --window-size 10s --out-of-orderness 2s).
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v java >/dev/null 2>&1; then
  echo "run-local: a JDK 17 or newer is needed (java is not on the PATH)" >&2
  exit 1
fi

artifacts=(
  kafka-local/target/classes/io/fingerprint/kafkalocal/broker-classpath.txt
  flink-job/target/flink-job-local.jar
  generator-service/target/quarkus-app/quarkus-run.jar
  saver-service/target/quarkus-app/quarkus-run.jar
  launcher/target/launcher-run.jar
)
stamp=launcher/target/launcher-run.jar
build=0
for artifact in "${artifacts[@]}"; do
  [ -e "$artifact" ] || build=1
done
if [ "$build" = 0 ]; then
  changed=$(find . -path ./.local -prune -o -path ./output -prune -o -path '*/target' -prune -o \
    -type f \( -name '*.java' -o -name 'pom.xml' -o -name '*.properties' -o -name '*.xml' \) -newer "$stamp" -print -quit)
  [ -z "$changed" ] || build=1
fi
if [ "$build" = 1 ]; then
  echo "[launcher] building (./mvnw package -DskipTests) ..."
  ./mvnw -q -B package -DskipTests
fi

exec java -Dpipeline.root=. -cp "launcher/target/launcher-run.jar:kafka-local/target/classes" \
  io.fingerprint.launcher.LocalPipeline "$@"
