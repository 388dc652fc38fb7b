#!/usr/bin/env bash
# Runs every benchmark measurement in one go against its own real Kafka broker and prints one table;
# a Markdown copy goes to bench/results/latest.md. bench/run.sh --help lists the sizes.
#   1-4  the job beside its ceiling (1b: its Kafka source alone), a plain Flink job and Flink SQL (--readings 10000000 --equipments 20 ...)
#   5    the generator beside Kafka's ProducerPerformance
#   6    the saver: join and save, start with 100 000 files, query latency
#   7    window end to file on disk through the whole pipeline, at the default rate and at 50 000 readings/s
#   8    each service as its jar and as its native executable (when built, README "Native executables"):
#        start to ready, RSS idle and at 10 000 readings/s, the generator's highest rate, the saver's join
# Builds what it needs first: the harness, the Flink job's local jar and the packaged generator and
# saver (5-7 start them as their own JVMs), when one is missing or a source changed since the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
needed=(bench/target/bench.jar flink-job/target/flink-job-local.jar
  generator-service/target/quarkus-app/quarkus-run.jar saver-service/target/quarkus-app/quarkus-run.jar)
stamp=bench/target/built-for-run.stamp   # touched after each build here; sources newer than it mean a rebuild
build=0
for artifact in "${needed[@]}" "$stamp"; do
  [ -e "$artifact" ] || build=1
done
if [ "$build" = 0 ] && [ -n "$(find formats cli-options flink-job generator-service saver-service kafka-local launcher bench pom.xml -path '*/target' -prune -o \
    -type f \( -path '*/src/main/*' -o -name pom.xml \) -newer "$stamp" -print -quit)" ]; then
  build=1
fi
if [ "$build" = 1 ]; then
  rm -rf bench/target/lib   # copy-dependencies adds, never removes: no stale jar may stay on the classpath
  start=$(date +%s)
  ./mvnw -q -B -pl bench -am install -DskipTests
  touch -d "@$start" "$stamp"   # the start: a source saved during the build is seen next time
fi
exec java -Xmx6g ${BENCH_JAVA_OPTS:-} $(echo --add-opens=java.base/{java.util,java.lang,java.lang.invoke,java.net,java.io,java.nio,java.time,java.util.concurrent,java.util.concurrent.atomic}=ALL-UNNAMED) \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  -cp "bench/target/bench.jar:bench/target/lib/*" io.fingerprint.bench.Benchmark "$@"
