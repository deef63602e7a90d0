#!/bin/sh
# Regenerates the analyzer's precomputed Unicode tables (ScalarInfo+Runs.swift,
# ScalarNormalizer+LowerFoldChanges.swift) from this toolchain's Unicode data
# and Foundation's normalization. Run it when UnicodeTableTests fails after a
# Swift upgrade, or after changing ScalarInfo+Derivation.swift or
# ScalarNormalizer+Derivation.swift; then check that `swift test` and
# `node --test Tests/js` still pass, and commit the result.
set -eu
cd "$(dirname "$0")/.."
out="${TMPDIR:-/tmp}/answerkit-unicode-tables"
mkdir -p "$out"
cp scripts/generate-unicode-tables.swift "$out/main.swift"
swiftc -O -wmo -module-name UnicodeTables "$out/main.swift" Sources/AnswerKit/Search/Analysis/*.swift -o "$out/generate"
"$out/generate" Sources/AnswerKit/Search/Analysis
