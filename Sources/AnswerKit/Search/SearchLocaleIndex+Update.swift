import Foundation

extension SearchLocaleIndex {
    /// An index of `keys` (without postings) whose files were `written`; empty
    /// for a locale the snapshot did not have.
    init(keys: [EntryKey], written: Written) {
        self.init(keys: keys)
        self.written = written
    }

    /// The paths of every file last written.
    func paths(locale: String) -> [String] {
        guard let written else { return [] }
        return written.shards.indices.map { SearchIndexEncoding.shardPath(locale, $0) }
            + written.chunks.indices.map { SearchIndexEncoding.chunkPath(locale, $0) }
            + [SearchIndexEncoding.manifestPath(locale)]
    }

    /// Applies the locale's part of `SearchIndexSnapshot.update` and returns the files
    /// whose bytes changed. `keys` are the locale's entries now, in site order, and
    /// `indexed` says which of them have a document (`SearchIndexBuilder.indexes`).
    ///
    /// Order: renumber the documents if the entry list changed, replace the postings of
    /// edited documents, re-encode the records of their terms (of every term when the
    /// document count or the quantised average moved: every impact changes then), cut
    /// shards again, and compare each shard, display chunk and the manifest with what
    /// was written.
    mutating func update(locale: String, keys newKeys: [EntryKey], indexed: [Bool], changed: [EntryKey: SearchDocument], analyzer: Analyzer.Pool) -> (write: [OutputFile], delete: [String]) {
        precondition(written != nil, "an index updated must have been written with keep")
        let renumbered = newKeys != keys
        if renumbered { renumber(newKeys) }
        // The documents to replace: those edited, and those retired since.
        var targets: [(number: Int, document: SearchDocument?)] = []
        let local = changed.contains { $0.key.locale == locale }
        for number in newKeys.indices {
            if indexed[number] {
                guard local, let document = changed[newKeys[number]] else { continue }
                targets.append((number, document))
            } else if display[number] != nil {
                targets.append((number, nil))
            }
        }
        guard renumbered || !targets.isEmpty else { return ([], []) }
        var edits: [Int32: TermEdit] = [:]
        let before = removePostings(of: targets.map { Int32($0.number) })
        for (number, document) in targets {
            addPostings(number, document: document, before: before[Int32(number)] ?? [:], analyzer: analyzer, edits: &edits)
        }
        let edited = targets.map(\.number)
        let average = self.average
        if renumbered || average != written!.average {
            // Every impact depends on the document count and the average.
            edits = Dictionary(uniqueKeysWithValues: terms.indices.map { (Int32($0), TermEdit.all) })
        }
        written!.average = average
        let dirty = encode(edits, average: average)

        var files: [OutputFile] = []
        var delete: [String] = []
        let (boundaries, shardDigests) = cutShards(locale: locale, dirty: dirty, files: &files, delete: &delete)
        let chunks = renumbered ? Array(0..<((keys.count + SearchIndexFormat.docsPerChunk - 1) / SearchIndexFormat.docsPerChunk))
            : Set(edited.map { $0 / SearchIndexFormat.docsPerChunk }).sorted()
        updateChunks(chunks, locale: locale, files: &files, delete: &delete)
        let manifest = SearchIndexEncoding.manifest(locale: locale, docs: keys.count, boundaries: boundaries, digests: shardDigests + written!.chunks)
        if manifest != written!.manifest {
            written!.manifest = manifest
            files.append(OutputFile(path: SearchIndexEncoding.manifestPath(locale), contents: Data(manifest)))
        }
        return (files, delete)
    }

    // MARK: - Postings

    /// Numbers the documents after `newKeys`: postings of entries that stay follow
    /// them (the order of entries is kept, so lists stay sorted), others are dropped.
    mutating func renumber(_ newKeys: [EntryKey]) {
        let old = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var mapping = [Int32](repeating: -1, count: keys.count)
        var newLengths = [Float](repeating: 0, count: newKeys.count)
        var newDisplay = [[String]?](repeating: nil, count: newKeys.count)
        for (number, key) in newKeys.enumerated() {
            guard let previous = old[key] else { continue }
            mapping[previous] = Int32(number)
            newLengths[number] = lengths[previous]
            newDisplay[number] = display[previous]
        }
        for id in terms.indices where !docs[id].isEmpty {
            var list: [Int32] = []
            var weights: [Float] = []
            list.reserveCapacity(docs[id].count)
            weights.reserveCapacity(docs[id].count)
            for (doc, weight) in zip(docs[id], frequencies[id]) where mapping[Int(doc)] >= 0 {
                list.append(mapping[Int(doc)])
                weights.append(weight)
            }
            docs[id] = list
            frequencies[id] = weights
        }
        forward = Dictionary(uniqueKeysWithValues: forward.compactMap { doc, ids in mapping[Int(doc)] >= 0 ? (mapping[Int(doc)], ids) : nil })
        keys = newKeys
        lengths = newLengths
        display = newDisplay
    }

