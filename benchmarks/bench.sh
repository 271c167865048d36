#!/usr/bin/env bash
# bench.sh: run escape's JMH benchmarks under each JIT configuration and compare them.
# `./escape bench [args]` calls this with the same arguments; see usage() below.
#
# For every configuration it asks escape's launcher for that configuration's JVM flags (an
# argfile), runs JMH with `-prof gc`, our JitAllocationProfiler and those flags appended to every
# fork, keeps JMH's JSON and log, then ReportWriter (in benchmarks.jar) writes table.md, table.csv and chart.svg, and after a
# full run of everything regenerates benchmarks/RESULTS.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "${ESCAPE_ROOT:-$HERE/..}" && pwd)"
JAR="$HERE/target/benchmarks.jar"
LAUNCHER_JAR="$ROOT/build/lib/escape-launcher.jar"
# The configurations the launcher offers, if it cannot be asked (it lists them in its error message).
FALLBACK_CONFIGS="escape escape-nofeedback graal graal-noea c2 c2-noea"
BASELINE=graal

# JMH settings of the two modes. Graal as the JIT is itself compiled by C1 at first, so full mode
# warms up for 10 iterations; quick mode only checks that every configuration and benchmark runs.
QUICK_JMH=(-f 1 -wi 0 -i 1 -r 100ms)
FULL_JMH=(-f 1 -wi 10 -w 1s -i 5 -r 1s)
QUICK_MS_PER_RUN=1100     # measured: 37 benchmarks x 5 configurations in 3m15s on 2 cores (more when shared)
FULL_MS_PER_RUN=16000
# Profilers: JMH's gc (gc.alloc.rate.norm counts every thread's bytes, the JIT compiler's too) and
# ours, which measures the JIT compiler threads' share so the report can take it off.
# MeasuredWindowProfiler notes when the measured iterations ran, to count the deoptimizations and
# compilations in them (see JIT_LOG_FLAGS).
PROFILERS=(-prof gc -prof dev.escape.bench.profile.JitAllocationProfiler -prof dev.escape.bench.profile.MeasuredWindowProfiler)
# Flags for every fork, whatever the configuration. A fixed set of compiler threads: one that
# ended during an iteration would take its allocation count along.
COMMON_FORK_FLAGS="-Xms1g -Xmx1g --sun-misc-unsafe-memory-access=allow -XX:-UseDynamicNumberOfCompilerThreads"
# Flags for every fork of configuration $1 that log its deoptimizations and compilations into
# $out/jit/$1/ (directory $2): HotSpot has no deoptimization counter, and unified logging writes
# natively (no Java heap allocation to spoil B/op). <pid>-deopt.log has one line per deoptimization,
# <pid>-jit.log one per compilation; MeasuredWindowProfiler writes <pid>.benchmark (the benchmark,
# and when its measured iterations ran). filecount=0: no log rotation. ReportWriter counts them.
jit_log_flags() {
  local dir=$1
  echo "-Xlog:deoptimization=debug:file=$dir/%p-deopt.log::filecount=0 -Xlog:jit+compilation=debug:file=$dir/%p-jit.log::filecount=0 -Dbench.jitDir=$dir"
}

usage() {
  cat <<'EOF'
usage: ./escape bench [--quick] [--configs=a,b,...] [--filter=REGEX] [--out=DIR]

Runs the JMH benchmarks in benchmarks/ under each JIT configuration, with -prof gc and
JitAllocationProfiler, and writes per configuration NAME.json and NAME.log, then table.md,
table.csv and chart.svg: per benchmark and configuration ops/s and B/op (the benchmark's own:
gc.alloc.rate.norm without the JIT compiler threads' bytes; JMH's number too), ratios against
graal, geometric means; and deoptimizations / tier-4 compilations during the measured iterations
and during the whole fork, counted from the forks' -Xlog files in jit/CONFIG/.

  --quick          smoke test: one short iteration per benchmark (seconds each); numbers not judged
  --configs=LIST   comma-separated configurations (default: all the launcher offers:
                   escape, escape-nofeedback, graal, graal-noea, c2, c2-noea)
  --filter=REGEX   only benchmarks whose name (dev.escape.bench.Class.method) matches REGEX
  --out=DIR        where results go (default benchmarks/results/<timestamp>[-quick]/)

A full run (without --quick) of every benchmark under every configuration (no --filter, no
--configs) also regenerates benchmarks/RESULTS.md and benchmarks/RESULTS.svg.
Exit status: 0 if every benchmark ran under every configuration, 1 if some failed, 2 on bad usage.
EOF
}

die() {
  echo "bench: $*" >&2
  exit 2
}

