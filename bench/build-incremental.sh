#!/usr/bin/env bash
# `answerkit build` with its build cache (issue 6): how long a build takes in a
# new process after one edit, compared with a full build. For each size, on a
# copy of the corpus: a full build without a cache (and its peak RSS), a build
# with nothing changed, a one-entry body edit, a title edit (the entry's lists
# too) and a new entry, each run several times (medians). Every run really
# changes something: the edited line carries the run's number.
# Report: bench/results/build-incremental-latest.txt.
#
# Usage: bench/build-incremental.sh [--sizes "10000 100000"] [--runs 5] [--large]
#   --sizes "N ..."   corpus sizes in entries (default 10000)
#   --large           adds 100000 (its full builds take minutes)
#   --runs R          runs per kind (default 5; medians reported)
#   --corpus-dir DIR  take the corpus of N entries from DIR/N (copied, never
#                     modified; default bench/work, made by bench/generate.py
#                     when missing)
#
# Environment: ANSWERKIT_BIN (default <repo>/.build/release/answerkit; never
# built here), BASELINE_BIN (another answerkit whose full build is timed beside,
# e.g. one without the build cache), BENCH_TMP (where the copies go; default
# /dev/shm). Figures on a shared or busy machine are noisy: compare medians of
# one run of the script, not across runs.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$BENCH")"
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }

sizes="10000"
runs=5
corpus_dir="$BENCH/work"
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --sizes) sizes="$2"; shift 2 ;;
    --large) sizes="$sizes 100000"; shift ;;
    --runs) runs="$2"; shift 2 ;;
    --corpus-dir) corpus_dir="$2"; shift 2 ;;
    *) echo "build-incremental.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

AK="${ANSWERKIT_BIN:-$REPO/.build/release/answerkit}"
if [[ ! -x "$AK" ]]; then
  echo "build-incremental.sh: no AnswerKit binary at $AK: build it (swift build -c release --product answerkit) or set ANSWERKIT_BIN" >&2
  exit 1
fi
[[ -x /usr/bin/time ]] || { echo "build-incremental.sh: /usr/bin/time (GNU time) is needed for peak memory" >&2; exit 1; }
TMP="${BENCH_TMP:-/dev/shm}"
mkdir -p "$BENCH/results"
report="$BENCH/results/build-incremental-latest.txt"
data="$(mktemp)"
trap 'rm -f "$data"' EXIT

# One timed build in $site: appends "kind seconds peak-KiB summary" to $data.
timed() {
  local kind="$1" bin="$2"; shift 2
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$site/.time" "$bin" build --root "$site" "$@" 2>"$site/.stderr" >/dev/null || {
    echo "build-incremental.sh: $kind build failed:" >&2; cat "$site/.stderr" >&2; exit 1; }
  end=$(date +%s%N)
  local summary
  summary=$(grep -E '^(built|rebuilt|up to date)' "$site/.stderr" | tail -1 | sed 's/ → [^ ]*//')
  printf '%s\t%s\t%s\t%s\n' "$size" "$kind" "$(awk -v n=$((end - start)) 'BEGIN { printf "%.3f", n / 1e9 }')" "$(tail -1 "$site/.time")	$summary" >>"$data"
}

for size in $sizes; do
  corpus="$corpus_dir/$size"
  if [[ ! -d "$corpus/content" ]]; then
    echo "generating the $size-entry corpus in $corpus" >&2
    python3 "$BENCH/generate.py" --entries "$size" --out "$corpus" >&2
  fi
  site="$TMP/answerkit-build-bench-$size"
  rm -rf "$site"
  cp -a "$corpus" "$site"
  rm -rf "$site/public" "$site/.answerkit-cache"
  # The entries edited: the first of English, and a copy made into new ones.
  entry=$(cd "$site" && find content/en -name '*.md' ! -name '_index.md' | sort | awk 'NR == 1')
  echo "size $size: full builds" >&2
  for run in $(seq "$runs"); do
    rm -rf "$site/public" "$site/.answerkit-cache"
    timed full "$AK"
    if [[ -n "${BASELINE_BIN:-}" ]]; then
      rm -rf "$site/public" "$site/.answerkit-cache"
      timed baseline-full "$BASELINE_BIN" --force
    fi
  done
  rm -rf "$site/public" "$site/.answerkit-cache"
  "$AK" build --root "$site" 2>/dev/null
  echo "size $size: incremental builds" >&2
  for run in $(seq "$runs"); do
    timed no-change "$AK"
    # A new last paragraph, numbered: the body changes every run.
    printf '\nBenchmark edit %s of the body.\n' "$run" >>"$site/$entry"
    timed body-edit "$AK"
    sed -i -E "1,/^title:/ s/^title: \"(.*)\"$/title: \"\\1 $run\"/" "$site/$entry"
    timed title-edit "$AK"
    new="${entry%.md}-bench-$run.md"
    sed -E "s/^id: .*/id: bench-new-$run/" "$site/$entry" >"$site/$new"
    timed new-entry "$AK"
  done
done

python3 - "$data" "$runs" >"$report" <<'EOF'
import statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
runs = sys.argv[2]
print(f"answerkit build with the build cache: medians of {runs} runs (wall seconds, peak RSS)")
print("(a shared or busy machine makes these noisy)\n")
for size in dict.fromkeys(r[0] for r in rows):
    kinds = {}
    for r in rows:
        if r[0] == size:
            kinds.setdefault(r[1], []).append(r)
    full = statistics.median(float(r[2]) for r in kinds["full"])
    print(f"{size} entries")
    for kind, items in kinds.items():
        seconds = statistics.median(float(r[2]) for r in items)
        rss = max(int(r[3]) for r in items) / 1024
        print(f"  {kind:14} {seconds:8.3f} s  {seconds / full:6.1%} of full  peak {rss:7.0f} MiB  | {items[-1][4]}")
    print()
EOF
cat "$report"
