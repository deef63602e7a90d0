import Foundation

/// Collects the terms of every published entry while pages render, then writes
/// the sharded per-locale index (`search/<locale>/…`, see FORMAT.md).
///
/// Entries are analysed on the rendering threads (the body text is at hand
/// there and is not kept), each into term ids and weights (`SearchTermCounter`);
/// only those are collected here, under a lock, in one block per document, so
/// memory grows with the postings, not with the text of 100 000 entries.
/// Document numbers are fixed up front (the entry's rank in its locale), and a
/// locale's postings are sorted by term and document once it is complete, so the
/// output does not depend on the order in which threads finish.
public final class SearchIndexBuilder: Sendable {
    /// One locale's postings, and how far its build has got.
    struct Slot {
        var index: SearchLocaleIndex
        var postings: SearchPostingsCollector
        /// Documents added so far; at `index.keys.count` the locale is complete.
        var added = 0
        /// Set once the locale's files have been handed over (without `keepPostings`,
        /// its postings are freed then).
        var done = false

        init(keys: [EntryKey]) {
            index = SearchLocaleIndex(keys: keys)
            postings = SearchPostingsCollector(documents: keys.count)
        }

        /// Writes the locale's files, with the terms of `counters`.
        mutating func write(locale: String, keep: Bool, counters: SearchTermCounterPool) -> [OutputFile] {
            var files: [OutputFile] = []
            write(locale: locale, keep: keep, flat: false, counters: counters) { files.append($0) }
            return files
        }

        /// Writes the locale's files, handing each to `emit` as it is made (see
        /// `SearchLocaleIndex.write(locale:keep:flat:emit:)`).
        mutating func write(locale: String, keep: Bool, flat: Bool, counters: SearchTermCounterPool, emit: (OutputFile) -> Void) {
            let terms = counters.registry.take()
            counters.release()
            index.terms = terms.terms
            index.termIDs = terms.ids
            index.postings = postings.grouped(termCount: terms.terms.count)
            postings = SearchPostingsCollector(documents: 0)
            index.write(locale: locale, keep: keep, flat: flat, emit: emit)
        }
    }

    /// Documents received and not analysed yet, per locale (see `add`).
    struct Pending {
        var documents: [(number: Int32, document: SearchDocument)] = []
        var received = 0
    }

    /// Documents are analysed this many at a time.
    ///
    /// Analysis runs on the rendering threads, between pages; rendering a page
    /// evicts the counter's tables from the core's caches, and analysing a document
    /// with cold tables took twice as long as with warm ones (measured at 10 000
    /// entries). A thread that analyses a few documents in a row pays that once.
    /// Search CPU at 10 000 entries: 0.82 s one at a time, 0.65 s by 16, 0.60 s by
    /// 64 and by 256. A batch holds the documents' text (a few KB each) per locale.
    static let batchSize = 64

    private let numbers: [EntryKey: Int32]
    private let pending: [String: Locked<Pending>]
    /// Per locale, how many documents it numbers (retired entries included).
    private let documentCounts: [String: Int]
    private let locales: [String: Locked<Slot>]
    /// Per locale, thread-safe, with caches kept warm across entries.
    private let counters: [String: SearchTermCounterPool]
    /// For the snapshot's updates, which analyse a few documents at a time.
    private let analyzers: [String: Analyzer.Pool]
    private let keepPostings: Bool
    /// Receives each locale's postings once its files are made (the build cache).
    private let handOver: (@Sendable (String, SearchLocaleIndex) -> Void)?
    private let completed: @Sendable ([OutputFile]) -> Void
    private let nanoseconds = Locked<UInt64>(0)
    /// Writes the last locale's files off the rendering threads: it completes with
    /// the last pages, and written there it kept one core busy for ~40 ms (at 10 000
    /// entries) while the other had nothing left to render. Here it overlaps with
    /// the stages after rendering (see `write(_:locale:last:)`).
    private let writer = DispatchQueue(label: "answerkit.search.write")
    private let writes = DispatchGroup()
    /// Locales whose files are written or being written.
    private let completedLocales = Locked(0)

    /// CPU time spent indexing so far, summed over threads (analysis runs inside the
    /// render stage, so the build reports it separately as `search-cpu`). Measured
    /// with the thread's CPU clock: time waiting for a lock or for a core does not count.
    public var cpuSeconds: Double { Double(nanoseconds.withLock { $0 }) / 1e9 }

