#!/usr/bin/env bash
# AnswerKit benchmark: AnswerKit vs Hugo vs the cmark CLI floor.
#
# Usage: bench/run.sh [--sizes "1000 10000 100000"] [--runs 3] [--seed 42]
#                     [--no-build] [--no-answerkit]
#
#   --sizes "N ..."   corpus sizes in entries (default "1000 10000"; set
#                     BENCH_LARGE=1 to add 100000, which takes minutes)
#   --runs R          timed runs per tool and size (default 3; medians reported)
#   --seed S          generator seed (default 42)
#   --no-build        never run `swift build`; skip AnswerKit if its binary is
#                     missing
#   --no-answerkit    measure Hugo and the cmark floor only
#
# Environment: ANSWERKIT_BIN (default <repo>/.build/release/answerkit),
# HUGO_BIN (default hugo), CMARK_BIN (default cmark), BENCH_TMP (where the
# sites are written; default /dev/shm when it is a writable tmpfs, else
# $TMPDIR or /tmp: on a VM disk, writing tens of thousands of files can cost
# as much as the build itself and is noisy, which would hide the generators'
# own cost).
#
# For every size the corpus is generated once into bench/work/<N> (reused when
# seed, size and generator match). Each run then builds with AnswerKit, then
# Hugo, then renders all bodies with cmark, each under /usr/bin/time (wall
# seconds, peak RSS). Outputs are deleted and the disk synced between runs,
# outside the timed region. Results: bench/results/latest.txt (report),
# latest.tsv (raw rows), logs/ (every tool's output).
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$BENCH")"
WORK="$BENCH/work"
RESULTS="$BENCH/results"
LOGS="$RESULTS/logs"
RAW="$RESULTS/latest.tsv"
NOTES="$RESULTS/notes.txt"
ENVF="$RESULTS/env.txt"

SIZES="1000 10000"
[[ "${BENCH_LARGE:-0}" == 1 ]] && SIZES="1000 10000 100000"
RUNS=3
SEED=42
BUILD=1
WITH_AK=1
AK="${ANSWERKIT_BIN:-$REPO/.build/release/answerkit}"
HUGO="${HUGO_BIN:-hugo}"
CMARK="${CMARK_BIN:-cmark}"
TIME=/usr/bin/time

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }

while (($#)); do
  case "$1" in
    --sizes) SIZES="$2"; shift 2 ;;
    --sizes=*) SIZES="${1#*=}"; shift ;;
    --runs) RUNS="$2"; shift 2 ;;
    --runs=*) RUNS="${1#*=}"; shift ;;
    --seed) SEED="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --no-answerkit) WITH_AK=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
for n in $SIZES $RUNS $SEED; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "run.sh: '$n' is not a number" >&2; exit 2; }
done

say() { printf '%s\n' "$*" >&2; }
note() { printf '%s\t%s\n' "$1" "$2" >> "$NOTES"; say "note: $2"; }

# --- prerequisites ----------------------------------------------------------
[[ -x "$TIME" ]] || { say "error: $TIME missing (apt-get install -y time)"; exit 1; }
command -v python3 >/dev/null || { say "error: python3 missing"; exit 1; }
command -v "$HUGO" >/dev/null || { say "error: hugo missing (apt-get install -y hugo)"; exit 1; }

