import Crypto
import Foundation

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
}

/// Collects the terms of every published entry while pages render, then writes
/// the sharded per-locale index (`search/<locale>/…`, see FORMAT.md).
///
/// Entries are analysed on the rendering threads (the body text is at hand
/// there and is not kept); only their postings are merged here, under a lock,
/// so memory grows with the postings, not with the text of 100 000 entries.
/// Document numbers are fixed up front (the entry's rank in its locale), so the
/// output does not depend on the order in which threads finish.
public final class SearchIndexBuilder: Sendable {
    /// Postings of one locale, term ids in first-seen order.
    struct LocaleIndex {
        var termIDs: [Term: Int32] = [:]
        var terms: [String] = []
        var docs: [[Int32]] = []
        var frequencies: [[Float]] = []
        var lengths: [Float]
        var display: [[String]?]
        /// Documents added so far; at `lengths.count` the locale is complete.
        var added = 0
        /// Set once the locale's files have been handed over (its postings are freed).
        var done = false

        init(count: Int) {
            lengths = Array(repeating: 0, count: count)
            display = Array(repeating: nil, count: count)
        }
    }

    private let numbers: [EntryKey: Int32]
    private let locales: [String: Locked<LocaleIndex>]
    /// Thread-safe, with a word cache kept warm across entries (~3.5× a plain `Analyzer`).
    private let analyzers: [String: Analyzer.Pool]
    private let completed: @Sendable ([OutputFile]) -> Void
    private let nanoseconds = Locked<UInt64>(0)
    private let kept: Locked<[EntryKey: SearchDocument]>?

    /// INTERIM: the documents, for `SearchIndexSnapshot`.
    public func snapshot() -> SearchIndexSnapshot {
        SearchIndexSnapshot(documents: kept?.withLock { $0 } ?? [:])
    }

    /// CPU time spent indexing so far, summed over threads (analysis runs inside the
    /// render stage, so the build reports it separately as `search-cpu`).
    public var cpuSeconds: Double { Double(nanoseconds.withLock { $0 }) / 1e9 }

    /// Prepares an index of `entries` (the published ones, in site order).
    ///
    /// `completed` receives a locale's files as soon as its last document is added,
    /// and its postings are freed: entries render in site order (locale first), so
    /// a 100 000-entry site holds the postings of about one locale at a time.
    public init(entries: [Entry], keepPostings: Bool = false, completed: @escaping @Sendable ([OutputFile]) -> Void = { _ in }) {
        self.completed = completed
        kept = keepPostings ? Locked([:]) : nil
        var numbers: [EntryKey: Int32] = [:]
        var counts: [String: Int] = [:]
        for entry in entries {
            numbers[entry.key] = Int32(counts[entry.key.locale, default: 0])
            counts[entry.key.locale, default: 0] += 1
        }
        self.numbers = numbers
        locales = counts.mapValues { Locked(LocaleIndex(count: $0)) }
        analyzers = Dictionary(uniqueKeysWithValues: counts.keys.map { ($0, Analyzer.Pool(Analyzer(locale: $0))) })
    }

    /// Adds one entry; safe to call from several threads.
    public func add(_ key: EntryKey, _ document: SearchDocument) {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { nanoseconds.withLock { $0 += DispatchTime.now().uptimeNanoseconds - start } }
        kept?.withLock { $0[key] = document }
        guard let number = numbers[key], let analyzer = analyzers[key.locale], let index = locales[key.locale] else { return }
        var weights: [Term: Float] = [:]
        weights.reserveCapacity(512)
        var length: Float = 0
        func count(_ text: String, weight: Double) {
            for forms in analyzer.analyze(text) {
                length += Float(weight)
                for form in forms { weights[Term(form), default: 0] += Float(weight) }
            }
        }
        count(document.title, weight: SearchIndexFormat.titleWeight)
        for tag in document.tags { count(tag, weight: SearchIndexFormat.tagWeight) }
        for heading in document.headings { count(heading, weight: SearchIndexFormat.headingWeight) }
        count(document.body, weight: SearchIndexFormat.bodyWeight)
        let display = [document.id, document.title, document.url, document.category, document.excerpt]
        let finished: [OutputFile]? = index.withLock { index in
            index.lengths[Int(number)] = length
            index.display[Int(number)] = display
            for (term, weight) in weights {
                let id: Int32
                if let known = index.termIDs[term] {
                    id = known
                } else {
                    id = Int32(index.terms.count)
                    index.termIDs[term] = id
                    index.terms.append(term.text)
                    index.docs.append([])
                    index.frequencies.append([])
                }
                index.docs[Int(id)].append(number)
                index.frequencies[Int(id)].append(weight)
            }
            index.added += 1
            guard index.added == index.lengths.count, !index.done else { return nil }
            let files = SearchIndexBuilder.files(locale: key.locale, index: index)
            index = LocaleIndex(count: 0)
            index.done = true
            return files
        }
        if let finished { completed(finished) }
    }

