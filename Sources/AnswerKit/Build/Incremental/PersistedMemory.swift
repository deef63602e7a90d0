import Foundation

/// The layout of the build cache's files.
///
/// Each file: the magic `AKBUILD1` (8 bytes, which also tells a big-endian reader
/// off), the format version, the fingerprint of the AnswerKit binary that wrote it
/// and what the file holds; then its values (`CacheCoding`); then a trailer: the
/// checksum (`StreamHasher`) of every byte before it, their count and the end mark.
/// A file that is truncated, torn, written by another binary or another format
/// version is refused whole.
enum CacheFormat {
    static let magic = Array("AKBUILD1".utf8)
    static let endMark = Array("AKBUILD.".utf8)
    /// Bump when the encoding of any value changes.
    static let version: UInt64 = 2
    static let trailerSize = 24

    /// The binary that writes and reads the cache: its version, path, size and
    /// modification time (a rebuilt `answerkit` may encode differently).
    static let binary: String = {
        var text = "answerkit \(Builder.version)"
        if let executable = Bundle.main.executableURL ?? URL(string: CommandLine.arguments[0]) {
            text += " " + executable.path + " " + (FileStamp(path: executable.path).map { "\($0.size):\($0.seconds).\($0.nanoseconds)" } ?? "no-binary")
        }
        return text
    }()

    /// Opens a cache file for writing and writes its header.
    static func create(_ path: String, kind: String) throws(CacheError) -> CacheWriter {
        let writer = try CacheWriter(path: path)
        for byte in magic { writer.byte(byte) }
        writer.varint(version)
        writer.string(binary)
        writer.string(kind)
        return writer
    }

    /// Reads the file at `url`, checks its header and trailer, and calls `body` with a
    /// reader over its values; also returns the file's checksum.
    static func read<T>(_ url: URL, kind: String, _ body: (CacheReader) throws(CacheError) -> T) throws(CacheError) -> (value: T, checksum: UInt64) {
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else { throw CacheError("no cache") }
        let outcome: Result<(T, UInt64), CacheError> = data.withUnsafeBytes { bytes in
            do throws(CacheError) {
                guard bytes.count >= magic.count + trailerSize, bytes.prefix(magic.count).elementsEqual(magic) else {
                    throw CacheError("the cache is not an AnswerKit build cache")
                }
                let payloadEnd = bytes.count - trailerSize
                guard bytes.suffix(endMark.count).elementsEqual(endMark) else { throw CacheError.truncated }
                let trailer = CacheReader(bytes, from: payloadEnd)
                let checksum = try trailer.raw()
                guard try trailer.raw() == UInt64(payloadEnd) else { throw CacheError.truncated }
                let reader = CacheReader(bytes, from: magic.count, to: payloadEnd)
                guard try reader.varint() == version else { throw CacheError("the cache was written in another format") }
                guard try reader.string() == binary else { throw CacheError("the cache was written by another answerkit binary") }
                guard try reader.string() == kind else { throw CacheError("the cache is not an AnswerKit build cache") }
                var hasher = StreamHasher()
                hasher.update(UnsafeRawBufferPointer(rebasing: bytes[..<payloadEnd]))
                guard hasher.finalize() == checksum else { throw CacheError("the cache is corrupt (checksum)") }
                let value = try body(reader)
                guard reader.isAtEnd else { throw CacheError.truncated }
                return .success((value, checksum))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }
}

/// Where the build cache of one output folder lives: `<root>/.answerkit-cache/build-<hash of
/// the output path>/`, holding `memory.bin`, `sources.bin` (the content files as parsed),
/// `replies.bin` (the serialized replies, written
/// again only when a reply changes) and one `search-<locale>.bin` per locale (its
/// postings, written again only when they change): a body edit rewrites one locale's
/// postings and `memory.bin`, not the 25 MB of replies of a 10 000-entry site.
///
/// `memory.bin` names the checksum of each other file it goes with and the identity
/// of the output folder it describes; it is written last and removed before the
/// output changes, so it never claims an output or search files it does not describe.
struct CacheFolder: Sendable {
    let url: URL

    init(root: URL, output: URL) {
        let name = ContentHash.sha256(output.standardizedFileURL.path).prefix(16)
        url = root.appendingPathComponent(".answerkit-cache/build-\(name)")
    }

    var memory: URL { url.appendingPathComponent("memory.bin") }
    var replies: URL { url.appendingPathComponent("replies.bin") }
    var sources: URL { url.appendingPathComponent("sources.bin") }

    func search(_ locale: String) -> URL {
        // Hex of the code: any locale code makes a plain file name.
        url.appendingPathComponent("search-\(locale.utf8.map { String(format: "%02x", $0) }.joined()).bin")
    }

    /// A temporary name beside `file`, renamed over it once complete.
    static func temporary(_ file: URL) -> URL {
        file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
    }

    /// Makes the cache claim nothing (before the output changes).
    func invalidate() {
        unlink(memory.path)
    }

    func create() throws(CacheError) {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw CacheError("cannot create \(url.path)")
        }
    }

    /// Writes a file through a temporary one renamed over it.
    static func replace(_ file: URL, kind: String, _ body: (CacheWriter) throws(CacheError) -> Void) throws(CacheError) -> UInt64 {
        let temporary = temporary(file)
        do throws(CacheError) {
            let writer = try CacheFormat.create(temporary.path, kind: kind)
            try body(writer)
            let checksum = try writer.finish()
            guard rename(temporary.path, file.path) == 0 else { throw CacheError("cannot write \(file.path)") }
            return checksum
        } catch {
            unlink(temporary.path)
            throw error
        }
    }
}

/// Writes and reads `BuildMemory` in the build cache, so that `answerkit build`, a new
/// process each time, builds only what changed since the last build (as `serve` does
/// within one process).
///
/// Kept: every content file as parsed (stamp, digest, front matter, problems), each
/// entry's render results and page key, the list and site-file keys, the search
/// postings, the serialized replies and the last result. Made again on load (cheap,
/// and derived from those): the theme, the validated content, the site index, the
/// link tables and the page renderer.
enum PersistedMemory {
    static let searchKind = "search"
    static let memoryKind = "memory"
    static let repliesKind = "replies"
    static let sourcesKind = "sources"

