#!/usr/bin/env bash
# Real-browser tests of the help site (Tests/browser): headless Chromium driven
# by Python selenium, accessibility audit with axe-core (axe-selenium-python).
#
#   scripts/test-browser.sh                   the whole suite (about a minute or two)
#   scripts/test-browser.sh -k axe            only tests whose name matches
#   scripts/test-browser.sh -x -v --tb=long   any other pytest options
#
# On a fresh Debian machine (as root or with sudo) it does all set-up, and
# skips whatever is already done:
#   1. chromium and chromium-driver via apt (scripts/setup.sh test: one
#      apt-get update, installs only missing packages);
#   2. a Python virtual environment with the pinned Tests/browser/requirements.txt
#      (in .build/browser-venv; reinstalled when that file changes);
#   3. swift build of the answerkit binary (debug).
# The tests then build content/ into temporary folders (public/ is left alone),
# once with answerkit.yml's baseURL and once under /nimbus-help/, serve them on
# free ports and drive Chromium over them.
#
# Screenshots of every page and width, and axe-core's full results, are written
# to test-output/browser/ (not committed) so a person can look.
#
# Environment: ANSWERKIT_BROWSER_VENV (venv folder), CHROMIUM, CHROMEDRIVER
# (executables), SOURCE_DATE_EPOCH (the day review dates are judged against;
# the tests pin 2026-11-01 when it is unset).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { printf '\n== %s ==\n' "$*" >&2; }

step "browser tests: set-up"
scripts/setup.sh test

venv="${ANSWERKIT_BROWSER_VENV:-.build/browser-venv}"
requirements=Tests/browser/requirements.txt
if [[ ! -x "$venv/bin/pip" ]]; then
  rm -rf "$venv"
  python3 -m venv "$venv"
fi
# The copy of requirements.txt inside the venv records what is installed.
if ! cmp -s "$requirements" "$venv/installed-requirements.txt"; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-input -r "$requirements"
  cp "$requirements" "$venv/installed-requirements.txt"
fi

swift build --product answerkit

step "browser tests: pytest Tests/browser"
exec "$venv/bin/python" -m pytest Tests/browser "$@"
