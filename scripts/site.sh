#!/usr/bin/env bash
# Builds AnswerKit and the sample knowledge base (content/) into public/, then
# serves it at http://127.0.0.1:${PORT:-1313}/ with live reload and opens it
# in a browser when there is a desktop. Ctrl-C stops the server; public/ stays.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/setup.sh
swift build -c release --product answerkit
bin=.build/release/answerkit
"$bin" build
url="http://127.0.0.1:${PORT:-1313}/"
if [[ "${NO_SERVE:-0}" == 1 ]]; then
  echo "site.sh: the site is in public/ (open public/index.html through any web server)" >&2
  exit 0
fi
if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]] && command -v xdg-open >/dev/null; then
  (sleep 2 && xdg-open "$url" >/dev/null 2>&1) &
fi
echo "site.sh: serving $url (Ctrl-C to stop)" >&2
exec "$bin" serve --port "${PORT:-1313}"