# ---------------------------------------------------------------------------- arguments
quick=0
configs_arg=""
configs_set=0
filter=""
filter_set=0
out=""
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    --configs=*) configs_arg="${arg#--configs=}"; configs_set=1; [[ -n "$configs_arg" ]] || die "--configs needs a list, e.g. --configs=graal,escape" ;;
    --filter=*) filter="${arg#--filter=}"; filter_set=1; [[ -n "$filter" ]] || die "--filter needs a regular expression, e.g. --filter=PartialEscape" ;;
    --out=*) out="${arg#--out=}"; [[ -n "$out" ]] || die "--out needs a directory" ;;
    --configs | --filter | --out) die "$arg takes its value after '=', e.g. $arg=..." ;;
    -h | --help | help) usage; exit 0 ;;
    *) die "unknown argument '$arg'; see ./escape bench --help" ;;
  esac
done

# ---------------------------------------------------------------------------- JDK and jars
is_jdk25() {
  [[ -x "$1/bin/java" && -f "$1/release" ]] && grep -Eq '^JAVA_VERSION="25(\.|")' "$1/release"
}
JDK=""
for candidate in "${ESCAPE_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/*25*; do
  if [[ -n "$candidate" ]] && is_jdk25 "$candidate"; then
    JDK="$candidate"
    break
  fi
done
[[ -n "$JDK" ]] || die "no JDK 25 found (JAVA_HOME=${JAVA_HOME:-unset}); set JAVA_HOME to a JDK 25 with JVMCI, e.g. Temurin 25"
JAVA="$JDK/bin/java"

if [[ ! -f "$LAUNCHER_JAR" || ! -f "$ROOT/build/lib/escape-lang.jar" || ! -f "$ROOT/build/graaljs-classpath" ]]; then
  echo "bench: escape is not built yet; running ./escape build (log in $ROOT/build/bench-build.log)" >&2
  mkdir -p "$ROOT/build"
  JAVA_HOME="$JDK" "$ROOT/escape" build >"$ROOT/build/bench-build.log" 2>&1 ||
    { tail -n 30 "$ROOT/build/bench-build.log" >&2; die "./escape build failed; see $ROOT/build/bench-build.log"; }
fi

if [[ ! -f "$JAR" || -n "$(find "$HERE/src" "$HERE/pom.xml" -newer "$JAR" -type f -print -quit)" ]]; then
  command -v mvn >/dev/null || die "Maven (mvn) is needed to build benchmarks.jar"
  echo "bench: building benchmarks.jar (mvn -f benchmarks/pom.xml package)" >&2
  mkdir -p "$HERE/target"
  if ! JAVA_HOME="$JDK" mvn -B -q -f "$HERE/pom.xml" package >"$HERE/target/build.log" 2>&1; then
    tail -n 30 "$HERE/target/build.log" >&2
    die "building benchmarks.jar failed; see $HERE/target/build.log"
  fi
fi

# ---------------------------------------------------------------------------- configurations
# A run takes long: it uses a snapshot of build/lib, so that a rebuild meanwhile (./escape build,
# ./escape test) cannot pull the jars from under a fork, and every configuration runs one build.
SNAP="$(mktemp -d "${TMPDIR:-/tmp}/escape-bench.XXXXXX")"
trap 'rm -rf "$SNAP"' EXIT
mkdir -p "$SNAP/build" && cp -r "$ROOT/build/lib" "$SNAP/build/lib" || die "cannot copy $ROOT/build/lib to $SNAP"

# The launcher knows the configurations; an unknown name makes it list them.
launcher_plan() {
  local c=$1
  shift
  "$JAVA" -cp "$SNAP/build/lib/escape-launcher.jar" dev.escape.launcher.Launcher plan "$SNAP" "--config=$c" "$@"
}
if [[ -z "$configs_arg" ]]; then
  listing="$(launcher_plan "?" 2>&1 || true)"
  if [[ "$listing" =~ choose\ one\ of\ \[([^]]*)\] ]]; then
    configs_arg="${BASH_REMATCH[1]//[[:space:]]/}"
  else
    configs_arg="${FALLBACK_CONFIGS// /,}"
  fi
fi
configs=()
argfiles=()
IFS=',' read -r -a requested <<<"$configs_arg"
for c in "${requested[@]}"; do
  [[ -n "$c" ]] || die "--configs has an empty name in '$configs_arg'"
  for seen in "${configs[@]+"${configs[@]}"}"; do
    [[ "$seen" != "$c" ]] || die "--configs names '$c' twice"
  done
  if ! plan="$(launcher_plan "$c" 2>&1)"; then
    die "configuration '$c': ${plan#escape: }"
  fi
  read -r _ argfile <<<"$plan"
  [[ -f "$argfile" ]] || die "configuration '$c': the launcher gave no argfile ($plan)"
  configs+=("$c")
  argfiles+=("$argfile")
done