    /// The index files of every locale not handed to `completed` yet (one whose
    /// entries were not all added, or an empty one), with paths under the output folder.
    public func files() -> [OutputFile] {
        locales.keys.sorted().flatMap { locale in
            locales[locale]!.withLock { index -> [OutputFile] in
                guard !index.done else { return [] }
                index.done = true
                return SearchIndexBuilder.files(locale: locale, index: index)
            }
        }
    }

    /// Statistics for the build summary and the benchmark.
    public var termCount: Int {
        locales.values.reduce(0) { $0 + $1.withLock { $0.terms.count } }
    }

    static func files(locale: String, index: LocaleIndex) -> [OutputFile] {
        let directory = "search/\(locale)/"
        let count = index.lengths.count
        let average = max(index.lengths.reduce(0, +) / Float(max(count, 1)), 1)
        let order = index.terms.indices.sorted { SearchIndexFormat.precedes(index.terms[$0], index.terms[$1]) }
        var shards: [[UInt8]] = []
        var boundaries: [String] = []
        var shard: [UInt8] = []
        for termID in order {
            let term = index.terms[termID]
            let postings = impacts(docs: index.docs[termID], frequencies: index.frequencies[termID], lengths: index.lengths, average: average, count: count)
            if shard.isEmpty {
                boundaries.append(term)
                shard.append(UInt8(ascii: "["))
            } else {
                shard.append(UInt8(ascii: ","))
            }
            shard.append(UInt8(ascii: "["))
            JSONWriter.writeString(term, into: &shard)
            shard.append(contentsOf: ",[".utf8)
            var previous: Int32 = 0
            for (position, (doc, impact)) in postings.enumerated() {
                if position > 0 { shard.append(UInt8(ascii: ",")) }
                shard.append(contentsOf: String(doc - previous).utf8)
                shard.append(UInt8(ascii: ","))
                shard.append(contentsOf: String(impact).utf8)
                previous = doc
            }
            shard.append(contentsOf: "]]".utf8)
            if shard.count >= SearchIndexFormat.shardBytes {
                shard.append(contentsOf: "]\n".utf8)
                shards.append(shard)
                shard = []
            }
        }
        if !shard.isEmpty {
            shard.append(contentsOf: "]\n".utf8)
            shards.append(shard)
        }

        var files: [OutputFile] = []
        var hasher = SHA256()
        for (number, bytes) in shards.enumerated() {
            hasher.update(data: bytes)
            files.append(OutputFile(path: "\(directory)t\(number).json", contents: Data(bytes)))
        }
        let chunk = SearchIndexFormat.docsPerChunk
        for start in stride(from: 0, to: count, by: chunk) {
            let records = (start..<min(start + chunk, count)).map { number -> JSONValue in
                .array((index.display[number] ?? ["", "", "", "", ""]).map(JSONValue.string))
            }
            let bytes = JSONWriter.compactBytes(.array(records))
            hasher.update(data: bytes)
            files.append(OutputFile(path: "\(directory)d\(start / chunk).json", contents: Data(bytes)))
        }
        let manifest: JSONValue = .object([
            ("version", .int(SearchIndexFormat.version)),
            ("locale", .string(locale)),
            ("docs", .int(count)),
            ("chunk", .int(chunk)),
            ("hash", .string(hasher.finalize().prefix(6).map { String(format: "%02x", $0) }.joined())),
            ("shards", .array(boundaries.map(JSONValue.string))),
        ])
        files.append(OutputFile(path: "\(directory)manifest.json", contents: Data(JSONWriter.compactBytes(manifest))))
        return files
    }

    /// BM25F impacts of one term's postings, sorted by document number.
    static func impacts(docs: [Int32], frequencies: [Float], lengths: [Float], average: Float, count: Int) -> [(Int32, Int)] {
        let df = Double(docs.count)
        let idf = log(1 + (Double(count) - df + 0.5) / (df + 0.5))
        let k1 = SearchIndexFormat.k1, b = SearchIndexFormat.b
        var postings: [(Int32, Int)] = []
        postings.reserveCapacity(docs.count)
        for (doc, frequency) in zip(docs, frequencies) {
            let tf = Double(frequency)
            let norm = 1 - b + b * Double(lengths[Int(doc)]) / Double(average)
            let score = idf * tf * (k1 + 1) / (tf + k1 * norm)
            postings.append((doc, max(1, Int((score * SearchIndexFormat.impactScale).rounded()))))
        }
        postings.sort { $0.0 < $1.0 }
        return postings
    }
}
