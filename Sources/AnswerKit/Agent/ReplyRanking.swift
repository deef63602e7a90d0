import Foundation

/// Orders replies by how well they answer a query: the one ranking behind the
/// MCP `search_replies` tool (and later `answerkit reply`).
///
/// A deliberately simple, isolated scorer until the site search's analyzers
/// are shared: `terms(_:locale:)` is the only text analysis here, and is meant
/// to be replaced by `Analyzer(locale:).analyze(_:)` (one list of alternative
/// forms per token, the same shape). Scoring: each distinct query term adds
/// the weight of the best field it matches (title 3, tag 2, reply text 1); a
/// term that is only a prefix of a word (3 characters or more) adds half; the
/// sum is scaled by the share of query terms matched, so replies matching every
/// word come first. Ties: `answer` replies first, then by id.
public enum ReplyRanking {
    /// A reply and its score (higher is better, always > 0).
    public struct Ranked: Sendable, Equatable {
        public var reply: SnippetBundle.Snippet
        public var score: Double
    }

    /// The replies matching `query`, best first.
    public static func rank(_ query: String, replies: [SnippetBundle.Snippet]) -> [Ranked] {
        var ranked: [Ranked] = []
        var queryTerms: [String: [[String]]] = [:]
        for reply in replies {
            let terms = queryTerms[reply.locale] ?? uniqued(terms(query, locale: reply.locale))
            queryTerms[reply.locale] = terms
            guard !terms.isEmpty else { return [] }
            let fields: [(weight: Double, words: [[String]])] = [
                (3, Self.terms(reply.title, locale: reply.locale)),
                (2, reply.tags.flatMap { Self.terms($0, locale: reply.locale) }),
                (1, Self.terms(Placeholder.fill(reply.text) { _ in " " }, locale: reply.locale)),
            ]
            var score = 0.0
            var matched = 0
            for term in terms {
                let best = fields.map { $0.weight * match(term, in: $0.words) }.max() ?? 0
                if best > 0 { matched += 1 }
                score += best
            }
            guard score > 0 else { continue }
            ranked.append(Ranked(reply: reply, score: score * Double(matched) / Double(terms.count)))
        }
        return ranked.sorted {
            if $0.score != $1.score { return $0.score > $1.score }
            let answers = ($0.reply.kind == ReplyKind.answer.rawValue, $1.reply.kind == ReplyKind.answer.rawValue)
            if answers.0 != answers.1 { return answers.0 }
            return $0.reply.id < $1.reply.id
        }
    }

    /// Tokens of `text`, each as its alternative forms. Here one form per token:
    /// lower case, combining marks removed after NFD (accents, Arabic harakat,
    /// Hebrew niqqud, the hamza of أ إ), tatweel dropped, split on anything that is
    /// not a letter or digit. `locale` is unused until the real analyzer lands.
    static func terms(_ text: String, locale: String) -> [[String]] {
        var words: [[String]] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if !current.isEmpty { words.append([String(current)]) }
            current = String.UnicodeScalarView()
        }
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            let properties = scalar.properties
            if properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark || scalar.value == 0x0640 {
                continue
            }
            if properties.isAlphabetic || properties.numericType != nil {
                current.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return words
    }

    /// 1 for a word with a shared form, 0.5 for a prefix of 3+ characters, else 0.
    private static func match(_ term: [String], in words: [[String]]) -> Double {
        var best = 0.0
        for word in words {
            for form in term {
                if word.contains(form) { return 1 }
                if form.count >= 3, word.contains(where: { $0.hasPrefix(form) }) { best = 0.5 }
            }
        }
        return best
    }

    private static func uniqued(_ terms: [[String]]) -> [[String]] {
        var seen = Set<[String]>()
        return terms.filter { seen.insert($0).inserted }
    }
}