# ---------------------------------------------------------------------------- benchmarks
# The Truffle benchmarks run guest code through the polyglot API: the Truffle runtime, GraalJS
# (build/graaljs-classpath, jars in ~/.m2) and esl (the snapshot's escape-lang.jar) join
# benchmarks.jar on the class path, which JMH gives its forks as it is.
[[ -f "$ROOT/build/graaljs-classpath" && -f "$SNAP/build/lib/escape-lang.jar" ]] ||
  die "build/graaljs-classpath or build/lib/escape-lang.jar is missing; run ./escape build"
CLASS_PATH="$JAR:$SNAP/build/lib/escape-lang.jar:$(<"$ROOT/build/graaljs-classpath")"
JMH_HOST=("$JAVA" --sun-misc-unsafe-memory-access=allow -cp "$CLASS_PATH" org.openjdk.jmh.Main)
regex="${filter:-.*}"
if ! listing="$("${JMH_HOST[@]}" -l "$regex" 2>&1)"; then
  if grep -q 'PatternSyntaxException' <<<"$listing"; then
    die "--filter='$filter' is not a valid regular expression: $(grep -m1 -o 'PatternSyntaxException: .*' <<<"$listing" | sed 's/^PatternSyntaxException: //')"
  fi
  die "cannot list the benchmarks: $(tail -n 5 <<<"$listing")"
fi
mapfile -t benchmarks < <(grep '^dev\.escape\.bench\.' <<<"$listing" || true)
if [[ ${#benchmarks[@]} -eq 0 ]]; then
  die "--filter='$filter' matches no benchmark; the benchmarks are:
$("${JMH_HOST[@]}" -l 2>/dev/null | grep '^dev\.escape\.bench\.' | sed 's/^dev\.escape\.bench\./  /')"
fi

# ---------------------------------------------------------------------------- output
stamp="$(date +%Y%m%d-%H%M%S)"
if [[ -z "$out" ]]; then
  out="$HERE/results/$stamp$([[ $quick == 1 ]] && echo -quick || true)"
fi
mkdir -p "$out" || die "cannot create $out"
out="$(cd "$out" && pwd)"
# JMH splits fork flags at spaces, and the -Xlog flags name files in $out.
[[ "$out" != *[[:space:]]* ]] || die "--out='$out' has a space in its path; JMH would split the fork's -Xlog flags there"
printf '%s\n' "${benchmarks[@]}" >"$out/benchmarks.txt"

if [[ $quick == 1 ]]; then
  mode=quick
  jmh_mode=("${QUICK_JMH[@]}")
  per_run_ms=$QUICK_MS_PER_RUN
else
  mode=full
  jmh_mode=("${FULL_JMH[@]}")
  per_run_ms=$FULL_MS_PER_RUN
fi

nconf=${#configs[@]}
nbench=${#benchmarks[@]}
total=$((nconf * nbench))
START=$(date +%s)

hms() {
  local s=$1
  if ((s >= 3600)); then
    printf '%dh%02dm' $((s / 3600)) $((s % 3600 / 60))
  else
    printf '%dm%02ds' $((s / 60)) $((s % 60))
  fi
}

echo "bench: $mode run of $nbench benchmarks under $nconf configurations (${configs[*]}), about $(hms $((total * per_run_ms / 1000))) in all"
echo "bench: JMH ${jmh_mode[*]} ${PROFILERS[*]}; results in $out"

# Shows which configuration and benchmark is running and how long is left, from JMH's output.
# $1 = index of the configuration (0-based). Every line still goes to the log via tee.
progress() {
  local ci=$1 c=${configs[$1]} k=0 line now done_runs left expect="" ops="" name
  while IFS= read -r line; do
    case "$line" in
      "# Benchmark: "*)
        k=$((k + 1))
        name="${line#\# Benchmark: dev.escape.bench.}"
        printf -v now '%(%s)T' -1
        done_runs=$((ci * nbench + k - 1))
        if ((done_runs > 0)); then
          left=$(((now - START) * (total - done_runs) / done_runs))
        else
          left=$((total * per_run_ms / 1000))
        fi
        printf '[%s %d/%d] %3d/%d %-44s elapsed %s, left ~%s\n' "$c" $((ci + 1)) "$nconf" "$k" "$nbench" "$name" "$(hms $((now - START)))" "$(hms "$left")"
        ;;
      "Result \""*) expect=ops ;;
      "Secondary result \""*":gc.alloc.rate.norm\":") expect=bytes ;;
      "Secondary result \""*) expect="" ;;
      *)
        if [[ "$expect" == ops && -n "${line// /}" ]]; then
          ops="$(awk '{print $1}' <<<"$line")"
          expect=""
        elif [[ "$expect" == bytes && -n "${line// /}" ]]; then
          printf '        %s ops/s, %s B/op\n' "$ops" "$(awk '{print $1}' <<<"$line")"
          expect=""
        elif [[ "$line" == "<"* || "$line" == *"# ERROR"* || "$line" == *"Exception in"* || "$line" == *"fatal error"* || "$line" == *"Error: "* ]]; then
          printf '  !! %s: %s\n' "$c" "$line"
        fi
        ;;
    esac
  done
}

