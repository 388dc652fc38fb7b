#!/usr/bin/env bash
# The test command (README "Test"; .ci/run runs it as it is): first makes sure of everything the suite
# needs beyond a JDK, installing it when it can (root with apt-get) and otherwise stopping at once with
# one line naming what to install; then runs ./mvnw verify with any arguments given.
#
#   ./test.sh                      # the whole suite
#   ./test.sh -pl saver-service -am   # any Maven arguments, passed on to ./mvnw verify
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

exec ./mvnw -B -ntp verify "$@"
