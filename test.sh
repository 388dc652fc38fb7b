#!/usr/bin/env bash
# The test command (README "Test"; .ci/run runs it as it is): first makes sure of everything the suite
# needs beyond a JDK, installing it when it can (root with apt-get) and otherwise stopping at once with
# one line naming what to install; builds the native-image toolchain when it is missing; then runs
# ./mvnw verify -Dnative (JVM tests, both services' native executables and the tests against them) with any
# arguments given.
#
#   ./test.sh                         # the whole suite
#   ./test.sh -pl saver-service -am   # any Maven arguments, passed on to ./mvnw verify
#   TEST_NATIVE=0 ./test.sh           # without native executables (no toolchain needed)
#   TEST_COMPOSE=0 ./test.sh          # without the compose test (no Docker engine started)
set -euo pipefail
cd "$(dirname "$0")"
say() { echo "[test] $*"; }
export DEBIAN_FRONTEND=noninteractive

# What the suite needs, as "command Debian-package" pairs: a JDK 17+ for the build, Debian's Chromium
# and its driver for dashboard-test (headless, against the saver's page).
missing=()
java_ok() { command -v javac >/dev/null 2>&1 && [ "$(javac -version 2>&1 | sed -E 's/^javac ([0-9]+).*/\1/')" -ge 17 ]; }
java_ok || missing+=(openjdk-17-jdk-headless)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
# The native-image toolchain (below) compiles and links with gcc against a static zlib.
if [ "${TEST_NATIVE:-1}" != 0 ]; then
  command -v gcc >/dev/null 2>&1 || missing+=(gcc)
  [ -e /usr/lib/x86_64-linux-gnu/libz.a ] || missing+=(zlib1g-dev)
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing ${missing[*]}"
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "[test] the tests need ${missing[*]}: install them (Debian: sudo apt-get install ${missing[*]}) and run again" >&2
    exit 1
  fi
fi
# Optional: Debian's docker-compose validates docker-compose.yml offline (deployment-check); without it that
# one check is skipped with a message, so it is installed when it can be and never asked for.
if ! command -v docker-compose >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get install -y -q docker-compose >/dev/null 2>&1 || say "docker-compose not installed: its offline check is skipped"
fi
java_ok || { echo "[test] javac 17 or newer is needed; found: $(javac -version 2>&1)" >&2; exit 1; }
say "$(javac -version 2>&1), $(chromium --version 2>/dev/null | head -1), $(chromedriver --version | cut -d' ' -f1-2)"

# Native executables of both services (README "Native executables"): built with a GraalVM native-image
# toolchain that ../shared/native-image/build-toolchain.sh assembles from Maven Central on Temurin 25, once,
# into a cache folder outside the repo; then -Dnative builds them and runs the Native*IT tests against them.
# TEST_NATIVE=0 runs the JVM suite only.
native=()
if [ "${TEST_NATIVE:-1}" != 0 ]; then
  toolchain=${NATIVE_TOOLCHAIN:-$HOME/.cache/native-image-toolchain}
  if [ ! -e "$toolchain/.built" ]; then
    builder=../shared/native-image/build-toolchain.sh
    [ -x "$builder" ] || { echo "[test] $builder not found: it builds the native-image toolchain; TEST_NATIVE=0 ./test.sh runs without native executables" >&2; exit 1; }
    [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ] || { echo "[test] the native-image toolchain needs Temurin 25 in /usr/lib/jvm/temurin-25-jdk-amd64; TEST_NATIVE=0 ./test.sh runs without native executables" >&2; exit 1; }
    mkdir -p target
    say "building the native-image toolchain into $toolchain (a few minutes, once; log: target/native-toolchain.log)"
    rm -rf "$toolchain"
    "$builder" "$toolchain" > target/native-toolchain.log 2>&1 \
      || { echo "[test] building the native-image toolchain failed; the end of target/native-toolchain.log:" >&2; tail -20 target/native-toolchain.log >&2; exit 1; }
    touch "$toolchain/.built"   # only a finished build counts: an interrupted one is rebuilt
  fi
  say "native executables with $("$toolchain/gvm/bin/native-image" --version 2>&1 | head -1)"
  native=(-Dnative "-Dquarkus.native.graalvm-home=$toolchain/gvm")
fi

# ---- Compose test (README "Compose test"; compose-test/ComposeIT) ----------------------------------------
# As root with ../shared beside the clone: starts the Docker engine (../shared/docker/engine.sh: Debian's
# docker.io, compose v2, the local/debian:bookworm base), then requires the compose test, so that it fails
# instead of skipping when the engine is missing. It builds the stand-in images (deployment/standins) and
# runs `docker compose up --build` on docker-compose.yml with the native executables -Dnative built.
# TEST_COMPOSE=0 leaves it out; without native executables (TEST_NATIVE=0) it is left out too.
compose=()
if [ "${TEST_COMPOSE:-1}" != 0 ]; then
  if [ "${TEST_NATIVE:-1}" = 0 ]; then
    say "compose test left out: its service images are made from the native executables (TEST_NATIVE=0)"
    compose=(-Dcompose.test=off)
  elif [ "$(id -u)" = 0 ] && [ -x ../shared/docker/engine.sh ]; then
    mkdir -p target
    say "starting the Docker engine (log: target/docker-engine.log)"
    ../shared/docker/engine.sh > target/docker-engine.log 2>&1 \
      || { echo "[test] the Docker engine did not start (TEST_COMPOSE=0 ./test.sh runs without the compose test); the end of target/docker-engine.log:" >&2
           tail -20 target/docker-engine.log >&2; exit 1; }
    say "$(tail -1 target/docker-engine.log)"
    compose=(-Dcompose.test=required "-Dcompose.native.jdkso=$toolchain/gvm/lib/svm/jdkso")
  else
    say "compose test runs only if a Docker engine answers (./test.sh starts one as root with ../shared beside the clone)"
    compose=("-Dcompose.native.jdkso=$toolchain/gvm/lib/svm/jdkso")
  fi
else
  compose=(-Dcompose.test=off)
fi
# ---- end of the compose test's block -------------------------------------------------------------------

exec ./mvnw -B -ntp verify "${native[@]}" "${compose[@]}" "$@"
