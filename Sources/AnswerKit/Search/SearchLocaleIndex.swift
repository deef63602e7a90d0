import Foundation

/// The postings of one locale's documents and, once written for an incremental
/// build, what is needed to rewrite only the files an edit changes.
///
/// Shared by `SearchIndexBuilder` (which gives it a complete locale's terms and
/// grouped `postings` to write) and `SearchIndexSnapshot` (which updates `docs` and
/// `frequencies`); `write(locale:keep:)` and `SearchLocaleIndex+Update.swift` make
/// the same bytes from the same postings.
struct SearchLocaleIndex: Sendable {
    /// The entries numbered in this locale (published, retired ones included), in site order.
    var keys: [EntryKey]
    /// Term ids by term, and terms by id (in the order first seen by any thread).
    var termIDs: [Term: Int32] = [:]
    var terms: [String] = []
    /// Per term, the documents that contain it (sorted) and their weighted frequencies,
    /// for updates: filled by `write(locale:keep:)` with `keep`.
    var docs: [[Int32]] = []
    var frequencies: [[Float]] = []
    /// A full build's postings, until `write(locale:keep:)` (which empties them).
    var postings = SearchPostings()
    /// Per document, its weighted word count (0 for a retired entry) and display record (`nil` then).
    var lengths: [Float]
    var display: [[String]?]
    /// What was written last, when the index is kept for updates.
    var written: Written?
    /// The term ids of documents replaced by updates: edited again, they need no
    /// search through every term's postings. Kept only for those: forward lists of
    /// every document (4 bytes per posting) would add half the postings' memory.
    var forward: [Int32: [Int32]] = [:]

    /// What the files last written were made of.
    struct Written: Sendable {
        /// Every term id ever seen, sorted by `SearchIndexFormat.precedes` (terms left
        /// without documents stay, with an empty record, and are skipped).
        var order: [Int32] = []
        /// Per term id: its record (`["term",[…]]`, empty once it has no documents)
        /// and `SearchIndexFormat.fnv1a32` of the term (for shard boundaries).
        var records: [[UInt8]] = []
        var hashes: [UInt32] = []
        var average: Double = 0
        var shards: [Shard] = []
        var chunks: [FileDigest] = []
        var manifest: [UInt8] = []
    }

    /// A written shard: its first and last term ids, and the digest of its file.
    struct Shard: Sendable {
        var first: Int32
        var last: Int32
        var digest: FileDigest
    }