    /// Writes one locale's search postings (to a temporary file, renamed by `commit`);
    /// returns the checksum.
    static func writeSearch(_ index: SearchLocaleIndex, locale: String, to file: URL) throws(CacheError) -> UInt64 {
        let writer = try CacheFormat.create(file.path, kind: searchKind)
        writer.string(locale)
        writer.value(index)
        return try writer.finish()
    }

    /// Saves `memory` into `folder`: the search files of the locales that changed since
    /// it was read or written, then `memory.bin`. `outputIdentity` is the output
    /// folder's (`BuildCache.identity`) after the build wrote it.
    static func save(_ memory: BuildMemory, to folder: CacheFolder, outputIdentity: String) throws(CacheError) {
        try folder.create()
        for (locale, index) in memory.search.locales.sorted(by: { $0.key < $1.key })
        where memory.searchChanged.contains(locale) || memory.searchChecksums[locale] == nil {
            let file = folder.search(locale)
            let temporary = CacheFolder.temporary(file)
            do throws(CacheError) {
                let checksum = try writeSearch(index, locale: locale, to: temporary)
                guard rename(temporary.path, file.path) == 0 else { throw CacheError("cannot write \(file.path)") }
                memory.searchChecksums[locale] = checksum
            } catch {
                unlink(temporary.path)
                memory.searchChecksums[locale] = nil
                throw error
            }
        }
        for locale in memory.searchChecksums.keys where memory.search.locales[locale] == nil {
            unlink(folder.search(locale).path)
            memory.searchChecksums[locale] = nil
        }
        memory.searchChanged = []
        try saveAllButSearch(memory, to: folder, outputIdentity: outputIdentity)
    }

    /// Writes the replies (when they changed) and `memory.bin`.
    static func saveAllButSearch(_ memory: BuildMemory, to folder: CacheFolder, outputIdentity: String) throws(CacheError) {
        let sources = try CacheFolder.replace(folder.sources, kind: sourcesKind) { writer in writer.array(memory.fileOrder) { writer.value(memory.files[$0]!) } }
        guard memory.repliesChanged || memory.repliesChecksum == nil else {
            try writeMemory(memory, to: folder, outputIdentity: outputIdentity, sourcesChecksum: sources) { memory.repliesChecksum ?? 0 }
            return
        }
        // The replies on another core while `memory.bin` is encoded; it ends with their checksum.
        memory.repliesChecksum = nil
        let replies = Locked<Result<UInt64, CacheError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let shared = UnsafeSendable(memory)
        DispatchQueue.global(qos: .userInitiated).async {
            let outcome: Result<UInt64, CacheError>
            do throws(CacheError) {
                let memory = shared.value
            let entries = memory.snippets.sorted { $0.key < $1.key }.map { SnippetBundle.EntrySnippets(key: $0.key, snippets: $0.value) }
            outcome = .success(try CacheFolder.replace(folder.replies, kind: repliesKind) { writeReplies(entries, ordered: memory.orderedSnippets, to: $0) })
            } catch {
                outcome = .failure(error)
            }
            replies.withLock { $0 = outcome }
            done.signal()
        }
        var checksum: UInt64?
        var waited = false
        // Never returns while the replies are being written, even when `memory.bin` fails.
        defer { if !waited { done.wait() } }
        try writeMemory(memory, to: folder, outputIdentity: outputIdentity, sourcesChecksum: sources) { () throws(CacheError) -> UInt64 in
            done.wait()
            waited = true
            let sum = try replies.withLock { $0 }!.get()
            checksum = sum
            return sum
        }
        memory.repliesChecksum = checksum
        memory.repliesChanged = false
    }