    /// How a term's record must be made again.
    enum TermEdit {
        /// Only the impact of this document's posting can have changed (same
        /// documents, so the same idf and deltas).
        case impact(of: Int32)
        /// Encode every posting.
        case all
    }

    /// Removes the postings of `numbers`; returns, per document, the frequency it had
    /// for each of its terms.
    ///
    /// A document edited before has its term ids in `forward`. For one other, a
    /// binary search in every term's sorted postings (through pointers: no reference
    /// counting per term), about 1 ms per 10 000 terms; for more, one pass over all
    /// postings costs less.
    mutating func removePostings(of numbers: [Int32]) -> [Int32: [Int32: Float]] {
        var removed: [Int32: [Int32: Float]] = [:]
        var unknown: [Int32] = []
        for doc in numbers {
            guard let ids = forward.removeValue(forKey: doc) else {
                unknown.append(doc)
                continue
            }
            var frequencies: [Int32: Float] = [:]
            for id in ids.map(Int.init) {
                let position = Self.lowerBound(docs[id], doc)
                frequencies[Int32(id)] = self.frequencies[id].remove(at: position)
                docs[id].remove(at: position)
            }
            removed[doc] = frequencies
        }
        if unknown.count == 1 {
            let doc = unknown[0]
            var found: [(id: Int, position: Int)] = []
            docs.withUnsafeBufferPointer { lists in
                for id in lists.indices {
                    lists[id].withUnsafeBufferPointer { list in
                        guard let last = list.last, last >= doc, list[0] <= doc else { return }
                        let position = Self.lowerBound(list, doc)
                        if list[position] == doc { found.append((id, position)) }
                    }
                }
            }
            var frequencies: [Int32: Float] = [:]
            for (id, position) in found {
                frequencies[Int32(id)] = self.frequencies[id].remove(at: position)
                docs[id].remove(at: position)
            }
            removed[doc] = frequencies
        } else if unknown.count > 1 {
            var marked = [Bool](repeating: false, count: lengths.count)
            for doc in unknown { marked[Int(doc)] = true }
            for id in terms.indices {
                let hit = docs[id].withUnsafeBufferPointer { list in list.contains { marked[Int($0)] } }
                guard hit else { continue }
                var kept: [Int32] = []
                var keptFrequencies: [Float] = []
                for (doc, frequency) in zip(docs[id], frequencies[id]) {
                    if marked[Int(doc)] {
                        removed[doc, default: [:]][Int32(id)] = frequency
                    } else {
                        kept.append(doc)
                        keptFrequencies.append(frequency)
                    }
                }
                docs[id] = kept
                frequencies[id] = keptFrequencies
            }
        }
        return removed
    }

    /// Gives document `number` (its postings removed; `before`, the frequencies it
    /// had) the postings of `document` (none for `nil`, a retired entry), noting in
    /// `edits` how the records of the terms involved must be made again.
    mutating func addPostings(_ number: Int, document: SearchDocument?, before: [Int32: Float], analyzer: Analyzer.Pool, edits: inout [Int32: TermEdit]) {
        let doc = Int32(number)
        var before = before
        let oldLength = lengths[number]
        lengths[number] = 0
        display[number] = nil
        func note(_ id: Int32, _ edit: TermEdit) {
            // A term edited for two documents is encoded again whole.
            edits[id] = edits[id] == nil ? edit : .all
        }
        if let document {
            let (weights, length) = document.terms(analyzer)
            lengths[number] = length
            display[number] = document.display
            var ids: [Int32] = []
            ids.reserveCapacity(weights.count)
            for (term, weight) in weights {
                let id = termIDs[term] ?? newTerm(term)
                ids.append(id)
                let position = Self.lowerBound(docs[Int(id)], doc)
                docs[Int(id)].insert(doc, at: position)
                frequencies[Int(id)].insert(weight, at: position)
                if let old = before.removeValue(forKey: id) {
                    if old != weight || oldLength != length { note(id, .impact(of: doc)) }
                } else {
                    note(id, .all)
                }
            }
            forward[doc] = ids
        }
        // Terms the document no longer has: one document fewer.
        for id in before.keys { note(id, .all) }
    }

    /// Creates a term without documents and places it in the written order.
    private mutating func newTerm(_ term: Term) -> Int32 {
        let id = self.id(term)
        var low = 0, high = written!.order.count
        while low < high {
            let middle = (low + high) / 2
            if SearchIndexFormat.precedes(terms[Int(written!.order[middle])], term.text) { low = middle + 1 } else { high = middle }
        }
        written!.order.insert(id, at: low)
        written!.records.append([])
        written!.hashes.append(SearchIndexFormat.fnv1a32(term.text))
        return id
    }

    /// The position of the first document in `list` (sorted) not below `doc`.
    static func lowerBound<List: RandomAccessCollection<Int32>>(_ list: List, _ doc: Int32) -> Int where List.Index == Int {
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle] < doc { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