    /// The CPU time of the calling thread.
    private static func threadCPUNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// Whether the index has a document for `entry`: retired entries keep their
    /// document number but have no terms and an empty display record.
    public static func indexes(_ entry: Entry) -> Bool {
        indexes(entry.status)
    }

    static func indexes(_ status: EntryStatus) -> Bool {
        status != .retired
    }

    /// Prepares an index of `entries` (the published ones, in site order).
    ///
    /// `completed` receives a locale's files as soon as its last document is added, a
    /// file per call, as they are made.
    /// Unless `keepPostings` is set, that locale's postings are freed then: entries
    /// render in site order (locale first), so a 100 000-entry site holds the postings
    /// of about one locale at a time. With `keepPostings`, they are kept for
    /// `snapshot()` and incremental updates.
    ///
    /// `handOver`, if given, receives each locale's postings and what was written
    /// (as `keepPostings` keeps them) once its files are made, before they are freed.
    init(
        entries: [Entry], keepPostings: Bool = false, handOver: (@Sendable (String, SearchLocaleIndex) -> Void)?,
        completed: @escaping @Sendable ([OutputFile]) -> Void = { _ in }
    ) {
        self.completed = completed
        self.keepPostings = keepPostings
        self.handOver = handOver
        var numbers: [EntryKey: Int32] = [:]
        var keys: [String: [EntryKey]] = [:]
        for entry in entries {
            numbers[entry.key] = Int32(keys[entry.key.locale, default: []].count)
            keys[entry.key.locale, default: []].append(entry.key)
        }
        self.numbers = numbers
        pending = keys.mapValues { _ in Locked(Pending()) }
        documentCounts = keys.mapValues(\.count)
        locales = keys.mapValues { Locked(Slot(keys: $0)) }
        counters = Dictionary(uniqueKeysWithValues: keys.keys.map { ($0, SearchTermCounterPool(language: Analyzer.Language(locale: $0))) })
        analyzers = Dictionary(uniqueKeysWithValues: keys.keys.map { ($0, Analyzer.Pool(Analyzer(locale: $0))) })
    }

    public convenience init(entries: [Entry], keepPostings: Bool = false, completed: @escaping @Sendable ([OutputFile]) -> Void = { _ in }) {
        self.init(entries: entries, keepPostings: keepPostings, handOver: nil, completed: completed)
    }

    /// Adds one entry; safe to call from several threads.
    ///
    /// The entry is analysed later, with others (see `batchSize`): by the call that
    /// fills a batch, the one that receives the locale's last entry, or `files()`.
    public func add(_ key: EntryKey, _ document: SearchDocument) {
        guard let number = numbers[key], let pending = pending[key.locale], let expected = documentCounts[key.locale] else { return }
        let batch = pending.withLock { pending -> [(number: Int32, document: SearchDocument)] in
            pending.documents.append((number, document))
            pending.received += 1
            guard pending.documents.count >= Self.batchSize || pending.received >= expected else { return [] }
            defer { pending.documents = [] }
            return pending.documents
        }
        if !batch.isEmpty { analyse(batch, locale: key.locale) }
    }

    /// Analyses `batch` (documents of `locale`) and adds their postings; writes the
    /// locale's files once its last document is added.
    private func analyse(_ batch: [(number: Int32, document: SearchDocument)], locale: String) {
        let start = Self.threadCPUNanoseconds()
        defer { nanoseconds.withLock { $0 += Self.threadCPUNanoseconds() &- start } }
        guard let counters = counters[locale], let slot = locales[locale] else { return }
        let terms = counters.terms(of: batch.lazy.map(\.document))
        let complete = slot.withLock { slot -> Slot? in
            for (index, (number, document)) in batch.enumerated() {
                slot.index.lengths[Int(number)] = terms[index].length
                slot.index.display[Int(number)] = document.display
                slot.postings.add(number, ids: terms[index].ids, weights: terms[index].weights)
            }
            slot.added += batch.count
            guard slot.added == slot.index.keys.count, !slot.done else { return nil }
            slot.done = true
            // Moved out, so that the slot does not share (and copy) its arrays.
            defer {
                slot.index = SearchLocaleIndex(keys: [])
                slot.postings = SearchPostingsCollector(documents: 0)
            }
            return slot
        }
        if let complete {
            let last = completedLocales.withLock { count in
                count += 1
                return count == locales.count
            }
            write(Locked(complete), locale: locale, last: last)
        }
    }