    /// The replies file: each entry's key and number of replies, then every reply in
    /// bundle (id) order with its entry (index) and its position among that entry's
    /// replies. A full build writes it as it serializes the replies (`RepliesFile`); both
    /// orders are read back without sorting. `ordered` is sorted by id: each reply's rank
    /// is found by binary search, so nothing per reply is kept but two numbers (a table
    /// by id would be ~30 MB at 100 000 entries).
    static func writeReplies(_ entries: [SnippetBundle.EntrySnippets], ordered: [SnippetBundle.SerializedSnippet], to writer: CacheWriter) {
        var positions = [(Int32, Int32)](repeating: (-1, -1), count: ordered.count)
        for (entry, item) in entries.enumerated() {
            for (reply, snippet) in item.snippets.enumerated() {
                var (low, high) = (0, ordered.count)
                while low < high {
                    let middle = (low + high) / 2
                    if ordered[middle].id < snippet.id { low = middle + 1 } else { high = middle }
                }
                // Equal ids (never in a valid site) take the next free rank.
                while low < ordered.count, positions[low].0 >= 0 { low += 1 }
                if low < ordered.count { positions[low] = (Int32(entry), Int32(reply)) }
            }
        }
        let file = RepliesFile(writer)
        file.begin(keys: entries.map(\.key), counts: entries.map(\.snippets.count))
        // A reply missing from `entries` is written at position -1: the reader refuses the file.
        for (rank, snippet) in ordered.enumerated() {
            file.write(SnippetBundle.PlacedSnippet(entry: Int(positions[rank].0), position: Int(positions[rank].1), snippet: snippet))
        }
    }

    /// Reads what `writeReplies` (or `RepliesFile`) wrote.
    static func readReplies(_ reader: CacheReader) throws(CacheError) -> (
        byEntry: [EntryKey: [SnippetBundle.SerializedSnippet]], ordered: [SnippetBundle.SerializedSnippet]
    ) {
        let inconsistent = CacheError("the cache's replies are inconsistent")
        let entries = try reader.array { () throws(CacheError) in (try reader.value(EntryKey.self), try reader.count()) }
        let count = try reader.count()
        var lists: [[SnippetBundle.SerializedSnippet?]] = []
        lists.reserveCapacity(entries.count)
        var total = 0
        for (_, replies) in entries {
            total += replies
            guard total <= count else { throw inconsistent }
            lists.append([SnippetBundle.SerializedSnippet?](repeating: nil, count: replies))
        }
        guard total == count else { throw inconsistent }
        var ordered: [SnippetBundle.SerializedSnippet] = []
        ordered.reserveCapacity(count)
        for _ in 0..<count {
            let (entry, position) = (try reader.int(), try reader.int())
            guard entry >= 0, entry < lists.count, position >= 0, position < lists[entry].count, lists[entry][position] == nil else {
                throw inconsistent
            }
            let snippet = try reader.value(SnippetBundle.SerializedSnippet.self)
            lists[entry][position] = snippet
            ordered.append(snippet)
        }
        // Every slot is filled: as many replies as slots, none twice.
        var byEntry: [EntryKey: [SnippetBundle.SerializedSnippet]] = [:]
        byEntry.reserveCapacity(entries.count)
        for (index, (key, _)) in entries.enumerated() { byEntry[key] = lists[index].map { $0! } }
        return (byEntry, ordered)
    }

