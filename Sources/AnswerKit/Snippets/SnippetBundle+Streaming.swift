import Foundation

/// Takes the serialized replies of a full build as `SnippetBundle.stream` writes the
/// bundles (the build cache's replies file, or the memory `serve` keeps). Its calls
/// come one after the other, from one thread at a time.
protocol SerializedReplySink: AnyObject, Sendable {
    /// First: each entry's key and how many replies it has, entries in the order given to `stream`.
    func begin(keys: [EntryKey], counts: [Int])
    /// The next replies in bundle (id) order.
    func take(_ replies: [SnippetBundle.PlacedSnippet])
    /// Last, once every reply was taken (not called when writing a bundle failed).
    func end()
}

extension SnippetBundle {
    /// A serialized reply, with the index of its entry and its position among that entry's replies.
    struct PlacedSnippet: Sendable {
        var entry: Int
        var position: Int
        var snippet: SerializedSnippet
    }

    /// Where a reply of the bundles comes from.
    private struct PlannedReply: Sendable {
        var id: String
        /// Index of the entry, of the reply in `entry.replies`, and among the entry's bundled replies.
        var entry: Int32
        var reply: Int32
        var position: Int32
        /// Index of the entry's locale among those whose bundles are written; -1 when none.
        var locale: Int32
    }

    /// The number of replies serialized at once (on all cores) and appended to the files.
    static let streamChunk = 2048

    /// Writes `snippets.json` and the bundle of each of `locales` (byte for byte what
    /// `make(…).write(locales:to:)` writes) holding the JSON of a few thousand replies
    /// at a time rather than all of it (260 MB at 100 000 entries):
    /// the replies' ids are made and sorted first, then the replies are serialized in
    /// that order a chunk at a time, on all cores, and appended to the files (and handed
    /// to `replies`) on another thread while the next chunk is serialized.
    ///
    /// Returns the number of replies.
    static func stream(
        entries: [Entry], config: SiteConfig, urls: URLScheme, today: Day, locales: [String], to sink: some OutputSink,
        replies consumer: SerializedReplySink? = nil
    ) throws(BuildFailure) -> Int {
        let stale = TranslationSync.staleKeys(in: entries, defaultLocale: config.defaultLocale)
        let localeNumbers = Dictionary(locales.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { first, _ in first })
        // The ids of every entry's replies, then all of them in id order.
        let perEntry = Parallel.map(entries, chunkSize: 256) { entry in
            bundled(entry, config: config, today: today).map { (id: snippetID(of: entry, reply: entry.replies[$0.reply]), reply: Int32($0.reply)) }
        }
        var plan: [PlannedReply] = []
        plan.reserveCapacity(perEntry.reduce(0) { $0 + $1.count })
        for (index, replies) in perEntry.enumerated() {
            let locale = localeNumbers[entries[index].key.locale] ?? -1
            for (position, reply) in replies.enumerated() {
                plan.append(PlannedReply(id: reply.id, entry: Int32(index), reply: reply.reply, position: Int32(position), locale: locale))
            }
        }
        consumer?.begin(keys: entries.map(\.key), counts: perEntry.map(\.count))
        plan.sort { $0.id < $1.id }
        var localeCounts = [Int](repeating: 0, count: locales.count)
        for reply in plan where reply.locale >= 0 { localeCounts[Int(reply.locale)] += 1 }

        // Files: all locales' first, then each locale's. A bundle without replies is written whole.
        var files: [(appender: OutputAppender, tail: [UInt8])?] = []
        var outcome: BuildFailure?
        for (index, locale) in ([nil] + locales.map(Optional.some)).enumerated() {
            let count = index == 0 ? plan.count : localeCounts[index - 1]
            let path = locale.map { "\($0)/snippets.json" } ?? "snippets.json"
            let header = header(config: config, locale: locale, count: count)
            do throws(BuildFailure) {
                guard count > 0, let frame = header.frame else {
                    try sink.write(path: path, parts: header.parts([]))
                    files.append(nil)
                    continue
                }
                let appender = try sink.appender(path: path)
                files.append((appender, frame.tail))
                try appender.append(frame.head)
            } catch {
                outcome = error
                break
            }
        }
        let writer = UnsafeSendable(BundleAppenders(files: files.map { $0?.appender }))
        if outcome == nil {
            let failure = Locked<BuildFailure?>(nil)
            let queue = DispatchQueue(label: "answerkit.bundles", qos: .userInitiated)
            let waiting = DispatchSemaphore(value: 1)  // chunks serialized and not yet written
            let allReplies = plan
            var start = 0
            while start < plan.count, failure.withLock({ $0 == nil }) {
                let range = start..<min(start + streamChunk, plan.count)
                start = range.upperBound
                let serialized = Parallel.map(Array(range), chunkSize: 64) { position -> [UInt8] in
                    let planned = allReplies[position]
                    let entry = entries[Int(planned.entry)]
                    let reply = entry.replies[Int(planned.reply)]
                    let count = reply.count ?? ReplyLength.binding(reply.text, channel: reply.channel, config: config)!
                    let value = snippet(of: entry, reply: reply, count: count, urls: urls, stale: stale.contains(entry.key), id: planned.id)
                    return value.bundleJSON
                }
                waiting.wait()
                queue.async {
                    defer { waiting.signal() }
                    guard failure.withLock({ $0 == nil }) else { return }
                    let planned = allReplies[range]
                    do throws(BuildFailure) {
                        try writer.value.append(serialized, planned: planned)
                    } catch {
                        failure.withLock { $0 = $0 ?? error }
                        return
                    }
                    if let consumer {
                        consumer.take(zip(planned, serialized).map { planned, json in
                            let entry = entries[Int(planned.entry)]
                            return PlacedSnippet(
                                entry: Int(planned.entry), position: Int(planned.position),
                                snippet: SerializedSnippet(id: planned.id, locale: entry.key.locale, json: json))
                        })
                    }
                }
            }
            queue.sync {}
            outcome = failure.withLock { $0 }
        }
        // Every file is closed, even after a failure (the first failure is reported).
        for case let file? in files {
            do throws(BuildFailure) {
                if outcome == nil { try file.appender.append(file.tail) }
                try file.appender.close()
            } catch {
                outcome = outcome ?? error
            }
        }
        if let outcome { throw outcome }
        consumer?.end()
        return plan.count
    }

    /// The open bundle files of `stream`, and how many replies each has had.
    private final class BundleAppenders {
        let files: [OutputAppender?]
        var written: [Int]

        init(files: [OutputAppender?]) {
            self.files = files
            written = [Int](repeating: 0, count: files.count)
        }

        /// Appends replies in id order to `snippets.json` and to their locale's bundle.
        func append(_ serialized: [[UInt8]], planned: ArraySlice<PlannedReply>) throws(BuildFailure) {
            let separator = SnippetBundle.replySeparator
            for (json, reply) in zip(serialized, planned) {
                if let all = files[0] {
                    if written[0] > 0 { try all.append(separator) }
                    try all.append(json)
                    written[0] += 1
                }
                let file = Int(reply.locale) + 1
                if file > 0, let mine = files[file] {
                    if written[file] > 0 { try mine.append(separator) }
                    try mine.append(json)
                    written[file] += 1
                }
            }
        }
    }
}
