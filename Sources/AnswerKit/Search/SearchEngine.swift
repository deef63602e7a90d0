import Foundation

/// One ranked result.
public struct SearchHit: Sendable, Equatable {
    public var id: String
    public var locale: String
    public var title: String
    public var url: String
    public var category: String
    public var excerpt: String
    public var score: Double
    /// The document number within the locale's index.
    public var doc: Int

    /// A score as printed by `answerkit search` (four decimals).
    public static func format(_ score: Double) -> String {
        String(format: "%.4f", score)
    }
}

/// Queries a built index exactly as the browser client does (templates/assets/search.js):
/// the same files fetched in the same order, the same arithmetic, the same tie-breaks,
/// so that `answerkit search` and the site rank identically. See FORMAT.md.
public final class SearchEngine {
    public enum Failure: Error, CustomStringConvertible {
        case missing(String)
        case malformed(String)

        public var description: String {
            switch self {
            case let .missing(path): "no search index at \(path) (run 'answerkit build' first)"
            case let .malformed(path): "\(path) is not a search index file of this AnswerKit version"
            }
        }
    }

    typealias Shard = (terms: [String], postings: [[Int]])

    public let locale: String
    private let read: (String) -> Data?
    private let analyzer: Analyzer
    private let boundaries: [String]
    private let chunk: Int
    private var shards: [Int: Shard] = [:]
    private var chunks: [Int: [[String]]] = [:]
    /// Paths of the files read so far (what a browser would have downloaded).
    public private(set) var fetched: [String] = []

    /// Opens the index of `locale`; `read` returns a file of the output folder by relative path.
    public init(locale: String, read: @escaping (String) -> Data?) throws(Failure) {
        self.locale = locale
        self.read = read
        analyzer = Analyzer(locale: locale)
        let path = "search/\(locale)/manifest.json"
        guard let data = read(path) else { throw .missing(path) }
        fetched.append(path)
        guard let manifest = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
            manifest["version"] as? Int == SearchIndexFormat.version,
            let shards = manifest["shards"] as? [String], let chunk = manifest["chunk"] as? Int, chunk > 0
        else { throw .malformed(path) }
        boundaries = shards
        self.chunk = chunk
    }

    /// Opens the index of `locale` in a built site folder.
    public convenience init(locale: String, site: URL) throws(Failure) {
        try self.init(locale: locale) { FileManager.default.contents(atPath: site.appendingPathComponent($0).path) }
    }

