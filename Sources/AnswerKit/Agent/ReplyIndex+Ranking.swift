/// Which replies a search may return.
public struct ReplyFilter: Sendable, Equatable {
    /// Only this locale, or every one.
    public var locale: String?
    /// Only replies written for this channel or for `any`, or every one.
    public var channel: String?
    /// Only this kind (`answer`, `acknowledge`…), or every one.
    public var kind: String?

    public init(locale: String? = nil, channel: String? = nil, kind: String? = nil) {
        self.locale = locale
        self.channel = channel
        self.kind = kind
    }

    /// Whether `reply` passes the filter.
    public func allows(_ reply: SnippetBundle.Snippet) -> Bool {
        (locale.map { reply.locale == $0 } ?? true)
            && (channel.map { reply.channel == $0 || reply.channel == Channel.anyName } ?? true)
            && (kind.map { reply.kind == $0 } ?? true)
    }
}

/// Ranking a query against the index, as `rankReplies` in `templates/agent/replies.js`.
///
/// The query is analysed with `Analyzer.analyzeQuery` of each locale searched
/// (at most 12 words), and every reply is scored against its own locale's words:
///
/// 1. A word's candidates are index terms with a weight: each of its forms
///    found in the index (the primary 1, alternates 0.9); for the last word,
///    unless the query ends in a space (search as you type), every term that a
///    form of 2 or more code points is a proper prefix of (0.7); and when no form
///    was found and the primary has 5 or more code points, every term one edit
///    away (insertion, deletion, substitution or swap of neighbours; 0.5).
/// 2. A reply's score for a word is its best `impact × weight` over the candidates;
///    its total is the sum over words, in query order.
/// 3. Score = total × matched² / words², times 0.9 for replies that are not an
///    `answer` (an acknowledgement or a request for a DM matches the same
///    question, but the answer is what the agent usually wants): replies that
///    match every word come first.
/// 4. Ties: `answer` replies first, then the reply's position in the bundle.
extension ReplyIndex {
    /// The weights and limits of matching (mirrored at the top of `replies.js`).
    public enum Matching {
        public static let alternateWeight = 0.9
        public static let prefixWeight = 0.7
        public static let fuzzyWeight = 0.5
        public static let minimumPrefix = 2
        public static let minimumFuzzy = 5
        public static let maximumQueryWords = 12
        /// The factor of every reply whose kind is not `answer`.
        public static let otherKindWeight = 0.9
    }

    /// A reply found by a query.
    public struct Ranked: Sendable, Equatable {
        /// Position of the reply in `replies`.
        public var position: Int
        /// Higher is better; always > 0.
        public var score: Double
    }

    /// The replies passing `filter` that match `query`, best first.
    public func rank(_ query: String, filter: ReplyFilter = ReplyFilter()) -> [Ranked] {
        let prefixMode = !(query.utf16.last.map(SearchEngine.isJavaScriptSpace) ?? true)
        let answer = ReplyKind.answer.rawValue
        // Locales whose analysis of the query is the same are scored in one pass; each
        // allowed reply gets the number of its locale's group (-1: filtered out).
        var groups: [[[String]]] = []
        var groupOfLocale: [String: Int] = [:]
        var group = [Int](repeating: -1, count: replies.count)
        for (position, reply) in replies.enumerated() where filter.allows(reply) {
            if groupOfLocale[reply.locale] == nil {
                let words = Array(Analyzer(locale: reply.locale).analyzeQuery(query).prefix(Matching.maximumQueryWords))
                if words.isEmpty {
                    groupOfLocale[reply.locale] = -1
                } else if let existing = groups.firstIndex(of: words) {
                    groupOfLocale[reply.locale] = existing
                } else {
                    groupOfLocale[reply.locale] = groups.count
                    groups.append(words)
                }
            }
            group[position] = groupOfLocale[reply.locale]!
        }
        var ranked: [Ranked] = []
        var cache: [CandidateKey: [Int: Double]] = [:]  // candidates depend on the forms only, not the locale
        for (number, words) in groups.enumerated() {
            var totals: [Int: Double] = [:]
            var matched: [Int: Int] = [:]
            for (position, forms) in words.enumerated() {
                let key = CandidateKey(forms: forms, prefix: prefixMode && position == words.count - 1)
                let candidates = cache[key] ?? self.candidates(forms, prefix: key.prefix)
                cache[key] = candidates
                var best: [Int: Double] = [:]
                for (term, weight) in candidates {
                    for (reply, impact) in postings[term] where group[reply] == number {
                        let score = impact * weight
                        if score > best[reply] ?? 0 { best[reply] = score }
                    }
                }
                for (reply, score) in best {
                    totals[reply, default: 0] += score
                    matched[reply, default: 0] += 1
                }
            }
            let count = Double(words.count * words.count)
            for (reply, total) in totals {
                let k = matched[reply]!
                let score = total * Double(k * k) / count
                ranked.append(Ranked(position: reply, score: replies[reply].kind == answer ? score : score * Matching.otherKindWeight))
            }
        }
        return ranked.sorted {
            if $0.score != $1.score { return $0.score > $1.score }
            let answers = (replies[$0.position].kind == answer, replies[$1.position].kind == answer)
            if answers.0 != answers.1 { return answers.0 }
            return $0.position < $1.position
        }
    }

    private struct CandidateKey: Hashable {
        var forms: [String]
        var prefix: Bool
    }

    /// Whether `query` has any word to search for in `locale` (any locale when `nil`).
    public static func hasWords(_ query: String, locale: String?) -> Bool {
        !Analyzer(locale: locale ?? "").analyzeQuery(query).isEmpty
    }

    /// Index terms matching one query word, by term number, with their weights.
    func candidates(_ forms: [String], prefix: Bool) -> [Int: Double] {
        var weights: [Int: Double] = [:]
        func add(_ term: Int, _ weight: Double) {
            if weight > weights[term] ?? 0 { weights[term] = weight }
        }
        var exact = false
        for (position, form) in forms.enumerated() {
            if let term = termNumbers[form] {
                add(term, position == 0 ? 1 : Matching.alternateWeight)
                exact = true
            }
        }
        if prefix {
            for form in forms where form.unicodeScalars.count >= Matching.minimumPrefix {
                for term in terms(startingWith: form) where terms[term] != form { add(term, Matching.prefixWeight) }
            }
        }
        if !exact, let primary = forms.first, primary.unicodeScalars.count >= Matching.minimumFuzzy {
            let target = Array(primary.unicodeScalars)
            for (term, text) in terms.enumerated() where abs(text.unicodeScalars.count - target.count) <= 1 {
                if SearchEngine.isOneEdit(Array(text.unicodeScalars), target) { add(term, Matching.fuzzyWeight) }
            }
        }
        return weights
    }
}
