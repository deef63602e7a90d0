/// Turns each word the tokenizer finds into its terms (see `Analyzer`), reusing
/// its buffers from word to word.
struct WordAnalyzer: WordSink, Sendable {
    let language: Analyzer.Language
    /// Query analysis: an open last word gets prefix terms.
    let query: Bool
    /// The terms of every word kept so far.
    var output: [[String]] = []

    /// The normalized parts of the current word, contiguous in `normalized`.
    private var normalized: [UInt32] = []
    private var parts: [Range<Int>] = []
    private var terms = TermList()
    private var scratch: [UInt32] = []
    private var candidate: [UInt32] = []
    private var cache: [PlainWord: [String]?] = [:]
    /// The key of the plain word the next `word` call analyzes.
    private var pendingKey: PlainWord?

    private static var apostrophe: UInt32 { 0x27 }
    private static var quote: UInt32 { 0x22 }

    /// French elided words (Lucene's FrenchAnalyzer list).
    static let elisions = AffixList("l m t qu n s j d c jusqu quoiqu lorsqu puisqu")

    init(language: Analyzer.Language, query: Bool) {
        self.language = language
        self.query = query
    }

    /// Starts a new text, keeping the word cache (up to `cacheLimit` words).
    mutating func reset(expectedBytes: Int) {
        output = []
        output.reserveCapacity(expectedBytes / 6)
        if cache.count > Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
        if cache.isEmpty { cache.reserveCapacity(min(expectedBytes / 12, Self.cacheLimit)) }
    }

    static let cacheLimit = 50_000

    mutating func word(_ scalars: [UInt32], segmentStarts: [Int], script: WordScript, attached: Bool, open: Bool) {
        let terms = terms(of: scalars, segmentStarts: segmentStarts, script: script, attached: attached, open: open)
        if let key = pendingKey {
            cache[key] = terms
            pendingKey = nil
        }
        if let terms { output.append(terms) }
    }

