/// Turns text into search terms, one list of terms per word.
///
/// The same analysis runs in the browser (`templates/assets/analyzer.js`); the
/// shared vectors in `Tests/Fixtures/analysis/` keep the two identical. The
/// pipeline, per locale, and what a search client does with the terms are
/// described in `README.md` beside this file.
public struct Analyzer: Sendable {
    /// The languages with specific rules.
    public enum Language: String, Sendable, CaseIterable {
        case english = "en", french = "fr", turkish = "tr", arabic = "ar", hebrew = "he"
        /// Normalization and tokenization only, for every other locale.
        case generic = ""

        /// The language of a locale code: its language subtag, case-insensitive
        /// (`fr-CA` and `FR_ca` are French; `iw` is the old code for Hebrew).
        public init(locale: String) {
            let code = locale.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
            self = code == "iw" ? .hebrew : code.isEmpty ? .generic : Language(rawValue: code) ?? .generic
        }
    }

    /// Terms longer than this many scalars are not indexed (nor a word whose
    /// normalized form is longer): they are base64 blobs or runaway input,
    /// never something a person types.
    public static let maximumTermLength = 64

    public let language: Language

    /// An analyzer for a locale code such as `en`, `fr-CA` or `ar`; unknown
    /// locales get the generic analyzer.
    public init(locale: String) {
        language = Language(locale: locale)
    }

    /// The index terms of `text`: one element per word, in order, each the
    /// word's terms with the primary (fully normalized, stemmed) form first and
    /// then alternates (Arabic and Hebrew readings without attached prefixes or
    /// pronouns, the whole and the parts of compounds), without duplicates.
    /// Words that normalize to nothing (punctuation, emoji, lone marks) are
    /// dropped. No stopwords are removed.
    public func analyze(_ text: String) -> [[String]] {
        run(text, query: false)
    }

    /// The terms of a query: as `analyze`, except that when the text ends inside
    /// a word (the user is still typing it), that last word also gets the word
    /// as typed (normalized, not stemmed) and the stems of the word completed
    /// with each suffix its stemmer removes ("refundi" → "refund" from
    /// "refunding"), and loses the terms another of its terms is a prefix of.
    /// A client matches the last word's terms as prefixes of index terms and the
    /// other words' terms exactly (see README.md).
    public func analyzeQuery(_ text: String) -> [[String]] {
        run(text, query: true)
    }

    private func run(_ text: String, query: Bool) -> [[String]] {
        var session = Session(analyzer: self, query: query)
        return session.run(text)
    }

    /// Analyzes many texts with one cache of the terms of plain words (up to
    /// 50 000 of them, a few megabytes), which makes an index build two to
    /// three times faster than separate `analyze` calls: a knowledge base
    /// repeats its vocabulary. The results are the same. A session is a
    /// mutable value for one thread (or task) at a time: make one per worker,
    /// or share an `Analyzer.Pool` between threads.
    ///
    ///     var session = Analyzer(locale: "ar").session()
    ///     let terms = entries.map { session.analyze($0.body) }
    public struct Session: Sendable {
        private var tokenizer: Tokenizer<WordAnalyzer>

        init(analyzer: Analyzer, query: Bool) {
            tokenizer = Tokenizer(sink: WordAnalyzer(language: analyzer.language, query: query))
        }

        /// The same as `Analyzer.analyze(_:)`.
        public mutating func analyze(_ text: String) -> [[String]] {
            run(text)
        }

        mutating func run(_ text: String) -> [[String]] {
            tokenizer.sink.reset(expectedBytes: text.utf8.count)
            TextPreparation.feed(text, into: &tokenizer)
            tokenizer.finishText()
            let output = tokenizer.sink.output
            tokenizer.sink.output = []
            return output
        }
    }

    /// A session for analyzing many texts (index build).
    public func session() -> Session {
        Session(analyzer: self, query: false)
    }
}
