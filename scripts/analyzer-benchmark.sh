#!/bin/sh
# Compiles the analyzer with optimizations (no package release build needed)
# and runs scripts/analyzer-benchmark.swift: analyzer-benchmark.sh [content-folder] [repetitions]
set -eu
cd "$(dirname "$0")/.."
out="${TMPDIR:-/tmp}/answerkit-analyzer-benchmark"
mkdir -p "$out"
cp scripts/analyzer-benchmark.swift "$out/main.swift"
swiftc -O -wmo -module-name AnalyzerBenchmark "$out/main.swift" Sources/AnswerKit/Search/Analysis/*.swift -o "$out/benchmark"
"$out/benchmark" "$@"
