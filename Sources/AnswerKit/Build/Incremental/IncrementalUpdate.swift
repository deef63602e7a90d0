import Foundation

/// One incremental build: `Builder.rebuild` when the global inputs are unchanged.
struct IncrementalUpdate {
    let options: BuildOptions
    let config: SiteConfig
    let configDiagnostics: Diagnostics
    let memory: BuildMemory
    let startClock: StageClock
    let contentDirectory: URL

    init(options: BuildOptions, config: SiteConfig, configDiagnostics: Diagnostics, memory: BuildMemory, clock: StageClock) {
        self.options = options
        self.config = config
        self.configDiagnostics = configDiagnostics
        self.memory = memory
        startClock = clock
        contentDirectory = config.resolve(config.contentPath, root: options.root)
    }

    // MARK: - Finding what changed

    /// What changed on disk since the memory's build.
    struct SourceChanges {
        /// Markdown files read again (or gone: `nil`), by content-relative path.
        var files: [String: SourceFile?] = [:]
        /// Assets added or modified (`true`) or gone (`false`).
        var assets: [String: Bool] = [:]
        var isEmpty: Bool { files.isEmpty && assets.isEmpty }
    }

    /// The content-relative paths to look at: those reported (when every one of
    /// them is a known file or an absent one), else every file under the content folder.
    func candidates(_ changed: Set<String>?) throws(BuildFailure) -> [String] {
        if let changed {
            let base = contentDirectory.standardizedFileURL.path + "/"
            var paths: [String] = []
            var needsScan = false
            for path in changed {
                let absolute = path.hasPrefix("/") ? path : options.root.appendingPathComponent(path).standardizedFileURL.path
                guard absolute.hasPrefix(base) else { continue }  // config and theme: part of the inputs digest
                let relative = String(absolute.dropFirst(base.count))
                if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
                var isDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory)
                let known = memory.files[relative] != nil || memory.assets[relative] != nil
                // A folder created, moved or removed: its files were not all reported.
                if (exists && isDirectory.boolValue) || (!exists && !known) { needsScan = true; break }
                paths.append(relative)
            }
            if !needsScan { return paths }
        }
        let present = try ContentLoader.discover(contentDirectory)
        return Array(Set(present).union(memory.files.keys).union(memory.assets.keys))
    }

    /// The absolute path of a content-relative one (how `pending` keeps them).
    func contentPath(_ relative: String) -> String {
        contentDirectory.appendingPathComponent(relative).standardizedFileURL.path
    }

    /// Reads the Markdown files among `paths` whose stamp changed, and notes changed assets.
    func changes(in paths: [String]) -> SourceChanges {
        var changes = SourceChanges()
        let parser = EntryParser(config: config, today: options.today)
        var toRead: [String] = []
        let directory = contentDirectory.path
        for path in paths {
            // Joined as text: `URL.appendingPathComponent` would stat every path once more.
            let stamp = FileStamp(path: directory + "/" + path)
            if path.hasSuffix(".md") {
                if stamp == nil {
                    if memory.files[path] != nil { changes.files[path] = .some(nil) }
                } else if memory.files[path]?.stamp != stamp {
                    toRead.append(path)
                }
            } else if stamp == nil {
                if memory.assets[path] != nil { changes.assets[path] = false }
            } else if memory.assets[path] != .some(stamp) {
                changes.assets[path] = true
            }
        }
        for file in Parallel.map(toRead, { ContentLoader.readFile($0, directory: contentDirectory, config: config, parser: parser) }) {
            if let known = memory.files[file.relative], known.digest == file.digest {
                // Saved with the same bytes (a touch, an editor's save without edits): nothing to build.
                memory.files[file.relative]?.stamp = file.stamp
                continue
            }
            changes.files[file.relative] = file
        }
        return changes
    }

    /// The entry keys a file stood for before and stands for now.
    static func keys(of file: SourceFile?) -> EntryKey? {
        if case let .entry(entry, _)? = file?.result { return entry.key }
        return nil
    }

    // MARK: - The build

    func run(changed: Set<String>?) throws(BuildFailure) -> (result: BuildResult, memory: BuildMemory?) {
        var clock = startClock
        var report = IncrementalReport()
        let paths = try clock.measure("scan") { () throws(BuildFailure) in try candidates(changed.map { $0.union(memory.pending) }) }
        let sourceChanges = clock.measure("load") { changes(in: paths) }
        guard !sourceChanges.isEmpty else {
            var result = memory.result
            result.report.upToDate = true
            result.report.incremental = report
            result.report.stages = clock.stages
            return (result, memory)
        }
        report.sourcesRead = sourceChanges.files.values.count { $0 != nil }
        if let result = try inPlace(sourceChanges, clock: &clock, report: &report) { return result }

        // The content as a whole, and the tables every dependency is read from.
        var files = memory.files
        var changedKeys = Set<EntryKey>()
        for (path, file) in sourceChanges.files {
            if let key = Self.keys(of: files[path]) { changedKeys.insert(key) }
            if let key = Self.keys(of: file) { changedKeys.insert(key) }
            files[path] = file
        }
        var assets = memory.assets
        for (path, present) in sourceChanges.assets {
            if present {
                assets[path] = .some(FileStamp(path: contentDirectory.appendingPathComponent(path).path))
            } else {
                assets.removeValue(forKey: path)
            }
        }
        let content = clock.measure("validate") {
            ContentLoader.assemble(files.keys.sorted().map { files[$0]! }, assets: assets.keys.sorted(), config: config)
        }
        let theme = memory.pages.context.theme
        let tables = clock.measure("index") { SiteTables(content: content, config: config, includeDrafts: options.includeDrafts) }
        let (urls, index, publishedKeys, drafts) = (tables.urls, tables.index, tables.publishedKeys, tables.drafts)
        let (links, draftLinks) = (tables.links, tables.draftLinks)
        let rightToLeft = Set(config.locales.filter { $0.direction == .rtl }.map(\.code))
        let markdown = MarkdownRenderer(links: links, allowRawHTML: config.allowRawHTML, rightToLeftLocales: rightToLeft)
        let draftMarkdown = MarkdownRenderer(links: draftLinks, allowRawHTML: config.allowRawHTML, rightToLeftLocales: rightToLeft)
        let pages = PageRenderer(context: PageContext(config: config, theme: theme, urls: urls, index: index, today: options.today, version: Builder.version))
        let context = pages.context

        // Entry pages whose inputs changed.
        let changedPaths = links.changedPaths(comparedWith: memory.links)
        let changedDraftPaths = draftLinks.changedPaths(comparedWith: memory.draftLinks)
        var pageKeys: [EntryKey: Int] = [:]
        let toRender = clock.measure("plan") {
            index.entries.filter { entry in
                let key = PageKeys.entry(entry, context: context)
                pageKeys[entry.key] = key
                guard let record = memory.entries[entry.key], let old = record.pageKey, !changedKeys.contains(entry.key), old == key else { return true }
                return !changedPaths.isEmpty && record.result.linkedPaths.contains { LinkTable.isAffected($0, by: changedPaths) }
            }
        }
        let toCheck = drafts.filter { entry in
            guard let record = memory.entries[entry.key], record.pageKey == nil, !changedKeys.contains(entry.key) else { return true }
            return !changedDraftPaths.isEmpty && record.result.linkedPaths.contains { LinkTable.isAffected($0, by: changedDraftPaths) }
        }
        let sink = PendingOutput()
        let (rendered, checked, documents) = try render(
            toRender, drafts: toCheck, markdown: (markdown, draftMarkdown), pages: pages, categories: content.categories, sink: sink, clock: &clock)
        report.pagesRendered += rendered.count
        var entries: [EntryKey: BuildMemory.EntryRecord] = [:]
        entries.reserveCapacity(index.entries.count + drafts.count)
        for entry in index.entries { entries[entry.key] = memory.entries[entry.key] }
        for entry in drafts { entries[entry.key] = memory.entries[entry.key] }
        for result in rendered { entries[result.key] = BuildMemory.EntryRecord(result: result, pageKey: pageKeys[result.key]) }
        for result in checked { entries[result.key] = BuildMemory.EntryRecord(result: result, pageKey: nil) }
        var removed: [String] = []
        for (key, record) in memory.entries where record.pageKey != nil && !publishedKeys.contains(key) {
            removed.append(urls.entryFile(key))
        }

        // Diagnostics, in the order a full build reports them.
        var diagnostics = configDiagnostics
        diagnostics.append(contentsOf: memory.themeDiagnostics)
        diagnostics.append(contentsOf: content.diagnostics)
        var anchored: [InternalLink] = []
        for key in index.entries.map(\.key) + drafts.map(\.key) {
            guard let result = entries[key]?.result else { continue }
            diagnostics.append(contentsOf: result.diagnostics)
            anchored += result.anchoredLinks
        }
        diagnostics.append(contentsOf: Builder.checkAnchors(anchored) { entries[$0].map { Set($0.result.headingIDs) } })
        if options.strict { diagnostics = diagnostics.strict }
        guard !diagnostics.hasErrors else {
            var report = BuildReport()
            report.stages = clock.stages
            memory.pending.formUnion(sourceChanges.files.keys.map { contentPath($0) })
            memory.pending.formUnion(sourceChanges.assets.keys.map { contentPath($0) })
            return (BuildResult(diagnostics: diagnostics, report: report), memory)
        }

        // List pages whose key changed.
        let listKeys = clock.measure("plan") { PageKeys.lists(pages) }
        let stale = listKeys.filter { memory.lists[$0.file] != $0.key }
        try clock.measure("lists") { () throws(BuildFailure) in
            for item in stale { try sink.write(pages.render(item.job)) }
        }
        report.pagesRendered += stale.count
        let listFiles = Set(listKeys.map(\.file))
        removed += memory.lists.keys.filter { !listFiles.contains($0) }

        // Search shards of the changed entries.
        let searchBefore = memory.search.locales.mapValues(\.keys)
        let searchChanges = clock.measure("search") {
            memory.search.update(entries: index.entries, changed: documents)
        }
        memory.noteSearchChanges(before: searchBefore, changed: changedKeys.union(documents.keys))
        for file in searchChanges.write { try sink.write(file) }
        removed += searchChanges.delete

        // Bundles, when a reply changed.
        let (snippets, ordered, staleKeys, replyCount) = try clock.measure("bundles") { () throws(BuildFailure) in
            try bundles(index: index, urls: urls, changedKeys: changedKeys, sink: sink)
        }

        // Sitemap and feeds, when what they list changed.
        let siteKeys = PageKeys.siteFiles(index, config: config, today: options.today)
        var sitemapFiles = memory.sitemapFiles
        var siteFileCount = memory.siteFileCount
        if siteKeys.sitemap != memory.sitemapKey || siteKeys.feeds != memory.feedKeys {
            try clock.measure("site") { () throws(BuildFailure) in
                let made = SiteFiles.make(config: config, urls: urls, index: index, strings: theme.strings, today: options.today)
                siteFileCount = made.count
                let newSitemapFiles = Set(made.map(\.path).filter(Sitemap.isSitemapFile))
                for file in made {
                    if Sitemap.isSitemapFile(file.path) {
                        if siteKeys.sitemap != memory.sitemapKey { try sink.write(file.file) }
                    } else if let locale = config.locales.first(where: { AtomFeed.path(locale: $0.code) == file.path }) {
                        if siteKeys.feeds[locale.code] != memory.feedKeys[locale.code] { try sink.write(file.file) }
                    }
                }
                removed += sitemapFiles.subtracting(newSitemapFiles)
                sitemapFiles = newSitemapFiles
            }
        }

        // Content assets.
        for (path, present) in sourceChanges.assets.sorted(by: { $0.key < $1.key }) {
            if present {
                try sink.copy(from: contentDirectory.appendingPathComponent(path), to: path)
            } else {
                removed.append(path)
            }
        }

        // Write.
        let written = sink.contents
        try clock.measure("write") { () throws(BuildFailure) in
            try OutputFolder.apply(written, removing: removed.filter { written[$0] == nil }, in: memory.output)
        }
        report.filesWritten = written.count
        report.filesRemoved = removed.count

        var result = BuildResult(diagnostics: diagnostics, report: BuildReport())
        result.report.entries = index.entries.count
        result.report.pages = index.entries.count + listKeys.count
        result.report.replies = replyCount
        result.report.files = result.report.pages + memory.fixedFileCount + content.assets.count + siteFileCount
        result.report.output = memory.output

        let next = memory
        next.files = files
        next.assets = assets
        next.links = links
        next.draftLinks = draftLinks
        next.pages = pages
        next.content = content
        next.locate(drafts: drafts)
        next.entries = entries
        next.lists = Dictionary(listKeys.map { ($0.file, $0.key) }, uniquingKeysWith: { a, _ in a })
        next.snippets = snippets
        next.orderedSnippets = ordered
        next.repliesChanged = true
        next.stale = staleKeys
        next.sitemapKey = siteKeys.sitemap
        next.feedKeys = siteKeys.feeds
        next.sitemapFiles = sitemapFiles
        next.siteFileCount = siteFileCount
        next.result = result
        next.pending = []
        result.report.incremental = report
        result.report.stages = clock.stages
        return (result, next)
    }

    /// Renders the pages of `published` entries (and their search documents) and checks
    /// `drafts`, into `sink`.
    func render(
        _ published: [Entry], drafts: [Entry], markdown: (published: MarkdownRenderer, drafts: MarkdownRenderer), pages: PageRenderer,
        categories: [Category], sink: some OutputSink, clock: inout StageClock
    ) throws(BuildFailure) -> (rendered: [Builder.EntryResult], checked: [Builder.EntryResult], documents: [EntryKey: SearchDocument]) {
        let urls = pages.context.urls
        let documents = Locked<[EntryKey: SearchDocument]>([:])
        let categoryTitles = Dictionary(categories.map { ("\($0.locale)/\($0.slug)", $0.title) }, uniquingKeysWith: { first, _ in first })
        let rendered = try clock.measure("render") { () throws(BuildFailure) in
            try Builder.renderEntries(published, directory: contentDirectory, markdown: markdown.published, pages: pages, sink: sink) { entry, body in
                guard entry.status != .retired else { return }
                let document = Builder.searchDocument(entry, body: body, urls: urls, categoryTitles: categoryTitles)
                documents.withLock { $0[entry.key] = document }
            }
        }
        let checked = try clock.measure("render") { () throws(BuildFailure) in
            try Builder.renderEntries(drafts, directory: contentDirectory, markdown: markdown.drafts, pages: nil, sink: sink)
        }
        return (rendered, checked, documents.withLock { $0 })
    }

    /// Serializes the replies of entries that changed (or whose stale-translation mark
    /// did) and, when any reply changed, writes the bundles of all locales and of each
    /// locale whose replies changed.
    func bundles(
        index: SiteIndex, urls: URLScheme, changedKeys: Set<EntryKey>, sink: some OutputSink
    ) throws(BuildFailure) -> ([EntryKey: [SnippetBundle.SerializedSnippet]], [SnippetBundle.SerializedSnippet], Set<EntryKey>, Int) {
        let stale = TranslationSync.staleKeys(in: index.entries, defaultLocale: config.defaultLocale)
        let restamped = stale.symmetricDifference(memory.stale)
        var snippets = memory.snippets
        var removedIDs = Set<String>()
        var added: [SnippetBundle.SerializedSnippet] = []
        var locales = Set<String>()
        var published = Set<EntryKey>()
        for entry in index.entries {
            published.insert(entry.key)
            guard changedKeys.contains(entry.key) || restamped.contains(entry.key) || memory.snippets[entry.key] == nil else { continue }
            let new = SnippetBundle.serialize(entry, config: config, urls: urls, today: options.today, stale: stale).snippets
            let old = memory.snippets[entry.key] ?? []
            guard new != old else { continue }
            for snippet in old { removedIDs.insert(snippet.id); locales.insert(snippet.locale) }
            for snippet in new { locales.insert(snippet.locale) }
            added += new
            snippets[entry.key] = new
        }
        for (key, old) in memory.snippets where !published.contains(key) {
            for snippet in old { removedIDs.insert(snippet.id); locales.insert(snippet.locale) }
            snippets[key] = nil
        }
        guard !locales.isEmpty else { return (snippets, memory.orderedSnippets, stale, memory.orderedSnippets.count) }
        var ordered = memory.orderedSnippets
        Self.patch(&ordered, removing: removedIDs, adding: added)
        try writeBundles(ordered, locales: locales, to: sink)
        return (snippets, ordered, stale, ordered.count)
    }

    /// Removes the replies `removing` from `ordered` (sorted by id) and inserts `adding`,
    /// keeping it sorted: binary searches and moves, no pass over every reply.
    static func patch(_ ordered: inout [SnippetBundle.SerializedSnippet], removing: Set<String>, adding: [SnippetBundle.SerializedSnippet]) {
        func position(of id: String) -> Int {
            var (low, high) = (0, ordered.count)
            while low < high {
                let middle = (low + high) / 2
                if ordered[middle].id < id { low = middle + 1 } else { high = middle }
            }
            return low
        }
        for id in removing {
            let found = position(of: id)
            if found < ordered.count, ordered[found].id == id { ordered.remove(at: found) }
        }
        for snippet in adding {
            ordered.insert(snippet, at: position(of: snippet.id))
        }
    }

    /// Writes the bundle of all locales and those of `locales`.
    func writeBundles(_ ordered: [SnippetBundle.SerializedSnippet], locales: Set<String>, to sink: some OutputSink) throws(BuildFailure) {
        try sink.write(path: "snippets.json", parts: SnippetBundle.header(config: config, locale: nil, count: ordered.count).parts(ordered.map(\.json)[...]))
        for locale in config.locales.map(\.code) where locales.contains(locale) {
            try SnippetBundle.write(ordered, config: config, locale: locale, to: sink)
        }
    }
}

