// Micro benchmark of the search analyzer: MB/s per locale over a site's content
// (default: the sample site), with separate `analyze` calls and with a session.
// Run with scripts/analyzer-benchmark.sh [content-folder] [repetitions].
import Foundation

let arguments = CommandLine.arguments.dropFirst()
let root = arguments.first ?? "content"
let repetitions = arguments.dropFirst().first.flatMap(Int.init) ?? 20

var textsByLocale: [String: [String]] = [:]
guard let files = FileManager.default.enumerator(atPath: root) else {
    FileHandle.standardError.write(Data("no folder \(root)\n".utf8))
    exit(1)
}
for case let path as String in files where path.hasSuffix(".md") {
    let locale = String(path.split(separator: "/")[0])
    textsByLocale[locale, default: []].append(try String(contentsOfFile: "\(root)/\(path)", encoding: .utf8))
}

func measure(_ body: () -> Int) -> (seconds: Double, words: Int) {
    let start = Date()
    let words = body()
    return (Date().timeIntervalSince(start), words)
}

var totalBytes = 0
var totalSeconds = 0.0
for (locale, texts) in textsByLocale.sorted(by: { $0.key < $1.key }) {
    let analyzer = Analyzer(locale: locale)
    let bytes = texts.reduce(0) { $0 + $1.utf8.count } * repetitions
    let separate = measure {
        var words = 0
        for _ in 0..<repetitions { for text in texts { words += analyzer.analyze(text).count } }
        return words
    }
    var session = analyzer.session()
    let shared = measure {
        var words = 0
        for _ in 0..<repetitions { for text in texts { words += session.analyze(text).count } }
        return words
    }
    totalBytes += bytes
    totalSeconds += shared.seconds
    let megabytes = Double(bytes) / 1e6
    print(String(format: "%@  %6.1f MB  analyze %5.1f MB/s  session %5.1f MB/s  (%d words)", locale, megabytes,
                 megabytes / separate.seconds, megabytes / shared.seconds, shared.words))
}
print(String(format: "session: %.1f MB in %.2f s, %.1f MB/s", Double(totalBytes) / 1e6, totalSeconds,
             Double(totalBytes) / 1e6 / totalSeconds))
