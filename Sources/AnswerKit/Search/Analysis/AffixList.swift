/// A list of short affixes (suffixes or prefixes) stored in one contiguous
/// buffer: the stemmers test many affixes per word, and iterating an array of
/// arrays would retain and release every element.
struct AffixList: Sendable {
    private let scalars: [UInt32]
    /// Affix `i` is `scalars[bounds[i]..<bounds[i + 1]]`.
    private let bounds: [Int]

    /// The affixes of a space-separated list, in order.
    init(_ list: String) {
        self.init([UInt32].words(list))
    }

    init(_ affixes: [[UInt32]]) {
        scalars = Array(affixes.joined())
        var bounds = [0]
        for affix in affixes { bounds.append(bounds[bounds.count - 1] + affix.count) }
        self.bounds = bounds
    }

    var count: Int { bounds.count - 1 }

    @inline(__always)
    func length(_ index: Int) -> Int { bounds[index + 1] - bounds[index] }

    /// The affix, as a slice.
    func affix(_ index: Int) -> ArraySlice<UInt32> { scalars[bounds[index]..<bounds[index + 1]] }

    /// Whether affix `index` ends `word[..<end]`.
    @inline(__always)
    func isSuffix(_ index: Int, of word: [UInt32], end: Int) -> Bool {
        let start = bounds[index]
        let length = bounds[index + 1] - start
        guard end >= length else { return false }
        let offset = end - length
        for position in 0..<length where word[offset + position] != scalars[start + position] { return false }
        return true
    }

    /// Whether affix `index` starts `word`.
    @inline(__always)
    func isPrefix<Word: RandomAccessCollection>(_ index: Int, of word: Word) -> Bool
    where Word.Element == UInt32, Word.Index == Int {
        let start = bounds[index]
        let length = bounds[index + 1] - start
        guard word.count >= length else { return false }
        for position in 0..<length where word[word.startIndex + position] != scalars[start + position] { return false }
        return true
    }

    /// The index of the affix equal to `word`, if any.
    func firstIndex(of word: ArraySlice<UInt32>) -> Int? {
        (0..<count).first { length($0) == word.count && isPrefix($0, of: word) }
    }
}