/// The files an incremental build will write, held until it has succeeded; large
/// ones (the bundles) as the parts they are made of, never joined in memory.
final class PendingOutput: OutputSink, @unchecked Sendable {
    private let files = Locked<[String: [[UInt8]]]>([:])

    func write(_ file: OutputFile) throws(BuildFailure) {
        files.withLock { $0[file.path] = [[UInt8](file.contents)] }
    }

    func write(path: String, parts: [[UInt8]]) throws(BuildFailure) {
        files.withLock { $0[path] = parts }
    }

    func copy(from source: URL, to path: String) throws(BuildFailure) {
        guard let data = FileManager.default.contents(atPath: source.path) else { throw BuildFailure(.unreadable(source.path, "cannot read")) }
        try write(OutputFile(path: path, contents: data))
    }

    /// Every file by path, as parts to write one after the other.
    var contents: [String: [[UInt8]]] { files.withLock { $0 } }
}

/// Replaces files of a built site in place, each atomically.
enum OutputFolder {
    /// Writes `files` (output-relative path → parts) into `folder`, each through a
    /// temporary file renamed over the old one, then removes `removing` and the
    /// folders they leave empty.
    static func apply(_ files: [String: [[UInt8]]], removing: [String], in folder: URL) throws(BuildFailure) {
        let manager = FileManager.default
        for (path, parts) in files.sorted(by: { $0.key < $1.key }) {
            precondition(!path.hasPrefix("/") && !path.split(separator: "/").contains(".."), "output path escapes the output folder: \(path)")
            let url = folder.appendingPathComponent(path)
            let parent = url.deletingLastPathComponent()
            let temporary = parent.appendingPathComponent(".\(url.lastPathComponent).answerkit-\(ProcessInfo.processInfo.processIdentifier)")
            if (try? manager.createDirectory(at: parent, withIntermediateDirectories: true)) == nil {
                throw BuildFailure(.unwritable(parent.path, "cannot create the folder"))
            }
            let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard descriptor >= 0 else { throw BuildFailure(.unwritable(temporary.path, String(cString: strerror(errno)))) }
            let failed = !writeAll(descriptor, parts)
            let reason = String(cString: strerror(errno))
            close(descriptor)
            guard !failed, rename(temporary.path, url.path) == 0 else {
                try? manager.removeItem(at: temporary)
                throw BuildFailure(.unwritable(url.path, failed ? reason : String(cString: strerror(errno))))
            }
        }
        let root = folder.standardizedFileURL.path
        for path in removing {
            let url = folder.appendingPathComponent(path)
            try? manager.removeItem(at: url)
            var parent = url.deletingLastPathComponent().standardizedFileURL
            while parent.path.count > root.count, parent.path.hasPrefix(root + "/"), rmdir(parent.path) == 0 {
                parent = parent.deletingLastPathComponent()
            }
        }
    }

