#!/usr/bin/env bash
# Builds the stand-in base images (README.md in this folder), each FROM local/debian:bookworm
# (../../shared/docker/engine.sh makes it) and tagged with the official name it stands in for, in the
# order they need each other: the Maven one first (the Kafka and Flink ones fetch their jars with it).
# Layers are cached by the engine: a second run takes seconds.
#   deployment/standins/build.sh
set -euo pipefail
cd "$(dirname "$0")"
docker image inspect local/debian:bookworm >/dev/null 2>&1 \
  || { echo "[standins] local/debian:bookworm is missing: run ../shared/docker/engine.sh first" >&2; exit 1; }
build() {
  local tag=$1 dir=$2 start=$SECONDS
  docker build --progress=plain -t "$tag" "$dir" > "/tmp/standin-$dir.log" 2>&1 \
    || { echo "[standins] building $tag failed; the end of /tmp/standin-$dir.log:" >&2; tail -30 "/tmp/standin-$dir.log" >&2; exit 1; }
  echo "[standins] $tag built in $((SECONDS - start)) s"
}
build maven:3.9-eclipse-temurin-17 maven
build apache/kafka:4.1.1 kafka
build flink:2.2.1-scala_2.12-java17 flink
build quay.io/quarkus/ubi9-quarkus-micro-image:2.0 quarkus-micro
