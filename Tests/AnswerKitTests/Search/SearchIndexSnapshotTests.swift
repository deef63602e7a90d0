@testable import AnswerKit
import Foundation
import Testing

/// Incremental search index updates (`SearchIndexSnapshot`): after any sequence of
/// edits, the files on disk (every `write` and `delete` applied in turn) must be
/// byte for byte those of a fresh full build over the same documents.
@Suite struct SearchIndexSnapshotTests {
    @Test(arguments: [1, 2, 3])
    func randomEditsMatchAFullBuild(_ seed: UInt64) throws {
        var site = GeneratedSite(seed: seed, locales: ["en": 140, "fr": 90, "ar": 40], bodyWords: 20...160)
        for n in [3, 77, 150] { site.retire(n) }
        var snapshot = site.fullBuild(keep: true).snapshot!
        var disk = site.fullBuild().files
        #expect(snapshot.digests == disk.mapValues { FileDigest(of: $0).hex })
        var renumbered = 0, inPlace = 0
        for step in 0..<45 {
            let change = site.randomChange()
            let before = disk
            let (write, delete) = snapshot.update(entries: site.entries, changed: change.documents)
            for path in delete {
                #expect(disk.removeValue(forKey: path) != nil, "step \(step) (\(change.name)): deletes \(path), which does not exist")
            }
            for file in write {
                #expect(before[file.path] != file.contents, "step \(step) (\(change.name)): writes \(file.path) unchanged")
                disk[file.path] = file.contents
            }
            if change.name == "nothing" { #expect(write.isEmpty && delete.isEmpty) }
            let expected = site.fullBuild().files
            try expectSameFiles(disk, expected, "step \(step) (\(change.name))")
            #expect(snapshot.digests == expected.mapValues { FileDigest(of: $0).hex })
            if change.inPlace {
                inPlace += 1
                let chunks = write.filter { $0.path.split(separator: "/").last!.hasPrefix("d") }
                #expect(chunks.count <= change.documents.count + (change.name == "retire" ? 1 : 0), "step \(step) (\(change.name)): \(chunks.map(\.path))")
            } else {
                renumbered += 1
            }
        }
        #expect(inPlace > 15 && renumbered > 5)
    }

    @Test func anEditThatKeepsTheLengthRewritesOnlyTheShardsOfItsTerms() throws {
        var site = GeneratedSite(seed: 7, locales: ["en": 300], bodyWords: 60...200)
        var snapshot = site.fullBuild(keep: true).snapshot!
        let full = site.fullBuild().files
        let shards = full.keys.filter { $0.hasPrefix("search/en/t") }.count
        #expect(shards >= 6, "the test needs several shards (got \(shards))")
        // One word of a body replaced by a new one: the same length, so only the
        // postings of the two words (and their other forms) change.
        let key = site.entries[17].key
        var words = site.documents[key]!.body.split(separator: " ")
        words[words.count - 1] = "zyzzyvaquux"
        site.documents[key]!.body = words.joined(separator: " ")
        let (write, delete) = snapshot.update(entries: site.entries, changed: [key: site.documents[key]!])
        #expect(delete.isEmpty)
        let written = write.map(\.path).filter { $0.hasPrefix("search/en/t") }
        #expect((1...4).contains(written.count), "\(written.count) of \(shards) shards rewritten")
        #expect(write.contains { $0.path == "search/en/manifest.json" })
        // The display record (title, excerpt…) did not change.
        #expect(!write.contains { $0.path.hasPrefix("search/en/d") })
    }

    @Test func aFullBuildIsDeterministicWhateverTheOrderOfThreads() throws {
        let site = GeneratedSite(seed: 11, locales: ["en": 120, "tr": 60, "he": 30], bodyWords: 10...120)
        let reference = site.fullBuild().files
        var random = SplitMix64(state: 99)
        for round in 0..<3 {
            let shuffled = site.fullBuild(order: site.entries.shuffled(using: &random), threads: 2).files
            try expectSameFiles(shuffled, reference, "round \(round)")
        }
    }

    @Test func shardsStayBetweenTheMinimumAndTheMaximum() throws {
        let site = GeneratedSite(seed: 5, locales: ["en": 900], bodyWords: 40...300)
        let files = site.fullBuild().files
        let shards = (0...).lazy.map { files["search/en/t\($0).json"] }.prefix { $0 != nil }.map { $0! }
        let sizes = Array(shards.map(\.count))
        #expect(sizes.count >= 10)
        for (number, shard) in shards.enumerated() {
            let bytes = [UInt8](shard)
            #expect(bytes.suffix(2) == Array("]\n".utf8))
            let size = bytes.count - 2
            // The last record starts after the last `,[` outside strings: terms hold no brackets.
            let lastRecord = (1..<bytes.count).last { bytes[$0 - 1] == UInt8(ascii: ",") && bytes[$0] == UInt8(ascii: "[") && bytes[$0 + 1] == UInt8(ascii: "\"") } ?? 1
            #expect(lastRecord - 1 < SearchIndexFormat.shardMaximumBytes, "t\(number): \(lastRecord - 1) bytes before its last term")
            if number < sizes.count - 1 {
                #expect(size >= SearchIndexFormat.shardMinimumBytes, "t\(number): \(size) bytes")
            }
        }
        let average = sizes.dropLast().reduce(0, +) / max(sizes.count - 1, 1)
        #expect((12_000...24_000).contains(average), "average shard \(average) bytes")
    }

    @Test func shardBoundariesAreTheFirstTermsInOrder() throws {
        let site = GeneratedSite(seed: 3, locales: ["fr": 400], bodyWords: 40...200)
        let files = site.fullBuild().files
        let manifest = try #require(JSONSerialization.jsonObject(with: files["search/fr/manifest.json"]!) as? [String: Any])
        let boundaries = try #require(manifest["shards"] as? [String])
        var previous: String?
        for (number, boundary) in boundaries.enumerated() {
            let rows = try #require(JSONSerialization.jsonObject(with: files["search/fr/t\(number).json"]!) as? [[Any]])
            let terms = rows.map { $0[0] as! String }
            #expect(terms.first == boundary)
            for term in terms {
                if let previous { #expect(SearchIndexFormat.precedes(previous, term)) }
                previous = term
            }
        }
    }

    @Test func theManifestHashIsTheHashOfTheFileDigests() throws {
        let files = GeneratedSite(seed: 9, locales: ["en": 200], bodyWords: 40...200).fullBuild().files
        let manifest = try #require(JSONSerialization.jsonObject(with: files["search/en/manifest.json"]!) as? [String: Any])
        let shards = (manifest["shards"] as! [String]).indices.map { "search/en/t\($0).json" }
        let chunks = (0..<((manifest["docs"] as! Int + 7) / 8)).map { "search/en/d\($0).json" }
        #expect(shards.count > 1)
        var digests: [UInt8] = []
        for path in shards + chunks {
            let hex = Array(FileDigest(of: try #require(files[path])).hex.utf8)
            digests += stride(from: 0, to: hex.count, by: 2).map { UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
        }
        #expect(manifest["hash"] as? String == String(FileDigest(of: digests).hex.prefix(12)))
    }

    @Test(arguments: [
        (0.0, 0, 1.0), (3.0, 4, 1.0), (10.0, 1, 10.0), (99.4, 1, 99.0), (99.5, 1, 100.0),
        (1234.0, 10, 120.0), (1250.0, 10, 130.0), (51_000.0, 100, 510.0), (123_456.0, 10, 12_000.0),
    ])
    func theAverageLengthKeepsTwoSignificantDigits(_ total: Double, _ count: Int, _ expected: Double) {
        #expect(SearchIndexFormat.averageLength(total: total, count: count) == expected)
    }

    @Test func termHashesAreFNV1a() {
        #expect(SearchIndexFormat.fnv1a32("") == 0x811C_9DC5)
        #expect(SearchIndexFormat.fnv1a32("a") == 0xE40C_292C)
        #expect(SearchIndexFormat.fnv1a32("foobar") == 0xBF9C_F968)
    }

    func expectSameFiles(_ actual: [String: Data], _ expected: [String: Data], _ context: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        #expect(actual.keys.sorted() == expected.keys.sorted(), "\(context): file lists differ", sourceLocation: sourceLocation)
        for (path, data) in expected.sorted(by: { $0.key < $1.key }) where actual[path] != data {
            Issue.record("\(context): \(path) differs", sourceLocation: sourceLocation)
            return
        }
    }
}