    /// Writes `parts` one after the other with `writev`, 256 at a time (the bundles
    /// are hundreds of thousands of small parts: one call each would cost more than the bytes).
    static func writeAll(_ descriptor: Int32, _ parts: [[UInt8]]) -> Bool {
        var start = 0
        while start < parts.count {
            let batch = parts[start..<min(start + 256, parts.count)]
            var skip = 0  // bytes of the batch already written
            while true {
                let written: Int = withPointers(batch) { pointers in
                    var vectors: [iovec] = []
                    vectors.reserveCapacity(batch.count)
                    var offset = skip
                    for (pointer, count) in pointers {
                        if offset >= count { offset -= count; continue }
                        vectors.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: pointer! + offset), iov_len: count - offset))
                        offset = 0
                    }
                    if vectors.isEmpty { return 0 }
                    return vectors.withUnsafeBufferPointer { Int(writev(descriptor, $0.baseAddress, Int32($0.count))) }
                }
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                skip += written
                if written == 0 || skip >= batch.reduce(0, { $0 + $1.count }) { break }
            }
            start += batch.count
        }
        return true
    }

    /// Calls `body` with the base address and count of every part, kept alive meanwhile.
    private static func withPointers<R>(_ parts: ArraySlice<[UInt8]>, _ body: ([(UnsafeRawPointer?, Int)]) -> R) -> R {
        var pointers: [(UnsafeRawPointer?, Int)] = []
        pointers.reserveCapacity(parts.count)
        func next(_ index: ArraySlice<[UInt8]>.Index) -> R {
            guard index < parts.endIndex else { return body(pointers) }
            return parts[index].withUnsafeBytes { buffer in
                pointers.append((buffer.baseAddress, buffer.count))
                return next(index + 1)
            }
        }
        return next(parts.startIndex)
    }
}
