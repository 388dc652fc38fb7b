#!/usr/bin/env bash
# Runs every benchmark measurement in one go against its own real Kafka broker and prints one table;
# a Markdown copy goes to bench/results/latest.md.
#   bench/run.sh [--readings 2000000] [--equipments 20] [--partitions 2] [--parallelism 2]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f bench/target/bench.jar ] || [ -n "$(find flink-job/src bench/src kafka-local/src -newer bench/target/bench.jar -print -quit)" ]; then
  rm -rf bench/target/lib   # copy-dependencies adds, never removes: no stale jar may stay on the classpath
  ./mvnw -q -B -pl bench -am install -DskipTests
fi
exec java -Xmx6g ${BENCH_JAVA_OPTS:-} $(echo --add-opens=java.base/{java.util,java.lang,java.lang.invoke,java.net,java.io,java.nio,java.time,java.util.concurrent,java.util.concurrent.atomic}=ALL-UNNAMED) \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  -cp "bench/target/bench.jar:bench/target/lib/*" io.fingerprint.bench.Benchmark "$@"