failed_configs=()
for ((ci = 0; ci < nconf; ci++)); do
  c="${configs[$ci]}"
  json="$out/$c.json"
  rm -f "$json"
  cp "${argfiles[$ci]}" "$out/$c.args"
  jit_dir="$out/jit/$c"
  rm -rf "$jit_dir"
  mkdir -p "$jit_dir"
  echo "bench: == configuration $c ($((ci + 1))/$nconf): JVM flags in $out/$c.args"
  set +e
  "${JMH_HOST[@]}" "${jmh_mode[@]}" -bm thrpt -tu s "${PROFILERS[@]}" -rf json -rff "$json" \
    -jvm "$JAVA" -jvmArgs "$COMMON_FORK_FLAGS $(jit_log_flags "$jit_dir")" -jvmArgsAppend "@${argfiles[$ci]}" "$regex" 2>&1 |
    tee "$out/$c.log" | progress "$ci"
  status=${PIPESTATUS[0]}
  set -e
  if [[ $status -ne 0 || ! -s "$json" ]]; then
    echo "bench: JMH failed under $c (exit $status); see $out/$c.log" >&2
    failed_configs+=("$c")
  fi
done
wall=$(($(date +%s) - START))

# ---------------------------------------------------------------------------- report
graal_version="$(find "$ROOT/build/lib/graal" -maxdepth 1 -name 'compiler-*.jar' -printf '%f\n' 2>/dev/null | sed 's/^compiler-\(.*\)\.jar$/\1/' | head -n1)"
escape_version="$(git -C "$ROOT" log -1 --format='%h (%cs: %s)' 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]]; then
  escape_version="$escape_version (with uncommitted changes)"
fi
report_args=(--out "$out" --baseline "$BASELINE" --expect "$out/benchmarks.txt" --jit "$out/jit"
  --meta "mode=$mode" --meta "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  --meta "jmh=1.37, ${jmh_mode[*]}, ${PROFILERS[*]}, fork flags: $COMMON_FORK_FLAGS + -Xlog of deoptimizations and compilations into jit/ + the configuration's argfile"
  --meta "graal=${graal_version:-unknown} (org.graalvm.compiler:compiler, as the JIT through JVMCI)"
  --meta "escape=commit $escape_version" --meta "wall=$(hms "$wall")")
if [[ $filter_set == 1 ]]; then
  report_args+=(--meta "filter=$filter")
fi
# Which analysis each escape-phase configuration ran, from its JVM flags. The forks run without
# escape's decision report: recording decisions and tracking source positions cost compile time,
# and the benchmarks measure escape as it runs when nobody asks for a report.
analyses=()
for c in "${configs[@]}"; do
  if grep -q '^-Djdk.graal.CompilerConfiguration=escape$' "$out/$c.args"; then
    name="$(sed -n 's/^-Djdk.graal.EscapeAnalysis=//p' "$out/$c.args" | tail -n1)"
    analyses+=("\`$c\` ran the analysis named '${name:-escape}'")
  fi
done
if [[ ${#analyses[@]} -gt 0 ]]; then
  report_args+=(--meta "analysis=$(IFS=';'; echo "${analyses[*]}" | sed 's/;/; /g') (from its JVM flags)")
fi
for c in "${configs[@]}"; do
  report_args+=(--config "$c=$out/$c.json")
done
# RESULTS.md is the latest full run of everything: a partial run does not replace it.
publish=0
if [[ $mode == full && $filter_set == 0 && $configs_set == 0 ]]; then
  publish=1
  report_args+=(--results-md "$HERE/RESULTS.md")
fi
set +e
"$JAVA" -cp "$JAR" dev.escape.bench.report.ReportWriter "${report_args[@]}"
report_status=$?
set -e

echo "bench: done in $(hms "$wall"): $out/table.md, table.csv, chart.svg"
if [[ $publish == 1 ]]; then
  echo "bench: regenerated $HERE/RESULTS.md and RESULTS.svg"
elif [[ $mode == full ]]; then
  echo "bench: RESULTS.md not regenerated: only a full run without --filter and --configs replaces it"
fi
if [[ ${#failed_configs[@]} -gt 0 || $report_status -ne 0 ]]; then
  [[ ${#failed_configs[@]} -gt 0 ]] && echo "bench: configurations with failures: ${failed_configs[*]}" >&2
  exit 1
fi
