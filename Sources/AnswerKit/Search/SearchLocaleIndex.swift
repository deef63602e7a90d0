import Foundation

/// The postings of one locale's documents, filled by `SearchIndexBuilder` from many
/// threads (under a lock), and the files made of them.
struct SearchLocaleIndex: Sendable {
    /// The entries numbered in this locale (published, retired ones included), in site order.
    var keys: [EntryKey]
    var termIDs: [Term: Int32] = [:]
    var terms: [String] = []
    /// Per term, the documents that contain it (sorted once written) and their weighted frequencies.
    var docs: [[Int32]] = []
    var frequencies: [[Float]] = []
    /// Per document, its weighted word count (0 for a retired entry) and display record (`nil` then).
    var lengths: [Float]
    var display: [[String]?]
    init(keys: [EntryKey]) {
        self.keys = keys
        lengths = Array(repeating: 0, count: keys.count)
        display = Array(repeating: nil, count: keys.count)
    }

    /// Adds the postings of document `number` (which has none yet).
    mutating func add(_ number: Int32, weights: [Term: Float], length: Float, display record: [String]) {
        lengths[Int(number)] = length
        display[Int(number)] = record
        for (term, weight) in weights {
            let id = self.id(term)
            docs[Int(id)].append(number)
            frequencies[Int(id)].append(weight)
        }
    }

    /// The id of `term`, created (with no documents) when new.
    mutating func id(_ term: Term) -> Int32 {
        if let known = termIDs[term] { return known }
        let id = Int32(terms.count)
        termIDs[term] = id
        terms.append(term.text)
        docs.append([])
        frequencies.append([])
        return id
    }

    /// The locale's average document length, quantised (`SearchIndexFormat.averageLength`).
    var average: Double {
        // Lengths are multiples of 0.5: the Double sum is exact whatever the order.
        SearchIndexFormat.averageLength(total: lengths.reduce(0.0) { $0 + Double($1) }, count: lengths.count)
    }

    // MARK: - Full build

    /// Every file of the locale; the postings are left sorted by document.
    mutating func write(locale: String) -> [OutputFile] {
        let count = lengths.count
        let average = self.average
        let norms = SearchIndexEncoding.norms(lengths: lengths, average: average)
        let order = terms.indices.sorted { SearchIndexFormat.precedes(terms[$0], terms[$1]) }
        var files: [OutputFile] = []
        var boundaries: [String] = []
        var digests: [FileDigest] = []
        var shard: [UInt8] = []
        var record: [UInt8] = []
        var cutter = ShardCutter()
        func close() {
            shard.append(contentsOf: "]\n".utf8)
            let digest = FileDigest(of: shard)
            digests.append(digest)
            files.append(OutputFile(path: SearchIndexEncoding.shardPath(locale, files.count), contents: Data(shard)))
            shard.removeAll(keepingCapacity: true)
        }
        for termID in order where !docs[termID].isEmpty {
            sortPostings(termID)
            record.removeAll(keepingCapacity: true)
            SearchIndexEncoding.appendRecord(terms[termID], docs: docs[termID], frequencies: frequencies[termID], norms: norms, count: count, into: &record)
            if shard.isEmpty { boundaries.append(terms[termID]) }
            shard.append(shard.isEmpty ? UInt8(ascii: "[") : UInt8(ascii: ","))
            shard.append(contentsOf: record)
            if cutter.append(size: record.count, hash: SearchIndexFormat.fnv1a32(terms[termID])) { close() }
        }
        if !shard.isEmpty { close() }

        let chunk = SearchIndexFormat.docsPerChunk
        for start in stride(from: 0, to: count, by: chunk) {
            let bytes = SearchIndexEncoding.displayChunk(display[start..<min(start + chunk, count)])
            let digest = FileDigest(of: bytes)
            digests.append(digest)
            files.append(OutputFile(path: SearchIndexEncoding.chunkPath(locale, start / chunk), contents: Data(bytes)))
        }
        let manifest = SearchIndexEncoding.manifest(locale: locale, docs: count, boundaries: boundaries, digests: digests)
        files.append(OutputFile(path: SearchIndexEncoding.manifestPath(locale), contents: Data(manifest)))
        return files
    }

    /// Sorts one term's postings by document (threads add documents in any order).
    mutating func sortPostings(_ termID: Int) {
        let list = docs[termID]
        guard zip(list, list.dropFirst()).contains(where: { $0 > $1 }) else { return }
        let sorted = zip(list, frequencies[termID]).sorted { $0.0 < $1.0 }
        docs[termID] = sorted.map(\.0)
        frequencies[termID] = sorted.map(\.1)
    }
}
