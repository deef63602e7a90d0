import Foundation

/// What a build leaves behind for the next one in the same process, so that
/// `serve` makes again only what an edit changes (see `Builder.rebuild`).
///
/// It holds the parsed content, the last link tables, each entry's render
/// results, the keys of the pages made (`PageKeys`), the search postings and the
/// serialized replies: about the memory of a full build's peak, kept. `answerkit
/// build` writes it to disk for the next process (`PersistedMemory`: all but what
/// is cheap to make again, the site index, link tables and page renderer).
///
/// A class, so that an edit updates its tables in place rather than copying
/// 100 000-element dictionaries: `rebuild` takes it over and returns it (or a
/// new one); the caller keeps only what `rebuild` returned. One build at a time
/// uses it (the dev server queues builds and hands it over under a lock), hence
/// `@unchecked Sendable`.
public final class BuildMemory: @unchecked Sendable {
    /// Digest of the inputs every page reads (config, theme, options, day, output folder).
    var inputs: Int
    var output: URL
    var configDiagnostics: Diagnostics
    var themeDiagnostics: Diagnostics
    /// Markdown files by content-relative path, with the stamp they had when read.
    var files: [String: SourceFile]
    /// Other content files (copied as they are) and their stamps.
    var assets: [String: FileStamp?]
    /// Content paths of `files` in order.
    var fileOrder: [String]
    /// The content as validated, and where each entry is in it and in the site index.
    var content: LoadedContent
    var contentPositions: [EntryKey: Int]
    var indexPositions: [EntryKey: Int]
    /// Published entries, then checked drafts: the order entry diagnostics are reported in.
    var resultOrder: [EntryKey]
    var links: LinkTable
    var draftLinks: LinkTable
    /// Renders pages; its context holds the site index.
    var pages: PageRenderer
    /// Published and checked-draft entries: what rendering them left.
    var entries: [EntryKey: EntryRecord]
    /// Key of every list page, by output file.
    var lists: [String: Int]
    var search: SearchIndexSnapshot
    /// Serialized replies of every published entry, and all of them sorted by id.
    var snippets: [EntryKey: [SnippetBundle.SerializedSnippet]]
    var orderedSnippets: [SnippetBundle.SerializedSnippet]
    /// Translations marked stale in the bundle.
    var stale: Set<EntryKey>
    var sitemapKey: Int
    var feedKeys: [String: Int]
    /// The sitemap files written (one, or an index and its parts).
    var sitemapFiles: Set<String>
    var siteFileCount: Int
    /// Files of every build besides pages, site files and content assets (schema,
    /// bundles, theme assets, agent console).
    var fixedFileCount: Int
    /// The outcome of the last successful build.
    var result: BuildResult
    /// Content paths reported changed to builds that failed since: still to look at,
    /// since the watcher will not report them again.
    var pending: Set<String> = []
    /// Locales whose search postings may differ from what the build cache holds of
    /// them (`PersistedMemory` writes only those again), and the checksum of each
    /// locale's cache file.
    var searchChanged: Set<String> = []
    var searchChecksums: [String: UInt64] = [:]
    /// Whether the replies may differ from the cache's, and the checksum of its replies file.
    var repliesChanged = false
    var repliesChecksum: UInt64?

