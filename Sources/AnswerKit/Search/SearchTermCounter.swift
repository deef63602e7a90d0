import Foundation

/// The terms of one document by id: each term once, in the order first seen, with
/// its weighted frequency; and the document's weighted word count.
struct SearchDocumentTerms: Sendable {
    var ids: [Int32] = []
    var weights: [Float] = []
    var length: Float = 0
}

/// A locale's terms, numbered in the order the build's threads first ask for them.
///
/// Threads ask only for terms their own caches do not know (a few times per
/// distinct term), so the lock is rarely taken. Ids depend on thread timing; the
/// index files do not (terms are written in `SearchIndexFormat.precedes` order).
final class SearchTermRegistry: Sendable {
    struct Terms: Sendable {
        var ids: [Term: Int32] = [:]
        var terms: [String] = []
    }

    private let state = Locked(Terms())

    /// The id of `term` (scalar values), created when new.
    func id(_ term: UnsafeBufferPointer<UInt32>) -> Int32 {
        let key = Term(Array(term)[...].string)
        return state.withLock { state in
            if let id = state.ids[key] { return id }
            let id = Int32(state.terms.count)
            state.ids[key] = id
            state.terms.append(key.text)
            return id
        }
    }

    /// The terms so far, by id.
    var terms: [String] { state.withLock { $0.terms } }

    /// Every term so far; the registry is left empty.
    func take() -> Terms {
        state.withLock { state in
            defer { state = Terms() }
            return state
        }
    }
}

/// Counts the weighted terms of documents by term id: the same terms and the same
/// `Float` sums as `SearchDocument.terms(_:)` (which the incremental build uses;
/// `SearchTermCounterTests` compares the two), without making a string per word.
///
/// One per thread and locale (see `SearchTermCounterPool`). It remembers the words
/// of each piece of text between whitespace of up to 32 bytes ("refund", "(wi-fi),",
/// "refund()") by its bytes, the term ids of plain words by their bytes (for pieces
/// seen for the first time), and the ids of terms by their scalars, so that after
/// the first few entries a piece costs a table lookup and an addition per term.
struct SearchTermCounter: WordSink {
    private var analyzer: WordAnalyzer
    private let registry: SearchTermRegistry
    /// Piece → its words (see `Cached`).
    private var pieces = WordBytesTable(capacity: 8192)
    /// Plain word → its terms (see `Cached`).
    private var words = WordBytesTable(capacity: 8192)
    /// What pieces and words with other than exactly one term are: for a word, its
    /// term count then its ids; for a piece, its word count then each word so.
    private var records: [Int32] = []
    /// Term (scalars) → id.
    private var ids = ScalarTermTable(capacity: 8192)
    /// The piece being analysed, while its words come, and its record so far.
    private var recording: PlainWord?
    private var pieceRecord: [Int32] = []
    /// The plain word that the next `word` call analyzes.
    private var pendingWord: PlainWord?
    /// The ids of the word being analyzed.
    private var scratch: [Int32] = []
    private let document = Sums()

    /// The caches start over past this many pieces (or words, or terms): by default
    /// a few megabytes.
    private let cacheLimit: Int
    static let defaultCacheLimit = 1 << 17

    /// The weight of the field being counted.
    var weight: Float = 0

    /// How the tables store what they know: a value `v ≥ 0` is one word of one
    /// term, whose id is `v`; otherwise its record starts at `records[-2 - v]`.
    private enum Cached {
        @inline(__always)
        static func value(records start: Int) -> Int32 { Int32(-2 - start) }
        @inline(__always)
        static func start(_ value: Int32) -> Int { Int(-2 - value) }
    }

    /// The sums of the document being counted, by term id, and the ids touched.
    ///
    /// Kept in memory of its own rather than in arrays: every word of every document
    /// adds here, and an array's uniqueness and capacity checks were a sixth of the
    /// time of a piece of text whose terms were known. A document touches each id
    /// once, so `touched` never needs more room than `sums`. A reference type, so
    /// copies of a counter share it: a counter is used by one thread at a time (see
    /// `SearchTermCounterPool`), hence `@unchecked Sendable`.
    private final class Sums: @unchecked Sendable {
        /// Ids below this have a sum (0 for terms not seen in the document: weights are
        /// positive); `touched` has room for one more.
        private(set) var capacity = 0
        private var sums = UnsafeMutablePointer<Float>.allocate(capacity: 0)
        private var touched = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        private var touchedCount = 0
        var length: Float = 0

