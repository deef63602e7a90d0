/// The terms of one word, in order and without duplicates, stored in one
/// reusable buffer so that analyzing a word allocates nothing but its strings.
struct TermList: Sendable {
    private var storage: [UInt32] = []
    private var ranges: [Range<Int>] = []

    var isEmpty: Bool { ranges.isEmpty }
    var count: Int { ranges.count }

    /// The scalars of each term in order, through a pointer valid during the call.
    func forEach(_ body: (UnsafeBufferPointer<UInt32>) -> Void) {
        storage.withUnsafeBufferPointer { storage in
            for range in ranges { body(UnsafeBufferPointer(rebasing: storage[range])) }
        }
    }

    mutating func removeAll() {
        storage.clear()
        ranges.clear()
    }

    /// Adds `term` unless it is empty or already there.
    mutating func add(_ term: ArraySlice<UInt32>) {
        guard !term.isEmpty, !contains(term) else { return }
        let start = storage.count
        storage.append(contentsOf: term)
        ranges.append(start..<storage.count)
    }

    func contains(_ term: ArraySlice<UInt32>) -> Bool {
        for range in ranges where range.count == term.count && storage[range].elementsEqual(term) { return true }
        return false
    }

    /// Removes the terms (but the first) that another term is a proper prefix
    /// of: a prefix match on the shorter term finds them too.
    mutating func removeCoveredPrefixes() {
        let all = ranges
        ranges = all.enumerated().compactMap { index, range in
            let term = storage[range]
            let covered = index > 0 && all.contains { $0.count < range.count && term.starts(with: storage[$0]) }
            return covered ? nil : range
        }
    }

    var strings: [String] { ranges.map { storage[$0].string } }
}
