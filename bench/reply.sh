#!/usr/bin/env bash
# Latency of `answerkit reply` on the sample knowledge base (issue 4: < 50 ms).
#
# Usage: bench/reply.sh [--runs N] [--no-build] [query]
#
#   --runs N      timed runs (default 30) after 3 untimed warm-up runs
#   --no-build    never run `swift build`; the binary must exist
#   query         default "where is my refund"
#
# Builds the sample site (writes public/, as `make site` does), then runs
#   answerkit reply <query> --locale en --channel twitter --set customer_handle=@sam
# from the repository root and prints the median, minimum and maximum wall time,
# and the median CPU time (user + system) of one run.
#
# Environment: ANSWERKIT_BIN (default <repo>/.build/release/answerkit).
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$BENCH")"
AK="${ANSWERKIT_BIN:-$REPO/.build/release/answerkit}"
RUNS=30
BUILD=1
QUERY="where is my refund"

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }

while (($#)); do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --runs=*) RUNS="${1#*=}"; shift ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "reply.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    *) QUERY="$1"; shift ;;
  esac
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "reply.sh: --runs takes a positive number (got '$RUNS')" >&2; exit 2; }

cd "$REPO"
if [[ ! -x "$AK" ]]; then
  if ((BUILD)); then
    echo "answerkit binary missing: swift build -c release --product answerkit" >&2
    swift build -c release --product answerkit >&2
  fi
  [[ -x "$AK" ]] || { echo "reply.sh: $AK not found (swift build -c release --product answerkit)" >&2; exit 1; }
fi

# The bundle the command reads: public/snippets.json of the sample site.
"$AK" build > /dev/null 2>&1 || { echo "reply.sh: 'answerkit build' of the sample site failed" >&2; exit 1; }

python3 - "$RUNS" "$AK" reply "$QUERY" --locale en --channel twitter --set customer_handle=@sam <<'EOF'
import os, statistics, subprocess, sys, time

runs, command = int(sys.argv[1]), sys.argv[2:]
def once():
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        sys.exit(f"reply.sh: {' '.join(command)} failed: {process.stderr.read().decode()}")
    process.stderr.close()
    return wall * 1000, (usage.ru_utime + usage.ru_stime) * 1000

for _ in range(3):
    once()
walls, cpus = zip(*(once() for _ in range(runs)))
print(f"answerkit reply ({runs} runs): median {statistics.median(walls):.1f} ms, "
      f"min {min(walls):.1f} ms, max {max(walls):.1f} ms; CPU median {statistics.median(cpus):.1f} ms")
EOF