        deinit {
            sums.deallocate()
            touched.deallocate()
        }

        /// Makes room for ids up to `id`.
        func reserve(_ id: Int32) {
            guard Int(id) >= capacity else { return }
            let grown = max(Int(id) + 1, 2 * capacity, 64)
            let newSums = UnsafeMutablePointer<Float>.allocate(capacity: grown)
            newSums.initialize(from: sums, count: capacity)
            (newSums + capacity).initialize(repeating: 0, count: grown - capacity)
            let newTouched = UnsafeMutablePointer<Int32>.allocate(capacity: grown + 1)
            newTouched.initialize(from: touched, count: touchedCount)
            sums.deallocate()
            touched.deallocate()
            sums = newSums
            touched = newTouched
            capacity = grown
        }

        /// Counts one word, whose terms are `ids` (each below `capacity`), at `weight`.
        @inline(__always)
        func add(_ ids: UnsafeBufferPointer<Int32>, weight: Float) {
            guard !ids.isEmpty else { return }
            length += weight
            for id in ids { count(id, weight: weight) }
        }

        /// Counts one word of one term (below `capacity`).
        @inline(__always)
        func add(_ id: Int32, weight: Float) {
            length += weight
            count(id, weight: weight)
        }

        @inline(__always)
        private func count(_ id: Int32, weight: Float) {
            let index = Int(id)
            precondition(index >= 0 && index < capacity)
            // Without a branch: whether a word is the first of its term in the document
            // is hard to predict. `touched` has one spare slot for the write.
            touched[touchedCount] = id
            touchedCount &+= sums[index] == 0 ? 1 : 0
            sums[index] += weight
        }

        /// The document's terms (in the order first counted) and sums; starts the next.
        func finish() -> SearchDocumentTerms {
            let count = touchedCount
            var result = SearchDocumentTerms(length: length)
            result.ids = Array(UnsafeBufferPointer(start: touched, count: count))
            result.weights = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                for position in 0..<count {
                    let id = Int(touched[position])
                    buffer[position] = sums[id]
                    sums[id] = 0
                }
                initialized = count
            }
            touchedCount = 0
            length = 0
            return result
        }
    }

    init(language: Analyzer.Language, registry: SearchTermRegistry, cacheLimit: Int = Self.defaultCacheLimit) {
        analyzer = WordAnalyzer(language: language, query: false)
        self.registry = registry
        self.cacheLimit = cacheLimit
    }

    /// Starts a document.
    mutating func begin() {
        if pieces.count > cacheLimit || words.count > cacheLimit {
            pieces.removeAll()
            words.removeAll()
            records.removeAll(keepingCapacity: true)
        }
        if ids.count > cacheLimit { ids.removeAll() }
        document.length = 0
    }

    /// Ends a text: its last piece has had all its words.
    mutating func endText() {
        endPiece()
    }

    /// Ends the document: its terms, and the counter is ready for the next one.
    mutating func finish() -> SearchDocumentTerms {
        document.finish()
    }

    static var takesPieces: Bool { true }

    mutating func piece(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        endPiece()
        guard bytes.count <= 32 else { return false }
        guard let value = pieces.value(bytes) else {
            recording = PlainWord(bytes)
            pieceRecord.removeAll(keepingCapacity: true)
            pieceRecord.append(0)
            return false
        }
        let weight = self.weight
        if value >= 0 {
            document.add(value, weight: weight)
            return true
        }
        records.withUnsafeBufferPointer { records in
            var position = Cached.start(value)
            let count = Int(records[position])
            position += 1
            for _ in 0..<count {
                let terms = Int(records[position])
                document.add(UnsafeBufferPointer(rebasing: records[(position + 1)..<(position + 1 + terms)]), weight: weight)
                position += 1 + terms
            }
        }
        return true
    }

    /// Files the piece being recorded, if any.
    private mutating func endPiece() {
        guard let key = recording else { return }
        recording = nil
        if pieceRecord.count == 3, pieceRecord[0] == 1, pieceRecord[1] == 1 {
            pieces.insert(key, pieceRecord[2])
        } else {
            pieces.insert(key, Cached.value(records: records.count))
            records.append(contentsOf: pieceRecord)
        }
    }

    mutating func plainWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let value = words.value(bytes) else {
            pendingWord = PlainWord(bytes)
            return false
        }
        scratch.removeAll(keepingCapacity: true)
        if value >= 0 {
            scratch.append(value)
        } else {
            let start = Cached.start(value)
            scratch.append(contentsOf: records[(start + 1)..<(start + 1 + Int(records[start]))])
        }
        counted()
        return true
    }

    mutating func word(_ scalars: [UInt32], segmentStarts: [Int], script: WordScript, attached: Bool, open: Bool) {
        scratch.removeAll(keepingCapacity: true)
        if analyzer.analyzeWord(scalars, segmentStarts: segmentStarts, script: script, attached: attached, open: open) {
            analyzer.wordTerms.forEach { term in
                if let id = ids.value(term) {
                    scratch.append(id)
                } else {
                    let id = registry.id(term)
                    ids.insert(term, id)
                    scratch.append(id)
                    document.reserve(id)
                }
            }
        }
        if let key = pendingWord {
            pendingWord = nil
            if scratch.count == 1 {
                words.insert(key, scratch[0])
            } else {
                words.insert(key, Cached.value(records: records.count))
                records.append(Int32(scratch.count))
                records.append(contentsOf: scratch)
            }
        }
        counted()
    }

    /// Counts the word whose ids are in `scratch`, and records it in the piece being analysed.
    private mutating func counted() {
        if recording != nil {
            pieceRecord[0] += 1
            pieceRecord.append(Int32(scratch.count))
            pieceRecord.append(contentsOf: scratch)
        }
        let weight = self.weight
        scratch.withUnsafeBufferPointer { document.add($0, weight: weight) }
    }
}

