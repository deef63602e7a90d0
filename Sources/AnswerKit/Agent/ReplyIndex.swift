/// The replies of a bundle analysed for search: the one index behind `answerkit
/// reply`, the MCP `search_replies` tool and the agent console.
///
/// The console builds the same index in JavaScript (`templates/agent/replies.js`,
/// `createIndex`) and ranks with the same arithmetic in the same order, so the
/// two give identical scores (`Tests/CLITests/ReplyCLITests.swift` runs both
/// over one bundle). What is indexed, per reply, with `Analyzer(locale:)` of
/// the reply's locale (every form of every word, as the site index does):
///
/// | field | weight |
/// | --- | --- |
/// | title (the entry's question) | 3 |
/// | tags, each analysed on its own | 2 |
/// | text, placeholders replaced by a space | 1 |
///
/// A term's frequency in a reply is the sum of the weights of the words that
/// have it (BM25F); the reply's length is the weighted word count. Each posting
/// stores its BM25 *impact*: `idf × tf × (k1 + 1) / (tf + k1 × (1 − b + b × len / avglen))`
/// with `idf = ln(1 + (N − df + 0.5) / (df + 0.5))`, over all replies indexed.
public struct ReplyIndex: Sendable {
    /// BM25 and matching constants, shared with `replies.js`.
    public enum Constants {
        public static let titleWeight = 3
        public static let tagWeight = 2
        public static let textWeight = 1
        public static let k1 = 1.2
        public static let b = 0.75
    }

    /// The replies, in the order given (a bundle's order: by id).
    public let replies: [SnippetBundle.Snippet]
    /// Every indexed term, sorted by UTF-8 bytes (code point order), for prefix search.
    let terms: [String]
    /// Position of each term in `terms`.
    let termNumbers: [String: Int]
    /// For each term: the replies that have it (ascending) and its impact in each.
    let postings: [[(reply: Int, impact: Double)]]

    /// Indexes `replies` (analysis of every title, tag and text: the slow part).
    public init(replies: [SnippetBundle.Snippet]) {
        self.replies = replies
        // Terms are numbered as they are first met, and renumbered in byte order at the end;
        // a reply's frequencies are summed in `frequency` (by term number) and then moved to
        // the terms' lists, so each occurrence of a term costs one dictionary lookup.
        var numbers: [String: Int] = [:]
        var met: [String] = []
        var lists: [[(reply: Int, tf: Int)]] = []
        var frequency: [Int] = []
        var touched: [Int] = []
        var lengths: [Int] = []
        lengths.reserveCapacity(replies.count)
        var sessions: [String: Analyzer.Session] = [:]
        for (position, reply) in replies.enumerated() {
            // Taken out of the dictionary while in use, so its cache is not copied on write.
            var session = sessions.removeValue(forKey: reply.locale) ?? Analyzer(locale: reply.locale).session()
            var length = 0
            func add(_ words: [[String]], weight: Int) {
                for word in words {
                    length += weight
                    for form in word {
                        let number: Int
                        if let known = numbers[form] {
                            number = known
                        } else {
                            number = met.count
                            numbers[form] = number
                            met.append(form)
                            lists.append([])
                            frequency.append(0)
                        }
                        if frequency[number] == 0 { touched.append(number) }
                        frequency[number] += weight
                    }
                }
            }
            add(session.analyze(reply.title), weight: Constants.titleWeight)
            for tag in reply.tags { add(session.analyze(tag), weight: Constants.tagWeight) }
            add(session.analyze(Placeholder.fill(reply.text) { _ in " " }), weight: Constants.textWeight)
            sessions[reply.locale] = session
            for number in touched {
                lists[number].append((position, frequency[number]))
                frequency[number] = 0
            }
            touched.removeAll(keepingCapacity: true)
            lengths.append(length)
        }
        let order = met.indices.sorted { met[$0].utf8.lexicographicallyPrecedes(met[$1].utf8) }
        var rank = [Int](repeating: 0, count: order.count)
        for (sorted, number) in order.enumerated() { rank[number] = sorted }
        for index in numbers.indices { numbers.values[index] = rank[numbers.values[index]] }
        terms = order.map { met[$0] }
        termNumbers = numbers
        // Integer sums are exact, so the average is the same double in JavaScript.
        let count = replies.count
        let averageLength = count == 0 ? 1 : Double(lengths.reduce(0, +)) / Double(count)
        postings = order.map { number in
            let list = lists[number]
            let idf = ReplyIndex.naturalLog(1 + (Double(count - list.count) + 0.5) / (Double(list.count) + 0.5))
            return list.map { reply, tf in
                (reply, ReplyIndex.impact(tf: Double(tf), length: Double(lengths[reply]), averageLength: averageLength, idf: idf))
            }
        }
    }

    /// BM25 of one term in one reply. The operations and their order are those
    /// of `replies.js`: IEEE doubles then round identically in both languages.
    static func impact(tf: Double, length: Double, averageLength: Double, idf: Double) -> Double {
        let norm = Constants.k1 * (1 - Constants.b + Constants.b * length / averageLength)
        return idf * (tf * (Constants.k1 + 1)) / (tf + norm)
    }

    /// The natural logarithm of `x` ≥ 1, from + − × ÷ only.
    ///
    /// Hand-written rather than Foundation's `log`: the C library and JavaScript
    /// engines may round `log` differently in the last bit, and the console must
    /// reproduce these scores exactly. Halving is exact, so `x = m × 2^k` with m in
    /// [1, 2); then `ln m = 2 atanh(s)`, `s = (m − 1)/(m + 1)` < 1/3, summed to 12
    /// terms (error below 1e-12, far under any score difference that matters).
    static func naturalLog(_ x: Double) -> Double {
        var m = x
        var k = 0
        while m >= 2 {
            m /= 2
            k += 1
        }
        let s = (m - 1) / (m + 1)
        let s2 = s * s
        var term = s
        var sum = 0.0
        for i in 0..<12 {
            sum += term / Double(2 * i + 1)
            term *= s2
        }
        return 2 * sum + Double(k) * 0.6931471805599453
    }

    /// The positions in `terms` of the terms that start with `prefix` (code points).
    func terms(startingWith prefix: String) -> Range<Int> {
        let key = Array(prefix.utf8)
        var low = 0, high = terms.count
        while low < high {
            let mid = (low + high) / 2
            if terms[mid].utf8.lexicographicallyPrecedes(key) { low = mid + 1 } else { high = mid }
        }
        var end = low
        while end < terms.count, terms[end].utf8.starts(with: key) { end += 1 }
        return low..<end
    }
}
