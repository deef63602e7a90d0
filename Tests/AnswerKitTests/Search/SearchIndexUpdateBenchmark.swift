@testable import AnswerKit
import Foundation
import Testing

/// How long an in-place one-entry edit takes to update the search index: off unless
/// `ANSWERKIT_BENCH_SEARCH` is set, to a site root (its Markdown read crudely: the
/// body as written, `#` lines as headings) or to `1` (a generated site, 5 locales ×
/// 2 000 documents). Meaningful in a release build:
///
///     ANSWERKIT_BENCH_SEARCH=bench/work/10000 swift test -c release --filter SearchIndexUpdateBenchmark
@Suite struct SearchIndexUpdateBenchmark {
    static let setting = ProcessInfo.processInfo.environment["ANSWERKIT_BENCH_SEARCH"]

    @Test(.enabled(if: setting != nil))
    func inPlaceEdits() throws {
        let (entries, site) = try Self.site(Self.setting!)
        var documents = site
        let clock = ContinuousClock()
        Memory.releaseFreed()
        let residentBefore = Self.residentBytes()
        var start = clock.now
        let files = Locked<[OutputFile]>([])
        var snapshot: SearchIndexSnapshot
        let rest: [OutputFile]
        do {
            let builder = SearchIndexBuilder(entries: entries, keepPostings: true) { done in files.withLock { $0 += done } }
            for entry in entries where SearchIndexBuilder.indexes(entry) { builder.add(entry.key, documents[entry.key]!) }
            rest = builder.files()
            snapshot = builder.snapshot()
        }
        let full = clock.now - start
        Memory.releaseFreed()
        // The snapshot, and the output files (kept here to count them).
        let resident = (Self.residentBytes() - residentBefore) / 1_000_000
        let shards = (files.withLock { $0 } + rest).filter { $0.path.split(separator: "/").last!.hasPrefix("t") }
        let shardCounts = Dictionary(grouping: shards, by: { $0.path.split(separator: "/")[1] }).mapValues(\.count)
        var random = SplitMix64(state: 1)
        // Three kinds of edit in turn: a word replaced by another (the length stays),
        // a sentence added (the entry's length changes, so do most of its impacts),
        // and a word replaced again in the entry just edited (its terms are known).
        var times: [[Duration]] = [[], [], []]
        var written: [[Int]] = [[], [], []]
        var key = entries[0].key
        for round in 0..<90 {
            if round % 3 != 2 { key = entries[Int.random(in: 0..<entries.count, using: &random)].key }
            var words = documents[key]!.body.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            if round % 3 == 1 {
                words.append("Another sentence, novel\(round), of a few words.")
            } else {
                let plain = words.indices.filter { words[$0].count > 1 && words[$0].allSatisfy(\.isLetter) }
                words[plain.randomElement(using: &random)!] = "edited\(round)"
            }
            documents[key]!.body = words.joined(separator: " ")
            start = clock.now
            let (write, _) = snapshot.update(entries: entries, changed: [key: documents[key]!])
            times[round % 3].append(clock.now - start)
            written[round % 3].append(write.count)
        }
        func median<T: Comparable>(_ list: [T]) -> T { list.sorted()[list.count / 2] }
        print("""
            search update benchmark: \(documents.count) documents, full build with postings kept \(full)
              memory: +\(resident) MB resident for the snapshot and the index files
              shards: \(shards.count) (\(shardCounts.map { "\($0.key) \($0.value)" }.sorted().joined(separator: ", "))), average \(shards.map(\.contents.count).reduce(0, +) / max(shards.count, 1)) bytes
              word replaced: median \(median(times[0])), max \(times[0].max()!), files written median \(median(written[0]))
              sentence added: median \(median(times[1])), max \(times[1].max()!), files written median \(median(written[1]))
              same entry, word replaced again: median \(median(times[2])), max \(times[2].max()!), files written median \(median(written[2]))
            """)
    }

    /// Resident memory of this process (Linux; 0 elsewhere).
    static func residentBytes() -> Int {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
              let pages = statm.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return 0 }
        return pages * 4096
    }

    /// Entries and documents of the site at `setting` (or a generated one for `1`).
    static func site(_ setting: String) throws -> ([Entry], [EntryKey: SearchDocument]) {
        guard setting != "1" else {
            let site = GeneratedSite(seed: 42, locales: ["en": 2_000, "fr": 2_000, "tr": 2_000, "ar": 2_000, "he": 2_000], bodyWords: 100...600)
            return (site.entries, site.documents)
        }
        let root = URL(fileURLWithPath: setting)
        guard let config = ConfigLoader.load(root: root).0 else { throw CocoaError(.fileReadCorruptFile) }
        let entries = try ContentLoader.load(root: root, config: config, today: Fixtures.today).entries.sorted { $0.key < $1.key }
        var documents: [EntryKey: SearchDocument] = [:]
        for entry in entries {
            let text = try String(contentsOf: root.appendingPathComponent(entry.path), encoding: .utf8)
            let body = text.components(separatedBy: "\n---\n").dropFirst().joined(separator: "\n---\n")
            let headings = body.split(separator: "\n").filter { $0.hasPrefix("#") }.map { String($0.drop { $0 == "#" || $0 == " " }) }
            documents[entry.key] = SearchDocument(id: entry.id, title: entry.title, url: "/\(entry.key.locale)/\(entry.key.slug)/", category: entry.key.category,
                                                  tags: entry.tags, headings: headings, body: body, excerpt: entry.summary)
        }
        return (entries, documents)
    }
}
