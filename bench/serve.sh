#!/usr/bin/env bash
# AnswerKit dev-server benchmark (issue 6): `answerkit serve` side by side with
# `hugo server` on the same corpus and the same edits. For each size: time
# from saving a one-entry edit to the reload event and to the page showing it
# (body edit, title edit, touch), plus each tool's full build for context.
# Report: bench/results/serve-latest.txt (figures in serve-latest.json).
#
# Usage: bench/serve.sh [--sizes "10000 100000"] [--runs 10] [options]
#   --sizes "N ..."      corpus sizes in entries (default 10000)
#   --runs R             edits per kind and size (default 10; medians reported)
#   --kinds "K ..."      edit kinds: body title touch (default all three)
#   --builds B           full builds per tool for context (default 3 up to
#                        20 000 entries, else 1; 0 skips)
#   --corpus-dir DIR     take the corpus of N entries from DIR/N (copied, never
#                        modified) instead of bench/work/N, which is generated
#                        by bench/generate.py when missing or stale
#   --no-hugo            answerkit serve only
#   --settle S           seconds to watch for extra rebuilds after each edit (1)
#   --timeout S          seconds an edit may take (default max(30, 4 x the
#                        server's first build))
#   --keep               keep the copies under BENCH_TMP
#   --self-test          a 200-entry corpus, 3 runs (well under a minute)
#   -h, --help           this help; bench/serve/bench.py --help lists the rest
#
# Environment: ANSWERKIT_BIN (default <repo>/.build/release/answerkit; never
# built here), HUGO_BIN (default hugo), HUGO_SERVER_FLAGS (added to `hugo
# server`, e.g. --disableFastRender), BENCH_TMP (where the copies, builds and
# servers' output go; default /dev/shm), BENCH_CORPUS_DIR (as --corpus-dir).
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$BENCH")"

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }

args=()
for arg in "$@"; do
  case "$arg" in
    -h|--help) usage; exit 0 ;;
    --self-test)
      # A small corpus of its own, a separate report, nothing written over serve-latest.txt.
      args+=(--sizes 200 --runs 3 --builds 1 --out "$BENCH/results/serve-selftest.txt") ;;
    *) args+=("$arg") ;;
  esac
done

command -v python3 >/dev/null || { echo "serve.sh: python3 missing" >&2; exit 1; }
AK="${ANSWERKIT_BIN:-$REPO/.build/release/answerkit}"
if [[ ! -x "$AK" ]]; then
  echo "serve.sh: no AnswerKit binary at $AK: build it (swift build -c release --product answerkit) or set ANSWERKIT_BIN" >&2
  exit 1
fi
export ANSWERKIT_BIN="$AK"

# The Python side stops the servers on exit, Ctrl-C, SIGTERM and SIGHUP (each
# runs in a process group of its own); `exec` keeps signals going straight to it.
exec python3 "$BENCH/serve/bench.py" "${args[@]}"