    /// An index of `keys` without postings yet.
    init(keys: [EntryKey]) {
        self.keys = keys
        lengths = Array(repeating: 0, count: keys.count)
        display = Array(repeating: nil, count: keys.count)
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

    /// The ids of `terms` in `SearchIndexFormat.precedes` order, compared on their
    /// UTF-8 bytes gathered in one array.
    static func sortedIDs(_ terms: [String]) -> [Int] {
        var bytes: [UInt8] = []
        var starts = [0]
        starts.reserveCapacity(terms.count + 1)
        for term in terms {
            bytes.append(contentsOf: term.utf8)
            starts.append(bytes.count)
        }
        return bytes.withUnsafeBufferPointer { bytes in
            starts.withUnsafeBufferPointer { starts in
                terms.indices.sorted {
                    SearchIndexFormat.precedes(
                        utf8: UnsafeBufferPointer(rebasing: bytes[starts[$0]..<starts[$0 + 1]]),
                        UnsafeBufferPointer(rebasing: bytes[starts[$1]..<starts[$1 + 1]]))
                }
            }
        }
    }

    /// The locale's average document length, quantised (`SearchIndexFormat.averageLength`).
    var average: Double {
        // Lengths are multiples of 0.5: the Double sum is exact whatever the order.
        SearchIndexFormat.averageLength(total: lengths.reduce(0.0) { $0 + Double($1) }, count: lengths.count)
    }

    // MARK: - Full build

    /// Every file of the locale, from `postings` (ids below `terms.count`). With `keep`,
    /// records what an update needs in `written`, and the postings in `docs` and `frequencies`.
    mutating func write(locale: String, keep: Bool) -> [OutputFile] {
        var files: [OutputFile] = []
        write(locale: locale, keep: keep) { files.append($0) }
        return files
    }

    /// `write(locale:keep:)`, handing each file to `emit` as soon as it is made (a
    /// locale's files are ~60 MB at 100 000 entries). With `flat` (and `keep`), the
    /// postings stay in `postings` rather than being copied per term into `docs` and
    /// `frequencies`: enough for the build cache, which encodes them the same way
    /// (`SearchLocaleIndex+Cache`), and ~45 MB less at the moment the locale is written.
    mutating func write(locale: String, keep: Bool, flat: Bool = false, emit: (OutputFile) -> Void) {
        let postings = self.postings
        self.postings = SearchPostings()
        precondition(postings.termCount <= terms.count)
        if keep, flat {
            self.postings = postings
        } else if keep {
            docs = terms.indices.map { $0 < postings.termCount ? Array(postings.docs[postings.range($0)]) : [] }
            frequencies = terms.indices.map { $0 < postings.termCount ? Array(postings.frequencies[postings.range($0)]) : [] }
        }
        let count = lengths.count
        let average = self.average
        let norms = SearchIndexEncoding.norms(lengths: lengths, average: average)
        let order = Self.sortedIDs(terms)
        var state = Written()
        if keep {
            state.order = order.map(Int32.init)
            state.records = Array(repeating: [], count: terms.count)
            state.hashes = terms.map(SearchIndexFormat.fnv1a32)
            state.average = average
        }
        var fileCount = 0
        func emitFile(_ file: OutputFile) {
            fileCount += 1
            emit(file)
        }
        var boundaries: [String] = []
        var digests: [FileDigest] = []
        var shard: [UInt8] = []
        var first: Int32 = 0
        var record: [UInt8] = []
        var cutter = ShardCutter()
        func close(last: Int) {
            shard.append(contentsOf: "]\n".utf8)
            let digest = FileDigest(of: shard)
            if keep { state.shards.append(Shard(first: first, last: Int32(last), digest: digest)) }
            digests.append(digest)
            emitFile(OutputFile(path: SearchIndexEncoding.shardPath(locale, fileCount), contents: Data(shard)))
            shard.removeAll(keepingCapacity: true)
        }
        var last = 0
        for termID in order where termID < postings.termCount && !postings.range(termID).isEmpty {
            record.removeAll(keepingCapacity: true)
            let range = postings.range(termID)
            postings.docs.withUnsafeBufferPointer { docs in
                postings.frequencies.withUnsafeBufferPointer { frequencies in
                    SearchIndexEncoding.appendRecord(
                        terms[termID], docs: UnsafeBufferPointer(rebasing: docs[range]),
                        frequencies: UnsafeBufferPointer(rebasing: frequencies[range]), norms: norms, count: count, into: &record)
                }
            }
            // An exact copy: `record` is reused (so has spare capacity).
            if keep { state.records[termID] = record.compacted() }
            if shard.isEmpty {
                boundaries.append(terms[termID])
                first = Int32(termID)
            }
            shard.append(shard.isEmpty ? UInt8(ascii: "[") : UInt8(ascii: ","))
            shard.append(contentsOf: record)
            last = termID
            if cutter.append(size: record.count, hash: SearchIndexFormat.fnv1a32(terms[termID])) { close(last: termID) }
        }
        if !shard.isEmpty { close(last: last) }

        let chunk = SearchIndexFormat.docsPerChunk
        for start in stride(from: 0, to: count, by: chunk) {
            let bytes = SearchIndexEncoding.displayChunk(display[start..<min(start + chunk, count)])
            let digest = FileDigest(of: bytes)
            digests.append(digest)
            if keep { state.chunks.append(digest) }
            emitFile(OutputFile(path: SearchIndexEncoding.chunkPath(locale, start / chunk), contents: Data(bytes)))
        }
        let manifest = SearchIndexEncoding.manifest(locale: locale, docs: count, boundaries: boundaries, digests: digests)
        emitFile(OutputFile(path: SearchIndexEncoding.manifestPath(locale), contents: Data(manifest)))
        if keep {
            state.manifest = manifest
            written = state
        }
    }

}

extension Array where Element: BitwiseCopyable {
    /// A copy without spare capacity (for arrays kept long after they stopped growing).
    func compacted() -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = withUnsafeBufferPointer { buffer.initialize(fromContentsOf: $0) }
        }
    }
}
