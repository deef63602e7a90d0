#!/usr/bin/env bash
# Runs every test of AnswerKit from a fresh clone: installs what is missing
# (scripts/setup.sh test), then
#   1. swift build of every target (a warning in our own code fails the run),
#   2. swift test (unit, fixture/golden, CLI end-to-end),
#   3. node --test Tests/js/ (the JavaScript of templates/),
#   4. the real-browser suite (Tests/browser, headless Chromium + axe-core).
# Set SKIP_BROWSER=1 to leave out step 4 (e.g. on a machine without Chromium).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { printf '\n== %s ==\n' "$*" >&2; }

step "setup"
if [[ "${SKIP_BROWSER:-0}" == 1 ]]; then scripts/setup.sh; else scripts/setup.sh test; fi

# The twitter-text conformance cases live in ../shared/ beside the repository
# (see README). A clone made elsewhere (e.g. under /tmp) finds them through the
# repository it was cloned from; ANSWERKIT_SHARED overrides both.
if [[ -z "${ANSWERKIT_SHARED:-}" && ! -d ../shared/twitter-text ]]; then
  origin="$(git remote get-url origin 2>/dev/null || true)"
  if [[ -n "$origin" && -d "$origin/../shared/twitter-text" ]]; then
    export ANSWERKIT_SHARED="$(cd "$origin/../shared" && pwd)"
  fi
fi

step "swift build"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
swift build --build-tests 2>&1 | tee "$log"
own_warnings="$(grep -E "^$(pwd)/(Sources|Tests)/.*: warning:" "$log" | sort -u || true)"
if [[ -n "$own_warnings" ]]; then
  printf '%s\n' "$own_warnings" >&2
  echo "test.sh: the build has warnings in our own code (listed above)" >&2
  exit 1
fi

step "swift test"
swift test --skip-build

step "node --test (templates/ JavaScript)"
node --test Tests/js/

if [[ "${SKIP_BROWSER:-0}" != 1 ]]; then
  step "browser tests (headless Chromium)"
  scripts/test-browser.sh
fi
echo "test.sh: all tests passed" >&2
