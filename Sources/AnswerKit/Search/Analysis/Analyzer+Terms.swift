extension Analyzer {
    typealias Scalars = [Unicode.Scalar]

    /// The terms of one word; empty when the word is dropped. `completing`: the
    /// word is the unfinished last word of a query.
    func terms(for word: RawWord, completing: Bool) -> [Scalars] {
        var segments = word.segments.map { ScalarNormalizer.normalize($0, turkish: language == .turkish) }
        resolveApostrophes(&segments, script: word.script)
        segments.removeAll { $0.isEmpty }
        guard let first = segments.first else { return [] }
        if word.attachedToNext, segments.count == 1, isStandaloneClitic(first, script: word.script) { return [] }

        let whole = segments.count == 1 ? first : Array(segments.joined())
        var terms: [Scalars] = []
        func add(_ candidates: [Scalars]) {
            for candidate in candidates where !candidate.isEmpty && !terms.contains(candidate) {
                terms.append(candidate)
            }
        }
        add(stems(whole, script: word.script))
        if segments.count > 1 {
            // Compounds are found by their parts too; one-letter parts (U.S.A,
            // e-mail) would only add noise.
            for segment in segments where segment.count > 1 { add(stems(segment, script: word.script)) }
        }
        if completing, whole.count <= Self.maximumTermLength {
            add([fold(whole)])
            add(completions(of: whole, script: word.script))
            terms = withoutCoveredPrefixes(terms)
        }
        return terms
    }

    // MARK: - Apostrophes and clitics

    /// Language rules for apostrophes inside Latin-script words, then removes
    /// every apostrophe and Hebrew quote: French elision (l'avion → avion,
    /// jusqu’à → à), English possessive (customer's → customer), Turkish proper
    /// noun suffixes (iPhone'unuz → iPhone); elsewhere don't → dont, צ'יפס → ציפס.
    func resolveApostrophes(_ segments: inout [Scalars], script: WordScript) {
        let apostrophe = Tokenizer.apostrophe
        if script == .other {
            switch language {
            case .french:
                if let index = segments[0].firstIndex(of: apostrophe),
                   Self.elisions.contains(Array(segments[0][..<index])) {
                    segments[0].removeFirst(index + 1)
                }
            case .english:
                let last = segments.count - 1
                if segments[last].hasSuffix([apostrophe, "s"]) { segments[last].removeLast(2) }
            case .turkish:
                if let part = segments.firstIndex(where: { $0.contains(apostrophe) }) {
                    let index = segments[part].firstIndex(of: apostrophe)!
                    segments[part].removeSubrange(index...)
                    segments.removeSubrange((part + 1)...)
                }
            default:
                break
            }
        }
        for index in segments.indices {
            segments[index].removeAll { $0 == apostrophe || $0 == Tokenizer.hebrewQuote }
        }
    }

    /// French elided words (Lucene's FrenchAnalyzer list).
    static let elisions: Set<Scalars> = Set(
        "l m t qu n s j d c jusqu quoiqu lorsqu puisqu".split(separator: " ").map { Array($0.unicodeScalars) }
    )

    func isStandaloneClitic(_ word: Scalars, script: WordScript) -> Bool {
        switch script {
        case .arabic: return ArabicStemmer.standaloneClitics.contains(word)
        case .hebrew: return HebrewPrefixes.isStandaloneCluster(word)
        default: return false
        }
    }

    // MARK: - Stemming

    /// The terms of a normalized word or word part, primary first.
    func stems(_ word: Scalars, script: WordScript) -> [Scalars] {
        guard word.count <= Self.maximumTermLength else { return [] }
        switch (language, script) {
        case (.english, .other) where word.allSatisfy(Self.isASCIILetter):
            return [EnglishStemmer.stem(word)]
        case (.french, .other) where word.allSatisfy(Self.isASCIILetter):
            return [FrenchStemmer.stem(word)]
        case (.turkish, .other) where word.allSatisfy(Self.isTurkishLetter):
            return TurkishStemmer.stems(word).map(ScalarNormalizer.foldTurkish)
        case (.arabic, .arabic):
            return ArabicStemmer.stems(word)
        case (.hebrew, .hebrew):
            return HebrewPrefixes.terms(word)
        default:
            return [fold(word)]
        }
    }

    /// Turkish keeps ç ğ ı ö ş ü through stemming; every term is folded.
    func fold(_ word: Scalars) -> Scalars {
        language == .turkish ? ScalarNormalizer.foldTurkish(word) : word
    }

    static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) }

    static func isTurkishLetter(_ scalar: Unicode.Scalar) -> Bool {
        isASCIILetter(scalar) || ScalarNormalizer.turkishLetters.contains(scalar)
    }

    // MARK: - Query completion

    /// The stems of `word` completed with each suffix its stemmer removes, where
    /// the word may end with the beginning of that suffix ("refundi" + "ng").
    func completions(of word: Scalars, script: WordScript) -> [Scalars] {
        let suffixes: [Scalars]
        switch (language, script) {
        case (.english, .other) where word.allSatisfy(Self.isASCIILetter):
            suffixes = EnglishStemmer.completions.map { Array($0.unicodeScalars) }
        case (.french, .other) where word.allSatisfy(Self.isASCIILetter):
            suffixes = FrenchStemmer.completions.map { Array($0.unicodeScalars) }
        case (.turkish, .other) where word.allSatisfy(Self.isTurkishLetter):
            suffixes = TurkishStemmer.completions
        case (.arabic, .arabic):
            suffixes = ArabicStemmer.completions
        default:
            return []
        }
        var result: [Scalars] = []
        for suffix in suffixes {
            for typed in 0..<suffix.count where word.hasSuffix(Array(suffix[..<typed])) {
                result.append(contentsOf: stems(word + suffix[typed...], script: script))
            }
        }
        return result
    }

    /// The terms without those that another term is a proper prefix of (a
    /// prefix match on the shorter term finds them too); the primary stays.
    func withoutCoveredPrefixes(_ terms: [Scalars]) -> [Scalars] {
        terms.enumerated().compactMap { index, term in
            let covered = index > 0 && terms.contains { $0.count < term.count && term.starts(with: $0) }
            return covered ? nil : term
        }
    }
}