    /// The memory of a full build, from what its recorder saw (`nil` if the build stopped early).
    init?(_ recorder: BuildRecorder, root: URL, inputs: Int, output: URL, configDiagnostics: Diagnostics, result: BuildResult) {
        guard let sources = recorder.sources, let site = recorder.site, let rendered = recorder.entries,
            let search = recorder.search ?? (recorder.persistSearch != nil ? SearchIndexSnapshot(locales: [:], analyzers: [:]) : nil),
            let snippets = recorder.snippets ?? (recorder.persistReplies != nil ? [] : nil)
        else { return nil }
        let context = site.pages.context
        self.inputs = inputs
        self.output = output
        self.configDiagnostics = configDiagnostics
        themeDiagnostics = recorder.themeDiagnostics
        files = Dictionary(uniqueKeysWithValues: sources.files.map { ($0.relative, $0) })
        let contentDirectory = context.config.resolve(context.config.contentPath, root: root)
        // Stamped after the build copied them: an asset changed during the build is copied again next time at worst.
        assets = Dictionary(uniqueKeysWithValues: sources.assets.map { ($0, FileStamp(path: contentDirectory.appendingPathComponent($0).path)) })
        links = site.links
        draftLinks = site.draftLinks
        pages = site.pages
        content = site.content
        (fileOrder, contentPositions, indexPositions, resultOrder) = ([], [:], [:], [])
        var entries: [EntryKey: EntryRecord] = [:]
        entries.reserveCapacity(rendered.published.count + rendered.drafts.count)
        let published = Dictionary(site.index.entries.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let pageKeys = Parallel.map(rendered.published, chunkSize: 256) { result in published[result.key].map { PageKeys.entry($0, context: context) } }
        for (result, pageKey) in zip(rendered.published, pageKeys) { entries[result.key] = EntryRecord(result: result, pageKey: pageKey) }
        for result in rendered.drafts { entries[result.key] = EntryRecord(result: result, pageKey: nil) }
        self.entries = entries
        lists = Dictionary(PageKeys.lists(site.pages).map { ($0.file, $0.key) }, uniquingKeysWith: { a, _ in a })
        self.search = search
        var byEntry: [EntryKey: [SnippetBundle.SerializedSnippet]] = [:]
        for entry in snippets { byEntry[entry.key] = entry.snippets }
        self.snippets = byEntry
        orderedSnippets = recorder.orderedSnippets ?? snippets.flatMap(\.snippets).sorted { $0.id < $1.id }
        stale = TranslationSync.staleKeys(in: site.index.entries, defaultLocale: context.config.defaultLocale)
        let keys = PageKeys.siteFiles(site.index, config: context.config, today: context.today)
        sitemapKey = keys.sitemap
        feedKeys = keys.feeds
        let made = recorder.siteFiles
            ?? SiteFiles.make(config: context.config, urls: context.urls, index: site.index, strings: context.theme.strings, today: context.today).map(\.path)
        sitemapFiles = Set(made.filter(Sitemap.isSitemapFile))
        siteFileCount = made.count
        let console = AgentConsole.isEnabled(config: context.config, theme: context.theme)
        fixedFileCount = 2 + context.config.locales.count + context.theme.assets.count
            + (console ? context.config.locales.count + context.theme.agentFiles.count : 0)
        self.result = result
        self.result.report.stages = []
        self.result.report.incremental = nil
        locate(drafts: site.content.entries.filter { $0.status == .draft && published[$0.key] == nil })
    }

    /// A memory read back from the build cache (`PersistedMemory.load`), with the
    /// site-wide tables made again from its content.
    init(
        inputs: Int, output: URL, configDiagnostics: Diagnostics, themeDiagnostics: Diagnostics, files: [String: SourceFile],
        assets: [String: FileStamp?], content: LoadedContent, links: LinkTable, draftLinks: LinkTable, pages: PageRenderer,
        entries: [EntryKey: EntryRecord], lists: [String: Int], search: SearchIndexSnapshot, snippets: [EntryKey: [SnippetBundle.SerializedSnippet]],
        orderedSnippets: [SnippetBundle.SerializedSnippet], stale: Set<EntryKey>, sitemapKey: Int, feedKeys: [String: Int], sitemapFiles: Set<String>,
        siteFileCount: Int, fixedFileCount: Int, result: BuildResult, pending: Set<String>, searchChecksums: [String: UInt64], repliesChecksum: UInt64,
        drafts: [Entry]
    ) {
        (self.inputs, self.output, self.configDiagnostics, self.themeDiagnostics) = (inputs, output, configDiagnostics, themeDiagnostics)
        (self.files, self.assets, self.content, self.links, self.draftLinks, self.pages) = (files, assets, content, links, draftLinks, pages)
        (self.entries, self.lists, self.search, self.snippets, self.orderedSnippets) = (entries, lists, search, snippets, orderedSnippets)
        (self.stale, self.sitemapKey, self.feedKeys, self.sitemapFiles) = (stale, sitemapKey, feedKeys, sitemapFiles)
        (self.siteFileCount, self.fixedFileCount, self.result, self.pending) = (siteFileCount, fixedFileCount, result, pending)
        self.searchChecksums = searchChecksums
        self.repliesChecksum = repliesChecksum
        (fileOrder, contentPositions, indexPositions, resultOrder) = ([], [:], [:], [])
        locate(drafts: drafts)
    }

    /// Notes the locales a search update may have changed: those of `changed` entries
    /// (edited, added, removed, retired) and those whose entry list moved (`before`:
    /// each locale's keys before the update).
    func noteSearchChanges(before: [String: [EntryKey]], changed: some Sequence<EntryKey>) {
        for key in changed { searchChanged.insert(key.locale) }
        for locale in Set(before.keys).union(search.locales.keys) where before[locale] != search.locales[locale]?.keys {
            searchChanged.insert(locale)
        }
    }

    /// Records where everything is in `content` and the site index.
    func locate(drafts: [Entry]) {
        fileOrder = files.keys.sorted()
        contentPositions = Dictionary(content.entries.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
        let entries = pages.context.index.entries
        indexPositions = Dictionary(entries.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
        resultOrder = entries.map(\.key) + drafts.map(\.key)
    }

    /// What the next build needs of one entry.
    struct EntryRecord: Sendable {
        var result: Builder.EntryResult
        /// `PageKeys.entry` when the entry has a page; `nil` when it was only checked (a draft).
        var pageKey: Int?
    }

    /// The entries' records in the order a full build reports their diagnostics.
    func orderedResults(published: [Entry], drafts: [Entry]) -> [Builder.EntryResult] {
        (published + drafts).compactMap { entries[$0.key]?.result }
    }
}

/// Collects, during a full build, what `BuildMemory` is made of. Set only between
/// the parallel stages, on the build's own thread.
public final class BuildRecorder: @unchecked Sendable {
    var sources: (files: [SourceFile], assets: [String])?
    var themeDiagnostics = Diagnostics()
    var site: RecordedSite?
    var entries: (published: [Builder.EntryResult], drafts: [Builder.EntryResult])?
    var search: SearchIndexSnapshot?
    var snippets: [SnippetBundle.EntrySnippets]?
    /// The serialized replies sorted by id, as the bundles were written.
    var orderedSnippets: [SnippetBundle.SerializedSnippet]?
    /// Paths of the files `SiteFiles` made (sitemap parts, feeds, robots.txt).
    var siteFiles: [String]?
    /// Takes each locale's search postings as soon as its files are written (the build
    /// cache streams them to disk), instead of `search` keeping them all.
    var persistSearch: (@Sendable (String, SearchLocaleIndex) -> Void)?
    /// Makes what takes the serialized replies as the bundles are written (the build
    /// cache streams them to disk), instead of `snippets` keeping them.
    var persistReplies: (@Sendable () -> SerializedReplySink)?
    /// Takes the parsed content files once read, instead of `sources` keeping them.
    var persistSources: (@Sendable ([SourceFile]) -> Void)?

    init() {}
}

/// Keeps the serialized replies as the bundles are written, for `BuildRecorder.snippets`
/// and `orderedSnippets`.
final class KeptReplies: SerializedReplySink, @unchecked Sendable {
    private var keys: [EntryKey] = []
    private var lists: [[SnippetBundle.SerializedSnippet?]] = []
    private(set) var ordered: [SnippetBundle.SerializedSnippet] = []

    func begin(keys: [EntryKey], counts: [Int]) {
        self.keys = keys
        lists = counts.map { [SnippetBundle.SerializedSnippet?](repeating: nil, count: $0) }
        ordered.reserveCapacity(counts.reduce(0, +))
    }

    func take(_ replies: [SnippetBundle.PlacedSnippet]) {
        for reply in replies {
            lists[reply.entry][reply.position] = reply.snippet
            ordered.append(reply.snippet)
        }
    }

    func end() {}

    /// Every entry's replies, entries in the order given to `begin`.
    var entries: [SnippetBundle.EntrySnippets] {
        zip(keys, lists).map { SnippetBundle.EntrySnippets(key: $0, snippets: $1.map { $0! }) }
    }
}

/// The site as a full build saw it.
struct RecordedSite: Sendable {
    var content: LoadedContent
    var index: SiteIndex
    var links: LinkTable
    var draftLinks: LinkTable
    var pages: PageRenderer
}

extension Builder {
    /// A digest of what every page reads besides content: `answerkit.yml`'s bytes,
    /// the size and modification time of every theme file, and the options. `nil`
    /// when the theme folder cannot be listed (the build then reports why).
    static func inputsDigest(options: BuildOptions, config: SiteConfig, output: URL) -> Int? {
        var hasher = StableHasher()
        hasher.combine(options.includeDrafts)
        hasher.combine(options.strict)
        hasher.combine(Optional(options.today))
        hasher.combine(output.standardizedFileURL.path)
        guard let configData = FileManager.default.contents(atPath: options.root.appendingPathComponent(ConfigLoader.fileName).path) else { return nil }
        hasher.combine(configData)
        let templates = config.resolve(config.templatesPath, root: options.root)
        guard let files = try? ContentLoader.discover(templates) else { return nil }
        for file in files {
            hasher.combine(file)
            hasher.combine(FileStamp(path: templates.appendingPathComponent(file).path))
        }
        return hasher.finalize()
    }
}