mkdir -p "$WORK" "$LOGS"
rm -f "$LOGS"/*.log "$RAW" "$NOTES"
: > "$NOTES"
printf '# size\ttool\trun\trc\twall_s\trss_kb\tpages\tforeign_cpu_s\tlog\tcpu_s\n' > "$RAW"

WITH_CMARK=1
if ! command -v "$CMARK" >/dev/null; then
  WITH_CMARK=0
  note 0 "cmark CLI not found: floor skipped (apt-get install -y cmark)"
fi

# --- AnswerKit binary ---------------------------------------------------------
AK_TIMINGS=()
if ((WITH_AK)); then
  if [[ ! -x "$AK" ]]; then
    if ((BUILD)) && command -v swift >/dev/null; then
      say "AnswerKit binary missing: swift build -c release --product answerkit (log: $RESULTS/answerkit-build.log)"
      if ! (cd "$REPO" && swift build -c release --product answerkit) > "$RESULTS/answerkit-build.log" 2>&1; then
        note 0 "AnswerKit skipped: 'swift build -c release --product answerkit' failed (see bench/results/answerkit-build.log)"
        WITH_AK=0
      fi
    fi
  fi
  if ((WITH_AK)) && [[ ! -x "$AK" ]]; then
    note 0 "AnswerKit skipped: binary $AK not found (build it with: swift build -c release --product answerkit)"
    WITH_AK=0
  fi
  if ((WITH_AK)); then
    if "$AK" build --help 2>&1 | grep -q -- '--timings'; then
      AK_TIMINGS=(--timings)
    else
      note 0 "'answerkit build --help' does not list --timings: running without it (no stage breakdown)"
    fi
  fi
else
  note 0 "AnswerKit skipped (--no-answerkit)"
fi

# --- where the sites are written -------------------------------------------------
if [[ -z "${BENCH_TMP:-}" ]]; then
  if [[ -d /dev/shm && -w /dev/shm ]] && [[ "$(stat -f -c %T /dev/shm 2>/dev/null)" == tmpfs ]]; then
    BENCH_TMP=/dev/shm
  else
    BENCH_TMP="${TMPDIR:-/tmp}"
  fi
fi
TMPROOT="$(mktemp -d "$BENCH_TMP/answerkit-bench.XXXXXX")"
trap 'rm -rf "$TMPROOT"' EXIT

# --- environment description --------------------------------------------------
{
  echo "AnswerKit benchmark — $(date -u '+%Y-%m-%d %H:%M UTC') on $(hostname)"
  echo "CPU: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); RAM: $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "Hugo: $("$HUGO" version 2>/dev/null | head -1)"
  ((WITH_CMARK)) && echo "cmark: $("$CMARK" --version 2>/dev/null | head -1)"
  if ((WITH_AK)); then
    echo "AnswerKit: $AK ($("$AK" --version 2>/dev/null | head -1 || true), built $(date -u -r "$AK" '+%Y-%m-%d %H:%M UTC'))"
  fi
  # shellcheck disable=SC2015  # "|| true" only keeps set -e quiet
  echo "Repo: $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo 'no commit')$(git -C "$REPO" status --porcelain 2>/dev/null | grep -q . && echo ' (dirty)' || true)"
  echo "Output written under: $BENCH_TMP ($(stat -f -c %T "$BENCH_TMP" 2>/dev/null || echo '?'))"
  echo "Runs per tool and size: $RUNS; sizes: $SIZES; seed: $SEED"
} > "$ENVF"
cat "$ENVF" >&2

# --- measuring ------------------------------------------------------------------
# Busy CPU seconds of the whole machine so far (user+nice+system+irq+softirq+
# steal from /proc/stat, in USER_HZ = 1/100 s).
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }

# measure SIZE TOOL RUN LOG OUTDIR -- command...
# Runs the command under /usr/bin/time, appends a row to $RAW, returns its rc.
# Also records the machine's busy CPU time minus the command's own user+sys
# time: CPU used by other processes meanwhile (reported as "disturbed").
measure() {
  local size="$1" tool="$2" run="$3" log="$4" outdir="$5"; shift 6
  local tf="$TMPROOT/time.txt" rc=0 pages="-" b0 b1
  rm -rf "$outdir"; sync
  b0=$(busy_ticks)
  "$TIME" -o "$tf" -f '%e %M %U %S' "$@" > "$log" 2>&1 || rc=$?
  b1=$(busy_ticks)
  local wall rss usr sys foreign
  read -r wall rss usr sys < <(tail -n 1 "$tf")
  foreign=$(awk -v b="$((b1 - b0))" -v u="$usr" -v s="$sys" \
    'BEGIN { f = b / 100 - u - s; printf "%.2f", f < 0 ? 0 : f }')
  if [[ "$outdir" != - && -d "$outdir" ]]; then
    pages=$(find "$outdir" -name '*.html' | wc -l)
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
    "$size" "$tool" "$run" "$rc" "$wall" "$rss" "$pages" "$foreign" "$log" \
    "$(awk -v u="$usr" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" >> "$RAW"
  printf '  %-10s run %s: %7.2f s %7d MiB%s%s%s\n' "$tool" "$run" "$wall" "$((rss / 1024))" \
    "$([[ "$pages" != - ]] && echo "  $pages HTML pages")" \
    "$(awk -v f="$foreign" -v w="$wall" 'BEGIN { if (f > 0.5 && f > 0.1 * w) printf "  (other processes: %.1f CPU-s)", f }')" \
    "$( ((rc)) && echo "  FAILED (exit $rc, see $log)")" >&2
  if [[ "$outdir" != - ]]; then rm -rf "$outdir"; fi
  return "$rc"
}

for N in $SIZES; do
  DIR="$WORK/$N"
  say ""
  say "== $N entries =="
  python3 "$BENCH/generate.py" --entries "$N" --seed "$SEED" --out "$DIR" \
    --templates "$REPO/templates" --reuse >&2
  # Warm the page cache so that no tool pays for the first read from disk.
  find "$DIR/content" -type f -print0 | xargs -0 cat > /dev/null
  cat "$DIR/bodies.md" > /dev/null

  ak_ok=$WITH_AK hugo_ok=1
  for ((r = 1; r <= RUNS; r++)); do
    if ((ak_ok)); then
      log="$LOGS/$N-answerkit-$r.log"
      if ! measure "$N" answerkit "$r" "$log" "$TMPROOT/ak" -- \
          "$AK" build --root "$DIR" --output "$TMPROOT/ak" "${AK_TIMINGS[@]}"; then
        ak_ok=0
        note "$N" "AnswerKit failed (see $log); its remaining runs at this size are skipped. Last lines:"
        tail -n 5 "$log" | while IFS= read -r l; do note "$N" "  | $l"; done
      fi
    fi
    if ((hugo_ok)); then
      log="$LOGS/$N-hugo-$r.log"
      if ! measure "$N" hugo "$r" "$log" "$TMPROOT/hugo" -- \
          "$HUGO" --source "$BENCH/hugo" --contentDir "$DIR/content" \
          --destination "$TMPROOT/hugo" --noBuildLock; then
        hugo_ok=0
        note "$N" "Hugo failed (see $log)"
      elif ((r == 1)); then
        hp=$(awk -F'|' '/^ *Pages *\|/ {gsub(/ /, "", $2); print $2}' "$log")
        say "  Hugo reports ${hp:-?} pages for $N entries"
        if [[ -n "$hp" ]]; then
          note "$N" "Hugo's own page count: $hp (entries + categories + locale sections + home)"
        fi
      fi
    fi
    if ((WITH_CMARK)); then
      # shellcheck disable=SC2016  # $0/$1 are expanded by the inner sh
      measure "$N" cmark "$r" "$LOGS/$N-cmark-$r.log" - -- \
        sh -c 'exec "$0" < "$1" > /dev/null' "$CMARK" "$DIR/bodies.md" || true
    fi
  done
  say ""
  python3 "$BENCH/report.py" --raw "$RAW" --notes "$NOTES" --work "$WORK" --size "$N" >&2
done

say ""
say "================================================================"
python3 "$BENCH/report.py" --raw "$RAW" --notes "$NOTES" --work "$WORK" --env "$ENVF" \
  --out "$RESULTS/latest.txt"
mkdir -p "$RESULTS/history"
cp "$RESULTS/latest.txt" "$RESULTS/history/$(date -u '+%Y%m%d-%H%M%S').txt"
say "(written to bench/results/latest.txt and history/; raw rows in bench/results/latest.tsv)"
