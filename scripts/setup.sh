#!/usr/bin/env bash
# Installs what AnswerKit needs on Debian/Ubuntu, idempotently: only missing
# packages are installed, and `apt-get update` runs at most once per call.
#
#   scripts/setup.sh            libcmark-dev, libmimalloc-dev (to build AnswerKit)
#   scripts/setup.sh test       + chromium, chromium-driver, nodejs, python3-venv (tests)
#   scripts/setup.sh bench      + hugo, cmark, time (benchmarks)
#
# Swift 6.1 or later must already be on PATH (https://swift.org/install).
# On other systems install the equivalents yourself (macOS: brew install cmark).
set -euo pipefail

want=(libcmark-dev libmimalloc-dev pkg-config)
for profile in "$@"; do
  case "$profile" in
    test) want+=(chromium chromium-driver python3-venv) ; command -v node >/dev/null || want+=(nodejs) ;;
    bench) want+=(hugo cmark time) ;;
    *) echo "setup.sh: unknown profile '$profile' (use: test, bench)" >&2; exit 2 ;;
  esac
done

command -v swift >/dev/null || {
  echo "setup.sh: swift not found on PATH; install Swift 6.1 or later from https://swift.org/install" >&2
  exit 1
}

if ! command -v dpkg-query >/dev/null; then
  if pkg-config --exists libcmark 2>/dev/null; then exit 0; fi
  echo "setup.sh: not a Debian system; install cmark (e.g. 'brew install cmark'; on Linux also mimalloc) and the test tools by hand" >&2
  exit 1
fi

missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
((${#missing[@]} == 0)) && exit 0

sudo=()
if ((EUID != 0)); then
  command -v sudo >/dev/null || { echo "setup.sh: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
echo "setup.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