    /// Writes the files of the slot in `handOff`, a complete locale: the last locale
    /// to complete on `writer` (`wait()` waits for it), the others on the calling
    /// thread. The slot is taken out of `handOff` there, so that nothing else holds
    /// its arrays: the postings as collected are freed as soon as they are grouped by
    /// term (at 100 000 entries, ~60 MB per locale).
    ///
    /// Only the last, because while a locale is written on `writer` both rendering
    /// threads go on collecting the next locale's postings: writing every locale there
    /// made the peak memory of a 100 000-entry build 70 MB higher (730 MB), for no
    /// gain in time (the core that writes a locale mid-build is not idle either way).
    private func write(_ handOff: Locked<Slot?>, locale: String, last: Bool) {
        guard let counters = counters[locale], let stored = locales[locale] else { return }
        let keep = keepPostings
        let handOver = handOver
        let completed = completed
        let body: @Sendable () -> Void = {
            guard var slot = handOff.withLock({ $0.take() }) else { return }
            // Each file goes to `completed` as soon as it is made; the build cache takes
            // the postings flat.
            slot.write(locale: locale, keep: keep || handOver != nil, flat: !keep && handOver != nil, counters: counters) { completed([$0]) }
            handOver?(locale, slot.index)
            if keep {
                let index = slot.index
                stored.withLock { $0.index = index }
            }
        }
        guard last else { return body() }  // Timed by `analyse`.
        let nanoseconds = nanoseconds
        writer.async(group: writes) {
            let start = Self.threadCPUNanoseconds()
            body()
            nanoseconds.withLock { $0 += Self.threadCPUNanoseconds() &- start }
        }
    }

    /// Waits for the locales being written (see `write(_:locale:last:)`). A build
    /// that stops with an error calls it too, before its staging folder and cache
    /// files are discarded, so that no file is written into them afterwards.
    public func wait() {
        writes.wait()
    }

    /// Analyses every document still waiting in a batch.
    private func analysePending() {
        for locale in pending.keys.sorted() {
            let batch = pending[locale]!.withLock { pending in
                defer { pending.documents = [] }
                return pending.documents
            }
            if !batch.isEmpty { analyse(batch, locale: locale) }
        }
    }

    /// The index files of every locale not handed to `completed` yet (one whose
    /// entries were not all added, or an empty one), with paths under the output folder.
    public func files() -> [OutputFile] {
        analysePending()
        wait()
        return locales.keys.sorted().flatMap { locale in
            locales[locale]!.withLock { slot -> [OutputFile] in
                guard !slot.done else { return [] }
                slot.done = true
                let files = slot.write(locale: locale, keep: keepPostings || handOver != nil, counters: counters[locale]!)
                handOver?(locale, slot.index)
                return files
            }
        }
    }

    /// The postings of every locale and the digests of its files, for incremental
    /// updates; call it once, after the last `add` and normally after `files()`.
    ///
    /// Needs `keepPostings`. A locale not written yet is encoded here as `files()`
    /// would write it (without handing the files over). The postings move to the
    /// snapshot (the builder keeps none), so that its first update copies nothing.
    public func snapshot() -> SearchIndexSnapshot {
        precondition(keepPostings, "SearchIndexBuilder.snapshot() needs keepPostings")
        analysePending()
        wait()
        var indexes: [String: SearchLocaleIndex] = [:]
        for (locale, slot) in locales {
            indexes[locale] = slot.withLock { slot in
                if slot.index.written == nil { _ = slot.write(locale: locale, keep: true, counters: counters[locale]!) }
                slot.done = true
                defer { slot.index = SearchLocaleIndex(keys: []) }
                return slot.index
            }
        }
        return SearchIndexSnapshot(locales: indexes, analyzers: analyzers)
    }

    /// Statistics for the build summary and the benchmark.
    public var termCount: Int {
        wait()
        return locales.values.reduce(0) { $0 + $1.withLock { $0.index.terms.count } }
    }
}
