/// What the search index keeps of one published entry.
public struct SearchDocument: Sendable {
    /// The entry's `id` (shared by its translations).
    public var id: String
    public var title: String
    public var url: String
    public var category: String
    public var tags: [String]
    public var headings: [String]
    public var body: String
    /// Shown under the title in results: the summary, or the start of the body.
    public var excerpt: String

    public init(id: String, title: String, url: String, category: String, tags: [String], headings: [String], body: String, excerpt: String) {
        self.id = id
        self.title = title
        self.url = url
        self.category = category
        self.tags = tags
        self.headings = headings
        self.body = body
        self.excerpt = excerpt
    }

    /// The record shown in results (a row of `d<c>.json`).
    var display: [String] { [id, title, url, category, excerpt] }

    /// The weighted frequency of each index term, and the weighted word count.
    ///
    /// The incremental build counts through here, and the full build through
    /// `SearchDocumentCounter`, both in this order (title, tags, headings, body), so
    /// that the `Float` sums come out bit for bit the same (`SearchTermCounterTests`).
    func terms(_ analyzer: Analyzer.Pool) -> (weights: [Term: Float], length: Float) {
        var weights: [Term: Float] = [:]
        weights.reserveCapacity(512)
        var length: Float = 0
        func count(_ text: String, weight: Double) {
            for forms in analyzer.analyze(text) {
                length += Float(weight)
                for form in forms { weights[Term(form), default: 0] += Float(weight) }
            }
        }
        count(title, weight: SearchIndexFormat.titleWeight)
        for tag in tags { count(tag, weight: SearchIndexFormat.tagWeight) }
        for heading in headings { count(heading, weight: SearchIndexFormat.headingWeight) }
        count(body, weight: SearchIndexFormat.bodyWeight)
        return (weights, length)
    }
}

/// An index term as a dictionary key, hashed and compared by its UTF-8 bytes.
///
/// `String`'s own hashing and equality normalize to NFC first, which for Arabic,
/// Hebrew and Turkish terms was the largest cost of merging postings; terms come
/// out of the analyzer already normalized, so byte identity is term identity.
struct Term: Hashable, Sendable {
    var text: String

    init(_ text: String) {
        self.text = text
        self.text.makeContiguousUTF8()
    }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func == (a: Term, b: Term) -> Bool {
        a.text.utf8.elementsEqual(b.text.utf8)
    }
}