    /// The best `limit` entries for `query`, best first.
    public func search(_ query: String, limit: Int = 10) throws(Failure) -> [SearchHit] {
        let words = Array(analyzer.analyzeQuery(query).prefix(SearchIndexFormat.maximumQueryWords))
        guard !words.isEmpty, !boundaries.isEmpty, limit > 0 else { return [] }
        let prefixMode = !(query.utf16.last.map(SearchEngine.isJavaScriptSpace) ?? true)
        var totals: [Int: Double] = [:]
        var matched: [Int: Int] = [:]
        for (position, forms) in words.enumerated() {
            let candidates = try candidates(forms, prefix: prefixMode && position == words.count - 1)
            var best: [Int: Double] = [:]
            for (term, weight) in candidates {
                guard let postings = try postings(of: term) else { continue }
                var doc = 0
                var index = 0
                while index + 1 < postings.count {
                    doc += postings[index]
                    let score = Double(postings[index + 1]) * weight
                    if score > best[doc] ?? 0 { best[doc] = score }
                    index += 2
                }
            }
            for (doc, score) in best {
                totals[doc, default: 0] += score
                matched[doc, default: 0] += 1
            }
        }
        let count = Double(words.count * words.count)
        let ranked = totals.map { doc, total in (doc, total * Double(matched[doc]! * matched[doc]!) / count) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            .prefix(limit)
        var hits: [SearchHit] = []
        for (doc, score) in ranked {
            let record = try display(doc)
            guard record.count >= 5 else { throw .malformed("search/\(locale)/d\(doc / chunk).json") }
            hits.append(SearchHit(id: record[0], locale: locale, title: record[1], url: record[2], category: record[3], excerpt: record[4], score: score, doc: doc))
        }
        return hits
    }

    /// JavaScript's `\s`: the client decides prefix mode with `/\s/` on the last UTF-16 unit.
    static func isJavaScriptSpace(_ unit: UInt16) -> Bool {
        switch unit {
        case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: true
        default: false
        }
    }

    // MARK: - Terms

    /// Index terms that match one query word, with their weights (highest kept per term), in a fixed order.
    func candidates(_ forms: [String], prefix: Bool) throws(Failure) -> [(String, Double)] {
        var weights: [String: Double] = [:]
        var order: [String] = []
        func add(_ term: String, _ weight: Double) {
            if let known = weights[term] {
                if weight > known { weights[term] = weight }
            } else {
                weights[term] = weight
                order.append(term)
            }
        }
        var exact = false
        for (position, form) in forms.enumerated() where try contains(form) {
            add(form, position == 0 ? 1 : SearchIndexFormat.alternateWeight)
            exact = true
        }
        let primary = forms[0]
        if prefix, primary.utf16.count >= SearchIndexFormat.minimumPrefix {
            let first = shardIndex(primary)
            let last = min(shardIndex(primary + "\u{FFFF}"), first + SearchIndexFormat.maximumPrefixShards - 1)
            var found = 0
            scan: for number in first...last {
                let shard = try shard(number)
                var index = lowerBound(shard.terms, primary)
                while index < shard.terms.count {
                    let term = shard.terms[index]
                    guard term.utf16.starts(with: primary.utf16) else { break scan }
                    if term != primary {
                        add(term, SearchIndexFormat.prefixWeight)
                        found += 1
                        if found >= SearchIndexFormat.maximumPrefixTerms { break scan }
                    }
                    index += 1
                }
            }
        }
        if !exact, primary.unicodeScalars.count >= SearchIndexFormat.minimumFuzzy {
            let target = Array(primary.unicodeScalars)
            for number in fuzzyShards(primary) {
                for term in try shard(number).terms where SearchEngine.isOneEdit(Array(term.unicodeScalars), target) {
                    add(term, SearchIndexFormat.fuzzyWeight)
                }
            }
        }
        return order.map { ($0, weights[$0]!) }
    }

    func contains(_ term: String) throws(Failure) -> Bool {
        let shard = try shard(shardIndex(term))
        let index = lowerBound(shard.terms, term)
        return index < shard.terms.count && shard.terms[index] == term
    }

    func postings(of term: String) throws(Failure) -> [Int]? {
        let shard = try shard(shardIndex(term))
        let index = lowerBound(shard.terms, term)
        return index < shard.terms.count && shard.terms[index] == term ? shard.postings[index] : nil
    }

    /// Shards that may hold terms one edit from `word`: its own, and a neighbour when
    /// the boundary between them shares the word's first two UTF-16 units.
    func fuzzyShards(_ word: String) -> [Int] {
        let number = shardIndex(word)
        let head = Array(word.utf16.prefix(2))
        func sharesHead(_ boundary: String) -> Bool { Array(boundary.utf16.prefix(2)) == head }
        var list: [Int] = []
        if number > 0, sharesHead(boundaries[number]) { list.append(number - 1) }
        list.append(number)
        if number + 1 < boundaries.count, sharesHead(boundaries[number + 1]) { list.append(number + 1) }
        return list
    }

    /// The shard whose first term is the last one not after `term`.
    func shardIndex(_ term: String) -> Int {
        var low = 0, high = boundaries.count
        while low < high {
            let middle = (low + high) / 2
            if SearchIndexFormat.precedes(term, boundaries[middle]) { high = middle } else { low = middle + 1 }
        }
        return max(low - 1, 0)
    }

    func lowerBound(_ terms: [String], _ term: String) -> Int {
        var low = 0, high = terms.count
        while low < high {
            let middle = (low + high) / 2
            if SearchIndexFormat.precedes(terms[middle], term) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// True when `a` becomes `b` by exactly one insertion, deletion, substitution or
    /// transposition of neighbours (optimal string alignment distance 1).
    static func isOneEdit(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Bool {
        if a == b || abs(a.count - b.count) > 1 { return false }
        var i = 0
        while i < a.count, i < b.count, a[i] == b[i] { i += 1 }
        if a.count == b.count {
            if a[(i + 1)...] == b[(i + 1)...] { return true }
            return i + 1 < a.count && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)...] == b[(i + 2)...]
        }
        return a.count > b.count ? a[(i + 1)...] == b[i...] : a[i...] == b[(i + 1)...]
    }

    // MARK: - Files

    func shard(_ number: Int) throws(Failure) -> Shard {
        if let shard = shards[number] { return shard }
        let path = "search/\(locale)/t\(number).json"
        guard let data = read(path) else { throw .missing(path) }
        fetched.append(path)
        guard let rows = (try? JSONSerialization.jsonObject(with: data)) as? [[Any]] else { throw .malformed(path) }
        var shard: Shard = ([], [])
        shard.terms.reserveCapacity(rows.count)
        for row in rows {
            guard row.count == 2, let term = row[0] as? String, let postings = row[1] as? [Int] else { throw .malformed(path) }
            shard.terms.append(term)
            shard.postings.append(postings)
        }
        shards[number] = shard
        return shard
    }

    func display(_ doc: Int) throws(Failure) -> [String] {
        let number = doc / chunk
        if chunks[number] == nil {
            let path = "search/\(locale)/d\(number).json"
            guard let data = read(path) else { throw .missing(path) }
            fetched.append(path)
            guard let records = (try? JSONSerialization.jsonObject(with: data)) as? [[String]] else { throw .malformed(path) }
            chunks[number] = records
        }
        let records = chunks[number]!
        guard doc % chunk < records.count else { throw .malformed("search/\(locale)/d\(number).json") }
        return records[doc % chunk]
    }
}