    /// Writes `memory.bin` (all but the search postings, which `searchChecksums` names).
    static func writeMemory(
        _ memory: BuildMemory, to folder: CacheFolder, outputIdentity: String, sourcesChecksum: UInt64, repliesChecksum: () throws(CacheError) -> UInt64
    ) throws(CacheError) {
        try writeMemory(
            to: folder, inputs: memory.inputs, outputIdentity: outputIdentity, themeDiagnostics: memory.themeDiagnostics, sourcesChecksum: sourcesChecksum,
            assets: memory.assets.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
            entries: { writer in
                writer.array(memory.entries.sorted { $0.key < $1.key }) { _, record in
                    writer.value(record.result)
                    writer.optional(record.pageKey, writer.int)
                }
            },
            lists: memory.lists.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, sitemapKey: memory.sitemapKey, feedKeys: memory.feedKeys,
            sitemapFiles: memory.sitemapFiles, siteFileCount: memory.siteFileCount, fixedFileCount: memory.fixedFileCount, result: memory.result,
            pending: memory.pending, searchChecksums: memory.searchChecksums, repliesChecksum: repliesChecksum)
    }

    /// Writes `memory.bin` straight from what a full build recorded, without making a
    /// `BuildMemory` (whose tables would add to the build's peak memory at 100 000
    /// entries): the same values `BuildMemory.init(_:root:…)` would hold, in the same layout.
    static func writeRecorded(
        _ recorder: BuildRecorder, to folder: CacheFolder, root: URL, inputs: Int, outputIdentity: String, result: BuildResult,
        searchChecksums: [String: UInt64], sourcesChecksum: UInt64, repliesChecksum: UInt64
    ) throws(CacheError) {
        guard let sources = recorder.sources, let site = recorder.site, let rendered = recorder.entries else {
            throw CacheError("the build stopped early")
        }
        let context = site.pages.context
        let config = context.config
        let contentDirectory = config.resolve(config.contentPath, root: root)
        // Rendered in site order: the results line up with the index's entries (no table by key).
        let entries = site.index.entries
        guard entries.count == rendered.published.count, zip(entries, rendered.published).allSatisfy({ $0.key == $1.key }) else {
            throw CacheError("the build's results do not match its entries")
        }
        let pageKeys = Parallel.map(Array(entries.indices), chunkSize: 256) { PageKeys.entry(entries[$0], context: context) }
        let siteKeys = PageKeys.siteFiles(site.index, config: config, today: context.today)
        let made = recorder.siteFiles
            ?? SiteFiles.make(config: config, urls: context.urls, index: site.index, strings: context.theme.strings, today: context.today).map(\.path)
        let console = AgentConsole.isEnabled(config: config, theme: context.theme)
        let fixedFileCount = 2 + config.locales.count + context.theme.assets.count + (console ? config.locales.count + context.theme.agentFiles.count : 0)
        var lists: [(String, Int)] = []
        var listed = Set<String>()
        for item in PageKeys.lists(site.pages) where listed.insert(item.file).inserted { lists.append((item.file, item.key)) }
        try writeMemory(
            to: folder, inputs: inputs, outputIdentity: outputIdentity, themeDiagnostics: recorder.themeDiagnostics, sourcesChecksum: sourcesChecksum,
            // Stamped after the build copied them (as `BuildMemory` does).
            assets: sources.assets.map { ($0, FileStamp(path: contentDirectory.appendingPathComponent($0).path)) },
            entries: { writer in
                writer.varint(UInt64(rendered.published.count + rendered.drafts.count))
                for (result, pageKey) in zip(rendered.published, pageKeys) {
                    writer.value(result)
                    writer.optional(Optional(pageKey), writer.int)
                }
                for result in rendered.drafts {
                    writer.value(result)
                    writer.optional(Int?.none, writer.int)
                }
            },
            lists: lists, sitemapKey: siteKeys.sitemap, feedKeys: siteKeys.feeds, sitemapFiles: Set(made.filter(Sitemap.isSitemapFile)),
            siteFileCount: made.count, fixedFileCount: fixedFileCount, result: result, pending: [], searchChecksums: searchChecksums,
            repliesChecksum: { repliesChecksum })
    }

