#!/usr/bin/env bash
# AnswerKit search benchmark (issue 3): AnswerKit's search side by side with
# Pagefind on the sample site and on the 10 000-entry corpus: index build
# time, bytes a browser downloads per query, relevance (Recall@5, MRR@10),
# query latency in headless Chromium. Report: bench/results/search.txt.
#
# Usage: bench/search/run.sh [options of bench/search/bench.py]
#   --sites "sample large"   which sites (default both)
#   --sample-site DIR        reuse a built sample site (no AnswerKit build, no build time)
#   --large-site DIR         reuse a built 10 000-entry site (idem)
#   --corpus DIR             the large corpus (default bench/work/10000; generated
#                            by bench/generate.py when missing or stale)
#   --sample-root DIR        the sample knowledge base (default: the repository)
#   --seed S                 corpus and query seed (default 42)
#   --one-word N --two-words N   queries per locale on the large site (default 3 + 3)
#   --reps N                 timed runs per query for latency (default 20; 0 skips)
#   --help                   every option
#   --index-time-only [options of index_time.py]   only what the index adds to the
#                            build time: builds with and without it, alternated
#                            (needs only python3; see bench/search/index_time.py --help)
#
# Environment: ANSWERKIT_BIN (default <repo>/.build/release/answerkit),
# SEARCH_RUNNER (default <repo>/Tests/js/support/search-runner.mjs),
# RELEVANCE_DIR (default <repo>/Tests/Fixtures/relevance), ASSETS_DIR (where
# search scripts missing from a built site are taken, default
# <repo>/templates/assets), BENCH_TMP (where sites are built; default /dev/shm),
# CHROMIUM_BIN, CHROMEDRIVER (default: chromium and chromedriver on PATH).
#
# Needs python3, node, Debian's chromium and chromium-driver
# (apt-get install -y chromium chromium-driver). Pagefind and Selenium are
# installed (pinned, requirements.txt) into bench/work/search-venv on first use.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
VENV="$REPO/bench/work/search-venv"
REQS="$HERE/requirements.txt"

for arg in "$@"; do
  if [[ "$arg" == -h || "$arg" == --help ]]; then
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"
    exit 0
  fi
done

say() { printf '%s\n' "$*" >&2; }
if [[ "${1:-}" == --index-time-only ]]; then
  shift
  exec python3 "$HERE/index_time.py" "$@"
fi
for tool in python3 node; do
  command -v "$tool" >/dev/null || { say "error: $tool missing"; exit 1; }
done
command -v "${CHROMIUM_BIN:-chromium}" >/dev/null \
  || { say "error: chromium missing (apt-get install -y chromium chromium-driver)"; exit 1; }
command -v "${CHROMEDRIVER:-chromedriver}" >/dev/null \
  || { say "error: chromedriver missing (apt-get install -y chromium-driver)"; exit 1; }

# Pagefind and Selenium, pinned, in a virtual environment of their own
# (nothing installed into the system Python); pip runs only when a pinned
# version is missing.
if [[ ! -x "$VENV/bin/python" ]]; then
  say "search bench: creating $VENV"
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" - "$REQS" <<'PY'
import re, sys
from importlib.metadata import PackageNotFoundError, version
for line in open(sys.argv[1]):
    m = re.match(r"\s*([A-Za-z0-9_.-]+)(\[[^\]]*\])?==(\S+)", line)
    if not m:
        continue
    name, extras, pinned = m.groups()
    names = [name] + ([f"{name}-{e.strip()}" for e in extras[1:-1].split(",")] if extras else [])
    for n in names:  # pagefind[bin] installs the pagefind-bin package too
        try:
            if version(n) != pinned:
                sys.exit(1)
        except PackageNotFoundError:
            sys.exit(1)
PY
then
  say "search bench: pip install -r $REQS"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQS"
fi

exec "$VENV/bin/python" "$HERE/bench.py" --repo "$REPO" "$@"