    /// Words repeat (Zipf): index analysis remembers the terms of plain words
    /// by their bytes. A query's words are not cached (the last one may be open).
    mutating func plainWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !query else { return false }
        let key = PlainWord(bytes)
        if let cached = cache[key] {
            if let cached { output.append(cached) }
            return true
        }
        pendingKey = key
        return false
    }

    /// The terms of a word, or nil when it is dropped.
    private mutating func terms(
        of scalars: [UInt32], segmentStarts: [Int], script: WordScript, attached: Bool, open: Bool
    ) -> [String]? {
        analyzeWord(scalars, segmentStarts: segmentStarts, script: script, attached: attached, open: open) ? terms.strings : nil
    }

    /// The terms of the word last given to `analyzeWord`, as scalars.
    var wordTerms: TermList { terms }

    /// Analyzes a word as `word(_:segmentStarts:script:attached:open:)` does, without
    /// making strings or keeping output: its terms are left in `wordTerms`. False when
    /// the word is dropped. (The index build counts terms by id, see `SearchTermCounter`.)
    mutating func analyzeWord(_ scalars: [UInt32], segmentStarts: [Int], script: WordScript, attached: Bool, open: Bool) -> Bool {
        normalize(scalars, segmentStarts: segmentStarts, script: script)
        guard let first = parts.first, let last = parts.last else { return false }
        if attached, parts.count == 1, isStandaloneClitic(normalized[first], script: script) { return false }
        let whole = first.lowerBound..<last.upperBound
        terms.removeAll()
        addStems(normalized[whole], script: script)
        if parts.count > 1 {
            // Compounds are found by their parts too; one-letter parts (U.S.A,
            // e-mail) would only add noise.
            for index in parts.indices where parts[index].count > 1 { addStems(normalized[parts[index]], script: script) }
        }
        if query, open, whole.count <= Analyzer.maximumTermLength { addPrefixTerms(whole, script: script) }
        return !terms.isEmpty
    }

    // MARK: - Normalization and apostrophes

    /// Normalizes every part into `normalized`, applies the apostrophe rules,
    /// and leaves in `parts` the non-empty parts without apostrophes.
    private mutating func normalize(_ scalars: [UInt32], segmentStarts: [Int], script: WordScript) {
        let turkish = language == .turkish
        normalized.clear()
        parts.clear()
        var hasMarker = false
        for index in segmentStarts.indices {
            let end = index + 1 < segmentStarts.count ? segmentStarts[index + 1] : scalars.count
            let start = normalized.count
            for position in segmentStarts[index]..<end {
                let value = scalars[position]
                if value == Self.apostrophe || value == Self.quote { hasMarker = true }
                ScalarNormalizer.append(value, turkish: turkish, to: &normalized)
            }
            parts.append(start..<normalized.count)
        }
        if hasMarker, script == .other { applyApostropheRules() }
        // Compact: drop apostrophes, quotes and empty parts.
        var write = 0
        var kept = 0
        for index in parts.indices {
            let start = write
            for position in parts[index] where normalized[position] != Self.apostrophe && normalized[position] != Self.quote {
                normalized[write] = normalized[position]
                write += 1
            }
            if write > start {
                parts[kept] = start..<write
                kept += 1
            }
        }
        normalized.removeLast(normalized.count - write)
        parts.removeLast(parts.count - kept)
    }

    /// French elision (l'avion → avion, jusqu’à → à), English possessive
    /// (customer's → customer), Turkish proper-noun suffixes (iPhone'unuz →
    /// iPhone). Other apostrophes are simply removed (don't → dont).
    private mutating func applyApostropheRules() {
        switch language {
        case .french:
            let part = parts[0]
            if let index = normalized[part].firstIndex(of: Self.apostrophe),
               Self.elisions.firstIndex(of: normalized[part.lowerBound..<index]) != nil {
                parts[0] = (index + 1)..<part.upperBound
            }
        case .english:
            let part = parts[parts.count - 1]
            if part.count >= 2, normalized[part.upperBound - 2] == Self.apostrophe, normalized[part.upperBound - 1] == 0x73 {
                parts[parts.count - 1] = part.lowerBound..<(part.upperBound - 2)
            }
        case .turkish:
            for index in parts.indices {
                guard let position = normalized[parts[index]].firstIndex(of: Self.apostrophe) else { continue }
                parts[index] = parts[index].lowerBound..<position
                parts.removeSubrange((index + 1)...)
                break
            }
        default:
            break
        }
    }

    private func isStandaloneClitic(_ word: ArraySlice<UInt32>, script: WordScript) -> Bool {
        switch script {
        case .arabic: ArabicStemmer.isStandaloneClitic(word)
        case .hebrew: HebrewPrefixes.isStandaloneCluster(word)
        default: false
        }
    }

    // MARK: - Stemming

    /// Which stemmer applies: English, French or Turkish to Latin words of
    /// a–z (Turkish also ç ğ ı ö ş ü), Arabic and Hebrew to words in their
    /// script. Other words are only normalized.
    private func stemmer(for word: ArraySlice<UInt32>, script: WordScript) -> Analyzer.Language? {
        switch (language, script) {
        case (.english, .other), (.french, .other):
            return word.allSatisfy { $0 >= 0x61 && $0 <= 0x7A } ? language : nil
        case (.turkish, .other):
            return word.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ScalarNormalizer.isTurkishLetter($0) } ? language : nil
        case (.arabic, .arabic), (.hebrew, .hebrew):
            return language
        default:
            return nil
        }
    }

    /// Adds the terms of a normalized word or word part, primary first.
    private mutating func addStems(_ word: ArraySlice<UInt32>, script: WordScript) {
        guard word.count <= Analyzer.maximumTermLength else { return }
        scratch.clear()
        scratch.append(contentsOf: word)
        switch stemmer(for: word, script: script) {
        case .english:
            EnglishStemmer.stem(&scratch)
            terms.add(scratch[...])
        case .french:
            FrenchStemmer.stem(&scratch)
            terms.add(scratch[...])
        case .turkish:
            TurkishStemmer.stem(&scratch, buffered3sg: true)
            ScalarNormalizer.foldTurkish(&scratch)
            terms.add(scratch[...])
            scratch.clear()
            scratch.append(contentsOf: word)
            TurkishStemmer.stem(&scratch, buffered3sg: false)
            ScalarNormalizer.foldTurkish(&scratch)
            terms.add(scratch[...])
        case .arabic:
            ArabicStemmer.stems(word, into: &terms, scratch: &scratch)
        case .hebrew:
            HebrewPrefixes.terms(word, into: &terms)
        default:
            if language == .turkish { ScalarNormalizer.foldTurkish(&scratch) }
            terms.add(scratch[...])
        }
    }

    // MARK: - Query completion

    /// For the word a query's user is still typing: the word as typed, without
    /// a typed Arabic article, and its completions; then the terms that another
    /// term covers as a prefix are removed.
    private mutating func addPrefixTerms(_ whole: Range<Int>, script: WordScript) {
        scratch.clear()
        scratch.append(contentsOf: normalized[whole])
        if language == .turkish { ScalarNormalizer.foldTurkish(&scratch) }
        terms.add(scratch[...])
        if language == .arabic, script == .arabic, let stripped = ArabicStemmer.withoutTypedArticle(normalized[whole]) {
            terms.add(stripped)
        }
        addCompletions(normalized[whole], script: script)
        terms.removeCoveredPrefixes()
    }

    /// The stems of `word` completed with each suffix its stemmer removes, where
    /// the word may end with the beginning of that suffix ("refundi" + "ng").
    private mutating func addCompletions(_ word: ArraySlice<UInt32>, script: WordScript) {
        let suffixes: [[UInt32]]
        switch stemmer(for: word, script: script) {
        case .english: suffixes = EnglishStemmer.completions
        case .french: suffixes = FrenchStemmer.completions
        case .turkish: suffixes = TurkishStemmer.completions
        case .arabic: suffixes = ArabicStemmer.completions
        default: return
        }
        for suffix in suffixes {
            for typed in 0..<suffix.count where word.count >= typed && word.suffix(typed).elementsEqual(suffix[..<typed]) {
                candidate.clear()
                candidate.append(contentsOf: word)
                candidate.append(contentsOf: suffix[typed...])
                addStems(candidate[...], script: script)
            }
        }
    }
}