    /// The layout of `memory.bin` (read by `Stored`).
    private static func writeMemory(
        to folder: CacheFolder, inputs: Int, outputIdentity: String, themeDiagnostics: Diagnostics, sourcesChecksum: UInt64,
        assets: [(String, FileStamp?)], entries: (CacheWriter) -> Void, lists: [(String, Int)], sitemapKey: Int, feedKeys: [String: Int],
        sitemapFiles: Set<String>, siteFileCount: Int, fixedFileCount: Int, result: BuildResult, pending: Set<String>,
        searchChecksums: [String: UInt64], repliesChecksum: () throws(CacheError) -> UInt64
    ) throws(CacheError) {
        _ = try CacheFolder.replace(folder.memory, kind: memoryKind) { writer throws(CacheError) in
            writer.raw(UInt64(bitPattern: Int64(inputs)))
            writer.string(outputIdentity)
            writer.value(themeDiagnostics)
            writer.raw(sourcesChecksum)
            writer.array(assets) { path, stamp in
                writer.string(path)
                writer.optional(stamp, writer.value)
            }
            entries(writer)
            writer.array(lists) { file, key in
                writer.string(file)
                writer.int(key)
            }
            writer.int(sitemapKey)
            writer.array(feedKeys.sorted { $0.key < $1.key }) { locale, key in
                writer.string(locale)
                writer.int(key)
            }
            writer.strings(sitemapFiles.sorted())
            writer.int(siteFileCount)
            writer.int(fixedFileCount)
            writer.value(result.diagnostics)
            for count in [result.report.entries, result.report.pages, result.report.replies, result.report.files] { writer.int(count) }
            writer.strings(pending.sorted())
            writer.array(searchChecksums.sorted { $0.key < $1.key }) { locale, checksum in
                writer.string(locale)
                writer.raw(checksum)
            }
            writer.raw(try repliesChecksum())
        }
    }

    static let outputChanged = CacheError("the output folder was replaced or deleted since the last build")

    /// Reads the memory `folder` holds for a build of `options` into `output`, or
    /// throws why it cannot be used (the build then says so and builds in full).
    static func load(
        from folder: CacheFolder, options: BuildOptions, config: SiteConfig, configDiagnostics: Diagnostics, output: URL
    ) throws(CacheError) -> BuildMemory {
        var clock = StageClock()
        return try load(from: folder, options: options, config: config, configDiagnostics: configDiagnostics, output: output, clock: &clock)
    }

    static func load(
        from folder: CacheFolder, options: BuildOptions, config: SiteConfig, configDiagnostics: Diagnostics, output: URL, clock: inout StageClock
    ) throws(CacheError) -> BuildMemory {
        guard FileManager.default.fileExists(atPath: folder.memory.path) else { throw CacheError("no cache") }
        // Without the output folder the memory cannot be used: not read (23 ms at 10 000 entries).
        guard BuildCache.identity(of: output) != nil else { throw Self.outputChanged }
        let stored = try clock.measure("cache-read") { () throws(CacheError) in
            try CacheFormat.read(folder.memory, kind: memoryKind) { reader throws(CacheError) in try Stored(from: reader) }.value
        }
        guard let identity = BuildCache.identity(of: output), identity == stored.outputIdentity else { throw Self.outputChanged }
        guard FileManager.default.fileExists(atPath: folder.replies.path), FileManager.default.fileExists(atPath: folder.sources.path) else {
            throw CacheError("the cache is incomplete")
        }
        // The search postings, a locale per core, and the replies.
        let locales = stored.searchChecksums.sorted { $0.key < $1.key }
        let (indexes, replies, files) = try clock.measure("cache-read") { () throws(CacheError) in
            try readSearchAndReplies(folder, locales: locales, repliesChecksum: stored.repliesChecksum, sourcesChecksum: stored.sourcesChecksum)
        }
        var searchLocales: [String: SearchLocaleIndex] = [:]
        for (item, index) in zip(locales, indexes) { searchLocales[item.key] = index }
        let analyzers = Dictionary(uniqueKeysWithValues: searchLocales.keys.map { ($0, Analyzer.Pool(Analyzer(locale: $0))) })
        return try restore(
            stored, files: files, search: SearchIndexSnapshot(locales: searchLocales, analyzers: analyzers), replies: replies, options: options,
            config: config, configDiagnostics: configDiagnostics, output: output, clock: &clock)
    }

