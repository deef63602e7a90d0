@testable import AnswerKit
import Dispatch
import Testing

/// Properties of the analyzer over the vector inputs and a pseudo-random mixed-script corpus.
@Suite struct AnalysisPropertyTests {
    static let locales = ["en", "fr", "tr", "ar", "he", "xx"]

    /// Vector inputs plus generated strings (including one of 10 000 characters).
    static let corpus: [String] = {
        var texts = AnalysisVectors.all.map(\.input)
        var generator = Generator(seed: 42)
        for _ in 0..<300 { texts.append(generator.text(length: generator.next(60))) }
        texts.append(generator.text(length: 10_000))
        return texts
    }()

    @Test func corpusIsNotEmpty() {
        #expect(Self.corpus.count > 300)
    }

    /// Preparing prepared text changes nothing the analyzer can see (NFKC may
    /// leave a symbol, such as the fraction slash of ½ → 1⁄2, that a second pass
    /// turns into a space: both separate words).
    @Test(arguments: locales)
    func preparationIsIdempotent(locale: String) {
        let analyzer = Analyzer(locale: locale)
        for text in Self.corpus {
            #expect(analyzer.analyze(TextPreparation.prepare(text)) == analyzer.analyze(text), "\(text.prefix(60))")
        }
    }

    @Test(arguments: [false, true])
    func normalizationIsIdempotent(turkish: Bool) {
        for text in Self.corpus {
            for word in RawWord.words(in: text) {
                for segment in word.segments {
                    let once = ScalarNormalizer.normalize(segment, turkish: turkish)
                    #expect(ScalarNormalizer.normalize(once, turkish: turkish) == once, "\(segment.string)")
                }
            }
        }
    }

    @Test(arguments: locales)
    func termsAreNonEmptyDistinctAndBounded(locale: String) {
        let analyzer = Analyzer(locale: locale)
        for text in Self.corpus {
            for words in [analyzer.analyze(text), analyzer.analyzeQuery(text)] {
                for terms in words {
                    #expect(!terms.isEmpty)
                    #expect(Set(terms).count == terms.count, "duplicate in \(terms)")
                    #expect(terms.allSatisfy { !$0.isEmpty && $0.unicodeScalars.count <= Analyzer.maximumTermLength })
                }
            }
        }
    }

    /// A session's word cache changes nothing: each text gets what a separate
    /// `analyze` call gives, whatever came before it.
    @Test(arguments: locales)
    func sessionsMatchSeparateCalls(locale: String) {
        let analyzer = Analyzer(locale: locale)
        var session = analyzer.session()
        for text in Self.corpus + Self.corpus.reversed() {
            #expect(session.analyze(text) == analyzer.analyze(text), "\(text.prefix(60))")
        }
    }

    /// A pool shared by threads gives each text what `analyze` gives.
    @Test func poolsMatchSeparateCallsAcrossThreads() {
        let pool = Analyzer.Pool(Analyzer(locale: "ar"))
        let texts = Self.corpus
        let mismatches = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 4) { round in
            for text in round % 2 == 0 ? texts : texts.reversed() where pool.analyze(text) != pool.analyzer.analyze(text) {
                mismatches.withLock { $0 += 1 }
            }
        }
        #expect(mismatches.withLock { $0 } == 0)
    }

    /// A query is the index analysis, except that the last word, when still being
    /// typed, gains prefix terms and may drop index terms another term covers.
    @Test(arguments: locales)
    func queryExtendsTheIndexTerms(locale: String) {
        let analyzer = Analyzer(locale: locale)
        for text in Self.corpus {
            let index = analyzer.analyze(text)
            let query = analyzer.analyzeQuery(text)
            #expect(index.count == query.count, "\(text.prefix(60))")
            guard index.count == query.count, let last = index.last, let lastQuery = query.last else { continue }
            #expect(Array(index.dropLast()) == Array(query.dropLast()))
            #expect(last[0] == lastQuery[0])
            for term in last {
                #expect(lastQuery.contains { term.hasPrefix($0) }, "\(term) not covered by \(lastQuery)")
            }
        }
    }

    /// While the last letters of a word are typed, a prefix match of the query
    /// still finds the word's index terms: results do not vanish mid-word.
    @Test(arguments: ["en", "fr", "tr", "ar", "he"])
    func typingAWordKeepsItFindable(locale: String) {
        let analyzer = Analyzer(locale: locale)
        let words = AnalysisVectors.all
            .filter { Analyzer(locale: $0.locale).language == analyzer.language && $0.query != true }
            .flatMap { $0.input.split(separator: " ") }
            .map(String.init)
            .filter { $0.unicodeScalars.count >= 3 && $0.unicodeScalars.allSatisfy(\.properties.isAlphabetic) }
            .filter { analyzer.analyze($0).count == 1 }
        #expect(words.count > 20)
        for word in Set(words) {
            let indexTerms = analyzer.analyze(word)[0]
            let scalars = Array(word.unicodeScalars)
            for length in max(3, scalars.count - 3)...scalars.count {
                let typed = String(String.UnicodeScalarView(scalars[..<length]))
                let query = analyzer.analyzeQuery(typed)
                let found = query.last.map { terms in indexTerms.contains { term in terms.contains { term.hasPrefix($0) } } }
                #expect(found == true, "\(word): typing \(typed) gives \(query), index has \(indexTerms)")
            }
        }
    }
}

/// A deterministic generator of mixed-script text (linear congruential).
struct Generator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(max(bound, 1)))
    }

    static let pools: [[String]] = [
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".map(String.init),
        "0123456789".map(String.init),
        "'’ʼ-‐._,@#\":/?!;()&*+=$%".map(String.init) + ["\u{05F3}", "\u{05F4}", "\u{05BE}", "\u{066B}"],
        [" ", " ", "\t", "\n", "\u{00A0}", "\u{3000}"],
        "İIıiŞşĞğÇçÖöÜüâéèêçàœæÉŒß".map(String.init),
        (0x0621...0x0655).map { String(UnicodeScalar($0)!) } + "٠١٩۰۹ـکیۀٱ،؟".map(String.init),
        (0x05D0...0x05EA).map { String(UnicodeScalar($0)!) } + (0x0591...0x05C7).map { String(UnicodeScalar($0)!) },
        ["👍", "🏽", "🎉", "❤", "\u{FE0F}", "\u{200D}", "\u{20E3}", "Ⓜ", "ℹ", "™", "½", "²", "①", "ﬁ", "Ａ", "𝐑", "ｶ", "ﾞ",
         "Σ", "Ά", "Й", "注", "を", "\u{0301}", "\u{200F}", "\u{00AD}", "ﻻ", "ᄀ", "ᅡ", "ǅ"],
    ]

    mutating func text(length: Int) -> String {
        var text = ""
        while text.unicodeScalars.count < length {
            let pool = Self.pools[next(Self.pools.count)]
            for _ in 0...next(6) { text += pool[next(pool.count)] }
        }
        return text
    }
}
