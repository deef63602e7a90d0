/// Every posting of a locale, grouped by term: term `t`'s documents (ascending)
/// and their weighted frequencies are `docs[offsets[t]..<offsets[t + 1]]` and
/// the same range of `frequencies`.
///
/// Three flat arrays instead of an array per term: a full build appends each
/// document's postings in one block (`SearchPostingsCollector`) and sorts them by
/// term once, with a counting sort, when the locale is complete.
struct SearchPostings: Sendable {
    var offsets: [Int] = [0]
    var docs: [Int32] = []
    var frequencies: [Float] = []

    var termCount: Int { offsets.count - 1 }

    func range(_ term: Int) -> Range<Int> {
        offsets[term]..<offsets[term + 1]
    }
}

/// Collects the postings of a locale's documents, one block per document, in any
/// order (threads finish entries in any order).
struct SearchPostingsCollector: Sendable {
    private var ids: [Int32] = []
    private var weights: [Float] = []
    /// Per document number, where its block is in `ids` and `weights` (count 0: none).
    private var blocks: [(start: Int, count: Int)]

    init(documents: Int) {
        blocks = Array(repeating: (0, 0), count: documents)
    }

    /// Sets the postings of document `number`: its terms `ids` (each once) and their weights.
    mutating func add(_ number: Int32, ids: [Int32], weights: [Float]) {
        precondition(ids.count == weights.count)
        blocks[Int(number)] = (self.ids.count, ids.count)
        self.ids.append(contentsOf: ids)
        self.weights.append(contentsOf: weights)
    }

    /// The postings grouped by term (ids below `termCount`), documents ascending
    /// within each term: a counting sort of the blocks taken in document order.
    func grouped(termCount: Int) -> SearchPostings {
        var offsets = [Int](repeating: 0, count: termCount + 1)
        ids.withUnsafeBufferPointer { ids in
            offsets.withUnsafeMutableBufferPointer { offsets in
                for block in blocks {
                    for id in ids[block.start..<(block.start + block.count)] { offsets[Int(id) + 1] += 1 }
                }
                for term in 0..<termCount { offsets[term + 1] += offsets[term] }
            }
        }
        let total = offsets[termCount]
        var cursors = offsets
        var docs = [Int32](repeating: 0, count: total)
        var frequencies = [Float](repeating: 0, count: total)
        ids.withUnsafeBufferPointer { ids in
            weights.withUnsafeBufferPointer { weights in
                cursors.withUnsafeMutableBufferPointer { cursors in
                    docs.withUnsafeMutableBufferPointer { docs in
                        frequencies.withUnsafeMutableBufferPointer { frequencies in
                            for (number, block) in blocks.enumerated() {
                                for index in block.start..<(block.start + block.count) {
                                    let term = Int(ids[index])
                                    let position = cursors[term]
                                    docs[position] = Int32(number)
                                    frequencies[position] = weights[index]
                                    cursors[term] = position + 1
                                }
                            }
                        }
                    }
                }
            }
        }
        return SearchPostings(offsets: offsets, docs: docs, frequencies: frequencies)
    }
}