    /// Reads every locale's search file and the replies file on all cores.
    private static func readSearchAndReplies(
        _ folder: CacheFolder, locales: [(key: String, value: UInt64)], repliesChecksum: UInt64, sourcesChecksum: UInt64
    ) throws(CacheError) -> (
        [SearchLocaleIndex], (byEntry: [EntryKey: [SnippetBundle.SerializedSnippet]], ordered: [SnippetBundle.SerializedSnippet]), [SourceFile]
    ) {
        enum Part: Sendable {
            case search(SearchLocaleIndex)
            case replies([EntryKey: [SnippetBundle.SerializedSnippet]], [SnippetBundle.SerializedSnippet])
            case sources([SourceFile])
        }
        // The replies and sources first: the largest files, read while the locales are.
        let jobs: [(key: String, value: UInt64)?] = [nil, ("", 0)] + locales.map { Optional($0) }
        let parts = Parallel.map(jobs, chunkSize: 1) { job -> Result<Part, CacheError> in
            do throws(CacheError) {
                if let job, job.key.isEmpty {
                    let (files, sum) = try CacheFormat.read(folder.sources, kind: sourcesKind) { reader throws(CacheError) in try reader.array(SourceFile.self) }
                    guard sum == sourcesChecksum else { throw CacheError("the cache's content files are from another build") }
                    return .success(.sources(files))
                }
                guard let (locale, checksum) = job else {
                    let (replies, sum) = try CacheFormat.read(folder.replies, kind: repliesKind) { reader throws(CacheError) in try readReplies(reader) }
                    guard sum == repliesChecksum else { throw CacheError("the cache's replies are from another build") }
                    return .success(.replies(replies.byEntry, replies.ordered))
                }
                guard FileManager.default.fileExists(atPath: folder.search(locale).path) else { throw CacheError("the cache is incomplete") }
                let (index, sum) = try CacheFormat.read(folder.search(locale), kind: searchKind) { reader throws(CacheError) -> SearchLocaleIndex in
                    guard try reader.string() == locale else { throw CacheError("the cache's search files are mixed up") }
                    return try reader.value(SearchLocaleIndex.self)
                }
                guard sum == checksum else { throw CacheError("the cache's search files are from another build") }
                return .success(.search(index))
            } catch {
                return .failure(error)
            }
        }
        var indexes: [SearchLocaleIndex] = []
        var replies: ([EntryKey: [SnippetBundle.SerializedSnippet]], [SnippetBundle.SerializedSnippet]) = ([:], [])
        var sources: [SourceFile] = []
        for part in parts {
            switch try part.get() {
            case let .search(index): indexes.append(index)
            case let .replies(byEntry, ordered): replies = (byEntry, ordered)
            case let .sources(files): sources = files
            }
        }
        return (indexes, replies, sources)
    }

    /// The memory from what was read, with the site-wide tables made again.
    private static func restore(
        _ stored: Stored, files sourceFiles: [SourceFile], search: SearchIndexSnapshot, replies: (byEntry: [EntryKey: [SnippetBundle.SerializedSnippet]], ordered: [SnippetBundle.SerializedSnippet]),
        options: BuildOptions, config: SiteConfig, configDiagnostics: Diagnostics, output: URL, clock: inout StageClock
    ) throws(CacheError) -> BuildMemory {
        // What is made again: the theme, the content as validated, the site index and link tables.
        let templates = config.resolve(config.templatesPath, root: options.root)
        let (loadedTheme, themeDiagnostics) = ThemeLoader.load(templates, displayPath: config.templatesPath, config: config)
        guard let theme = loadedTheme, themeDiagnostics == stored.themeDiagnostics else { throw CacheError("the theme changed") }
        guard zip(sourceFiles, sourceFiles.dropFirst()).allSatisfy({ $0.relative < $1.relative }) else { throw CacheError("the cache's content files are out of order") }
        let files = Dictionary(sourceFiles.map { ($0.relative, $0) }, uniquingKeysWith: { a, _ in a })
        let content = clock.measure("cache-validate") { ContentLoader.assemble(sourceFiles, assets: stored.assets.map(\.path), config: config) }
        let start = DispatchTime.now().uptimeNanoseconds
        defer { clock.add("cache-site", seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) }
        let tables = SiteTables(content: content, config: config, includeDrafts: options.includeDrafts)
        let (urls, index, drafts, links, draftLinks) = (tables.urls, tables.index, tables.drafts, tables.links, tables.draftLinks)
        let pages = PageRenderer(context: PageContext(config: config, theme: theme, urls: urls, index: index, today: options.today, version: Builder.version))

        var result = BuildResult(diagnostics: stored.diagnostics, report: BuildReport())
        (result.report.entries, result.report.pages, result.report.replies, result.report.files) = stored.counts
        result.report.output = output
        let memory = BuildMemory(
            inputs: stored.inputs, output: output, configDiagnostics: configDiagnostics, themeDiagnostics: themeDiagnostics, files: files,
            assets: Dictionary(stored.assets.map { ($0.path, $0.stamp) }, uniquingKeysWith: { a, _ in a }), content: content, links: links,
            draftLinks: draftLinks, pages: pages, entries: stored.entries, lists: stored.lists,
            search: search, snippets: replies.byEntry, orderedSnippets: replies.ordered,
            stale: TranslationSync.staleKeys(in: index.entries, defaultLocale: config.defaultLocale), sitemapKey: stored.sitemapKey,
            feedKeys: stored.feedKeys, sitemapFiles: stored.sitemapFiles, siteFileCount: stored.siteFileCount,
            fixedFileCount: stored.fixedFileCount, result: result, pending: stored.pending, searchChecksums: stored.searchChecksums,
            repliesChecksum: stored.repliesChecksum, drafts: drafts)
        return memory
    }

