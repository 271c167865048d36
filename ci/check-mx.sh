#!/usr/bin/env bash
# Builds and tests escape with mx (mx.escape/suite.py), the way a Graal developer would.
# .ci/run runs it too (LauncherTest) when an mx checkout is at hand (../shared/tools/mx in CI).
#
#   MX_HOME=/path/to/mx ci/check-mx.sh [mx unittest arguments...]
#
# e.g.  ci/check-mx.sh                                  all tests
#       ci/check-mx.sh LauncherTest                     classes mx can see (a JUnit @Test method)
#       ci/check-mx.sh --jupiter-include=LibraryMode    any JUnit 5 class, by regex
#       ci/check-mx.sh -da:jdk.graal.compiler...        Graal's own assertions off, as under Maven
#
# MX_HOME: an mx checkout (github.com/graalvm/mx; checked with 7.84.1). JAVA_HOME: a JDK 25
# with JVMCI (default /usr/lib/jvm/temurin-25-jdk-amd64). MX_PYTHON: python3 by default.
# mx downloads the Graal and JUnit jars from Maven Central into MX_CACHE_DIR (~/.mx/cache).
# JitModeTest and some LauncherTest cases run ./escape, which uses Maven's build/lib (and
# builds it with Maven if build/lib/graal is missing).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

die() {
  echo "check-mx: $*" >&2
  exit 2
}

[[ -n "${MX_HOME:-}" ]] || die "set MX_HOME to an mx checkout (git clone https://github.com/graalvm/mx)"
[[ -x "$MX_HOME/mx" ]] || die "MX_HOME=$MX_HOME has no mx script"

if [[ -z "${JAVA_HOME:-}" || ! -x "$JAVA_HOME/bin/javac" ]] ||
  ! grep -q '^JAVA_VERSION="25' "$JAVA_HOME/release" 2>/dev/null; then
  JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
grep -q '^JAVA_VERSION="25' "$JAVA_HOME/release" 2>/dev/null || die "no JDK 25 at JAVA_HOME=$JAVA_HOME"
export JAVA_HOME
export MX_PYTHON="${MX_PYTHON:-$(command -v python3)}"
# Only this suite's distributions: a plain `mx build` would also build mx's native ninja
# toolchains, whose download host may be unreachable (mx_escape.py defaults this too).
export BUILD_TARGETS="${BUILD_TARGETS:-ESCAPE_LAUNCHER,ESCAPE_COMPILER,ESCAPE_DEMO,ESCAPE_LANG,ESCAPE_TEST}"

mx() {
  echo "+ mx $*" >&2
  "$MX_HOME/mx" -p "$ROOT" "$@"
}

mx --version
mx build
# `mx unittest` does not rebuild: it runs what `mx build` just built.
mx unittest "$@"