/// A term counter with its tokenizer: analyzes whole documents.
struct SearchDocumentCounter {
    private var tokenizer: Tokenizer<SearchTermCounter>

    init(language: Analyzer.Language, registry: SearchTermRegistry, cacheLimit: Int = SearchTermCounter.defaultCacheLimit) {
        tokenizer = Tokenizer(sink: SearchTermCounter(language: language, registry: registry, cacheLimit: cacheLimit))
    }

    /// The terms of `document`, counted in the order of `SearchDocument.terms(_:)`
    /// (title, tags, headings, body), so that the `Float` sums are the same.
    mutating func terms(of document: SearchDocument) -> SearchDocumentTerms {
        tokenizer.sink.begin()
        count(document.title, weight: SearchIndexFormat.titleWeight)
        for tag in document.tags { count(tag, weight: SearchIndexFormat.tagWeight) }
        for heading in document.headings { count(heading, weight: SearchIndexFormat.headingWeight) }
        count(document.body, weight: SearchIndexFormat.bodyWeight)
        return tokenizer.sink.finish()
    }

    private mutating func count(_ text: String, weight: Double) {
        tokenizer.sink.weight = Float(weight)
        TextPreparation.feed(text, into: &tokenizer)
        tokenizer.finishText()
        tokenizer.sink.endText()
    }
}

/// The counters of one locale, shared by the threads of a build: each call borrows
/// a counter no other thread is using, so that every thread keeps its caches warm.
final class SearchTermCounterPool: Sendable {
    let registry = SearchTermRegistry()
    private let language: Analyzer.Language
    private let idle = Locked<[SearchDocumentCounter]>([])

    init(language: Analyzer.Language) {
        self.language = language
    }

    func terms(of document: SearchDocument) -> SearchDocumentTerms {
        terms(of: CollectionOfOne(document))[0]
    }

    /// The terms of each of `documents`, in order, counted by one counter.
    func terms(of documents: some Collection<SearchDocument>) -> [SearchDocumentTerms] {
        var counter = idle.withLock { $0.popLast() } ?? SearchDocumentCounter(language: language, registry: registry)
        defer { idle.withLock { $0.append(counter) } }
        return documents.map { counter.terms(of: $0) }
    }

    /// Frees the counters (their caches), once the locale is indexed.
    func release() {
        idle.withLock { $0.removeAll() }
    }
}