    /// What `memory.bin` holds, as read.
    private struct Stored {
        var inputs: Int
        var outputIdentity: String
        var themeDiagnostics: Diagnostics
        var sourcesChecksum: UInt64
        var assets: [(path: String, stamp: FileStamp?)]
        var entries: [EntryKey: BuildMemory.EntryRecord]
        var lists: [String: Int]
        var sitemapKey: Int
        var feedKeys: [String: Int]
        var sitemapFiles: Set<String>
        var siteFileCount: Int
        var fixedFileCount: Int
        var diagnostics: Diagnostics
        var counts: (Int, Int, Int, Int)
        var pending: Set<String>
        var searchChecksums: [String: UInt64]
        var repliesChecksum: UInt64

        init(from reader: CacheReader) throws(CacheError) {
            inputs = Int(Int64(bitPattern: try reader.raw()))
            outputIdentity = try reader.string()
            themeDiagnostics = try reader.value()
            sourcesChecksum = try reader.raw()
            assets = try reader.array { () throws(CacheError) in
                (try reader.string(), try reader.optional { () throws(CacheError) in try reader.value(FileStamp.self) })
            }
            let records = try reader.array { () throws(CacheError) -> BuildMemory.EntryRecord in
                BuildMemory.EntryRecord(result: try reader.value(), pageKey: try reader.optional { () throws(CacheError) in try reader.int() })
            }
            entries = Dictionary(records.map { ($0.result.key, $0) }, uniquingKeysWith: { a, _ in a })
            lists = Dictionary(
                try reader.array { () throws(CacheError) in (try reader.string(), try reader.int()) }, uniquingKeysWith: { a, _ in a })
            sitemapKey = try reader.int()
            feedKeys = Dictionary(
                try reader.array { () throws(CacheError) in (try reader.string(), try reader.int()) }, uniquingKeysWith: { a, _ in a })
            sitemapFiles = Set(try reader.strings())
            siteFileCount = try reader.int()
            fixedFileCount = try reader.int()
            diagnostics = try reader.value()
            counts = (try reader.int(), try reader.int(), try reader.int(), try reader.int())
            pending = Set(try reader.strings())
            searchChecksums = Dictionary(
                try reader.array { () throws(CacheError) in (try reader.string(), try reader.raw()) }, uniquingKeysWith: { a, _ in a })
            repliesChecksum = try reader.raw()
        }
    }
}

/// Streams each locale's search postings to the cache as a full build finishes it (the
/// postings are freed right after, as without a cache: a 100 000-entry build never
/// holds every locale's), then writes `memory.bin` once the output is in place.
final class CacheSession: @unchecked Sendable {
    let folder: CacheFolder
    private let written = Locked<[String: UInt64]>([:])
    private let failure = Locked<CacheError?>(nil)
    private let replies = Locked<UInt64?>(nil)
    private let sources = Locked<UInt64?>(nil)
    private let sourcesWritten = DispatchGroup()
    /// The files the new ones replace, deleted in the background (`wait()` before exit).
    let superseded = DeferredRemoval()

    init(folder: CacheFolder) throws(CacheError) {
        self.folder = folder
        try folder.create()
    }

    /// For `BuildRecorder.persistSearch`: writes the locale's file under a temporary name.
    func persistSearch(_ locale: String, _ index: SearchLocaleIndex) {
        do throws(CacheError) {
            let checksum = try PersistedMemory.writeSearch(index, locale: locale, to: CacheFolder.temporary(folder.search(locale)))
            written.withLock { $0[locale] = checksum }
        } catch {
            failure.withLock { $0 = $0 ?? error }
        }
    }

    /// For `BuildRecorder.persistSources`: writes the parsed content files under a
    /// temporary name on another core (while pages render), then lets go of them: kept
    /// to the end of a 100 000-entry build they would add ~50 MB to its peak.
    func persistSources(_ files: [SourceFile]) {
        sourcesWritten.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            defer { sourcesWritten.leave() }
            do throws(CacheError) {
                let writer = try CacheFormat.create(CacheFolder.temporary(folder.sources).path, kind: PersistedMemory.sourcesKind)
                // In path order, as `BuildMemory` keeps them (the reader checks).
                if zip(files, files.dropFirst()).allSatisfy({ $0.relative < $1.relative }) {
                    writer.array(files)
                } else {
                    writer.array(files.sorted { $0.relative < $1.relative })
                }
                let checksum = try writer.finish()
                sources.withLock { $0 = checksum }
            } catch {
                failure.withLock { $0 = $0 ?? error }
            }
        }
    }

    /// For `BuildRecorder.persistReplies`: writes the replies file under a temporary name
    /// as the bundles are written.
    func repliesWriter() -> SerializedReplySink {
        SessionReplies(session: self)
    }

    /// Streams the replies of a full build to the replies file (`PersistedMemory.writeReplies`).
    private final class SessionReplies: SerializedReplySink, @unchecked Sendable {
        let session: CacheSession
        var file: RepliesFile?

        init(session: CacheSession) { self.session = session }

        func begin(keys: [EntryKey], counts: [Int]) {
            do throws(CacheError) {
                let writer = try CacheFormat.create(CacheFolder.temporary(session.folder.replies).path, kind: PersistedMemory.repliesKind)
                file = RepliesFile(writer)
                file?.begin(keys: keys, counts: counts)
            } catch {
                session.failure.withLock { $0 = $0 ?? error }
            }
        }

        func take(_ replies: [SnippetBundle.PlacedSnippet]) {
            file?.take(replies)
        }

        func end() {
            guard let file else { return }
            self.file = nil
            do throws(CacheError) {
                let checksum = try file.writer.finish()
                session.replies.withLock { $0 = checksum }
            } catch {
                session.failure.withLock { $0 = $0 ?? error }
            }
        }
    }

    /// Puts the search and replies files in place and writes `memory.bin` for the full
    /// build `recorder` saw; the output must be in place already.
    func commit(_ recorder: BuildRecorder, root: URL, inputs: Int, result: BuildResult, outputIdentity: String) throws(CacheError) {
        sourcesWritten.wait()
        if let error = failure.withLock({ $0 }) { throw error }
        let checksums = written.withLock { $0 }
        for locale in checksums.keys.sorted() {
            let file = folder.search(locale)
            superseded.removeAside(file.path)
            guard rename(CacheFolder.temporary(file).path, file.path) == 0 else { throw CacheError("cannot write \(file.path)") }
        }
        // Search files of locales the site no longer has, and files an interrupted build set aside.
        let kept = Set(checksums.keys.map { folder.search($0).lastPathComponent })
        let mine = ".bin.old-\(getpid())"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.url.path)) ?? []
        where (name.hasPrefix("search-") && name.hasSuffix(".bin") && !kept.contains(name)) || (name.contains(".bin.old-") && !name.hasSuffix(mine)) {
            superseded.remove(folder.url.appendingPathComponent(name).path)
        }
        guard let repliesChecksum = replies.withLock({ $0 }), let sourcesChecksum = sources.withLock({ $0 }) else {
            throw CacheError("the replies or content files were not written")
        }
        for file in [folder.replies, folder.sources] {
            superseded.removeAside(file.path)
            guard rename(CacheFolder.temporary(file).path, file.path) == 0 else { throw CacheError("cannot write \(file.path)") }
        }
        try PersistedMemory.writeRecorded(
            recorder, to: folder, root: root, inputs: inputs, outputIdentity: outputIdentity, result: result, searchChecksums: checksums,
            sourcesChecksum: sourcesChecksum, repliesChecksum: repliesChecksum)
    }

    /// Removes the temporary files of a build that did not finish.
    func discard() {
        sourcesWritten.wait()
        unlink(CacheFolder.temporary(folder.sources).path)
        for locale in written.withLock({ $0.keys }) { unlink(CacheFolder.temporary(folder.search(locale)).path) }
        unlink(CacheFolder.temporary(folder.replies).path)
    }
}

/// Writes the replies file (`PersistedMemory.writeReplies`) as replies come, in bundle order.
final class RepliesFile: SerializedReplySink, @unchecked Sendable {
    let writer: CacheWriter

    init(_ writer: CacheWriter) { self.writer = writer }

    func begin(keys: [EntryKey], counts: [Int]) {
        writer.array(Array(zip(keys, counts))) { key, count in
            writer.value(key)
            writer.varint(UInt64(count))
        }
        writer.varint(UInt64(counts.reduce(0, +)))
    }

    func take(_ replies: [SnippetBundle.PlacedSnippet]) {
        for reply in replies { write(reply) }
    }

    func write(_ reply: SnippetBundle.PlacedSnippet) {
        writer.int(reply.entry)
        writer.int(reply.position)
        writer.value(reply.snippet)
    }

    func end() {}
}
