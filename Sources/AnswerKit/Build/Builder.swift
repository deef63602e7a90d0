import Foundation

/// The pipeline: config → load → validate → render → index → write.
///
/// Stages are pure functions of values except `load` (reads files) and the
/// output sink (writes files). Entry pages stream to the sink in parallel
/// chunks so memory stays flat at 100 000 entries; list pages and bundles are
/// made from the validated front matter afterwards. Nothing reaches `public/`
/// unless the whole build succeeds.
public enum Builder {
    /// The AnswerKit version shown in `generator`.
    public static let version = "0.1.0"

    /// Builds the site, writing into `options.output` (or the configured folder) on success.
    public static func build(_ options: BuildOptions) throws(BuildFailure) -> BuildResult {
        var clock = StageClock()
        let (loadedConfig, configDiagnostics) = ConfigLoader.load(root: options.root)
        guard let config = loadedConfig else {
            return BuildResult(diagnostics: configDiagnostics, report: BuildReport())
        }
        let output = options.output ?? config.resolve(config.publicPath, root: options.root)
        if options.write {
            let fingerprint = options.useCache ? clock.measure("cache-check") { BuildCache.fingerprint(options: options, config: config, output: output) } : nil
            if let fingerprint, !options.force, let record = BuildCache.lookup(fingerprint, root: options.root, output: output) {
                var report = BuildReport()
                (report.entries, report.pages, report.replies, report.files) = (record.entries, record.pages, record.replies, record.files)
                report.output = output
                report.upToDate = true
                report.stages = clock.stages
                return BuildResult(diagnostics: record.diagnostics, report: report)
            }
            if options.useCache {
                return try cachedBuild(options, config: config, configDiagnostics: configDiagnostics, output: output, fingerprint: fingerprint, clock: clock)
            }
            let sink = try StagedDirectory(destination: output)
            do {
                var result = try run(options, config: config, diagnostics: configDiagnostics, sink: sink, clock: &clock)
                if result.succeeded {
                    try clock.measure("write") { () throws(BuildFailure) in try sink.commit() }
                    result.report.output = output
                    if let fingerprint { BuildCache.store(fingerprint, root: options.root, output: output, result: result) }
                } else {
                    sink.discard()
                }
                result.report.stages = clock.stages
                return result
            } catch {
                sink.discard()
                throw error
            }
        }
        var result = try run(options, config: config, diagnostics: configDiagnostics, sink: NullOutput(), clock: &clock)
        result.report.stages = clock.stages
        return result
    }

    /// Runs the pipeline into any sink (memory for tests, staging for builds).
    public static func run(
        _ options: BuildOptions, config: SiteConfig, diagnostics initial: Diagnostics, sink: some OutputSink, clock: inout StageClock,
        recorder: BuildRecorder? = nil
    ) throws(BuildFailure) -> BuildResult {
        var diagnostics = initial
        var report = BuildReport()
        let templatesDirectory = config.resolve(config.templatesPath, root: options.root)
        let (loadedTheme, themeDiagnostics) = clock.measure("theme") {
            ThemeLoader.load(templatesDirectory, displayPath: config.templatesPath, config: config)
        }
        diagnostics.append(contentsOf: themeDiagnostics)
        recorder?.themeDiagnostics = themeDiagnostics
        let content = try clock.measure("load") { () throws(BuildFailure) in
            let (files, assets) = try ContentLoader.read(root: options.root, config: config, today: options.today)
            if let persist = recorder?.persistSources {
                // The build cache writes them on another core and lets go of them.
                persist(files)
                recorder?.sources = ([], assets)
            } else {
                recorder?.sources = (files, assets)
            }
            return ContentLoader.assemble(files, assets: assets, config: config)
        }
        diagnostics.append(contentsOf: content.diagnostics)
        clock.measure("trim") { Memory.releaseFreed() }
        guard let theme = loadedTheme else { return finish(diagnostics, report, options) }

        let tables = clock.measure("index") { SiteTables(content: content, config: config, includeDrafts: options.includeDrafts) }
        let (urls, index, drafts, links, draftLinks) = (tables.urls, tables.index, tables.drafts, tables.links, tables.draftLinks)
        let rightToLeft = Set(config.locales.filter { $0.direction == .rtl }.map(\.code))
        let markdown = MarkdownRenderer(links: links, allowRawHTML: config.allowRawHTML, rightToLeftLocales: rightToLeft)
        let draftMarkdown = MarkdownRenderer(links: draftLinks, allowRawHTML: config.allowRawHTML, rightToLeftLocales: rightToLeft)
        let pages = clock.measure("index") {
            PageRenderer(context: PageContext(config: config, theme: theme, urls: urls, index: index, today: options.today, version: version))
        }
        let contentDirectory = config.resolve(config.contentPath, root: options.root)

        // Entry pages: read the body again, render Markdown, render the page, hand it to the sink.
        // Each locale's search index is written as soon as its last entry is analysed.
        recorder?.site = RecordedSite(content: content, index: index, links: links, draftLinks: draftLinks, pages: pages)
        let searchFailure = Locked<BuildFailure?>(nil)
        let persistSearch = recorder?.persistSearch
        let search = SearchIndexBuilder(
            entries: options.searchIndex ? index.entries : [], keepPostings: recorder != nil && persistSearch == nil, handOver: persistSearch
        ) { files in
            do throws(BuildFailure) {
                for file in files { try sink.write(file) }
            } catch {
                searchFailure.withLock { $0 = $0 ?? error }
            }
        }
        // Also when rendering fails: the last locale may be being written.
        defer { search.wait() }
        let categoryTitles = Dictionary(content.categories.map { ("\($0.locale)/\($0.slug)", $0.title) }, uniquingKeysWith: { first, _ in first })
        let rendered = try clock.measure("render") { () throws(BuildFailure) in
            try renderEntries(index.entries, directory: contentDirectory, markdown: markdown, pages: pages, sink: sink) { entry, body in
                guard entry.status != .retired, options.searchIndex else { return }
                search.add(entry.key, searchDocument(entry, body: body, urls: urls, categoryTitles: categoryTitles))
            }
        }
        let checkedDrafts = try clock.measure("render") { () throws(BuildFailure) in
            try renderEntries(drafts, directory: contentDirectory, markdown: draftMarkdown, pages: nil, sink: sink)
        }
        recorder?.entries = (rendered, checkedDrafts)
        clock.measure("anchors") {
            // Heading ids as sets only for the targets of `#fragment` links: a set for
            // each of 100 000 entries would be ~50 MB, live to the end of the build.
            var headingIDs: [EntryKey: [String]] = [:]
            headingIDs.reserveCapacity(rendered.count + checkedDrafts.count)
            for result in [rendered, checkedDrafts].joined() {
                diagnostics.append(contentsOf: result.diagnostics)
                headingIDs[result.key] = result.headingIDs
            }
            var headings: [EntryKey: Set<String>] = [:]
            diagnostics.append(contentsOf: checkAnchors([rendered, checkedDrafts].joined().flatMap(\.anchoredLinks)) { key in
                if let ids = headings[key] { return ids }
                let ids = headingIDs[key].map(Set.init)
                headings[key] = ids
                return ids
            })
        }

        clock.measure("trim") { Memory.releaseFreed() }
        // Lists, bundles and assets.
        let listPages = try clock.measure("lists") { () throws(BuildFailure) in try writeListPages(pages, sink: sink) }
        // The agent console (public/agent/), unless answerkit.yml leaves it out of this deploy.
        let console = AgentConsole.isEnabled(config: config, theme: theme)
        let consolePages = console ? clock.measure("agent") { AgentConsole.pages(pages) } : []
        // robots.txt, sitemap.xml and feeds, written now: sitemap parts are made as they
        // are written, and what they are made from is freed before the bundles are.
        let siteFiles = try clock.measure("site") { () throws(BuildFailure) -> [String] in
            let files = SiteFiles.make(config: config, urls: urls, index: index, strings: theme.strings, today: options.today)
            for file in files { try sink.write(file.file) }
            return files.map(\.path)
        }
        recorder?.siteFiles = siteFiles
        report.replies = try clock.measure("bundles") { () throws(BuildFailure) in
            // The replies are serialized a chunk at a time and streamed into the bundles and
            // to the build cache (the replies of 100 000 entries are 260 MB of JSON: held
            // whole, they would make the build's peak); `serve`'s memory keeps them.
            let kept = recorder != nil && recorder?.persistReplies == nil ? KeptReplies() : nil
            let consumer: SerializedReplySink? = recorder?.persistReplies?() ?? kept
            let count = try SnippetBundle.stream(
                entries: index.entries, config: config, urls: urls, today: options.today, locales: config.locales.map(\.code), to: sink,
                replies: consumer)
            if let kept {
                recorder?.snippets = kept.entries
                recorder?.orderedSnippets = kept.ordered
            }
            return count
        }
        // The last locale's index files are still being written (see `SearchIndexBuilder`)
        // while the stages above run.
        let searchFiles = clock.measure("search") { search.files() }
        if let error = searchFailure.withLock({ $0 }) { throw error }
        if let recorder, persistSearch == nil { recorder.search = search.snapshot() }
        report.searchCPUSeconds = search.cpuSeconds
        try clock.measure("write") { () throws(BuildFailure) in
            for file in searchFiles { try sink.write(file) }
            try sink.write(OutputFile(path: "snippets.schema.json", text: SnippetSchema.json))
            for asset in theme.assets {
                try sink.copy(from: templatesDirectory.appendingPathComponent("assets/\(asset)"), to: "assets/\(asset)")
            }
            for page in consolePages { try sink.write(page) }
            for name in console ? theme.agentFiles.keys.sorted() : [] {
                try sink.copy(from: templatesDirectory.appendingPathComponent("agent/\(name)"), to: "agent/\(name)")
            }
            for asset in content.assets {
                try sink.copy(from: contentDirectory.appendingPathComponent(asset), to: asset)
            }
        }
        report.entries = index.entries.count
        report.pages = rendered.count + listPages
        report.files = report.pages + 2 + config.locales.count + theme.assets.count + content.assets.count + siteFiles.count
            + consolePages.count + (console ? theme.agentFiles.count : 0)
        return finish(diagnostics, report, options)
    }

    /// What the search index keeps of a rendered entry.
    static func searchDocument(_ entry: Entry, body: RenderedBody, urls: URLScheme, categoryTitles: [String: String]) -> SearchDocument {
        SearchDocument(
            id: entry.id, title: entry.title, url: urls.entry(entry.key),
            category: categoryTitles["\(entry.key.locale)/\(entry.key.category)"] ?? entry.key.category,
            tags: entry.tags, headings: body.headings.map(\.text), body: body.plainText,
            excerpt: entry.summary.isEmpty ? body.excerpt(limit: SearchIndexFormat.excerptLength) : entry.summary)
    }

    static func finish(_ diagnostics: Diagnostics, _ report: BuildReport, _ options: BuildOptions) -> BuildResult {
        BuildResult(diagnostics: options.strict ? diagnostics.strict : diagnostics, report: report)
    }

    // MARK: - Entry pages

    /// What rendering one entry leaves behind once its page is written.
    struct EntryResult: Sendable {
        var key: EntryKey
        var headingIDs: [String]
        var anchoredLinks: [InternalLink]
        var diagnostics: Diagnostics
        /// Content paths its links were looked up as (see `RenderedBody.linkedPaths`).
        var linkedPaths: [String]
    }

    static func renderEntries(
        _ entries: [Entry], directory: URL, markdown: MarkdownRenderer, pages: PageRenderer?, sink: some OutputSink,
        onRendered: @Sendable (Entry, RenderedBody) -> Void = { _, _ in }
    ) throws(BuildFailure) -> [EntryResult] {
        let failure = Locked<BuildFailure?>(nil)
        let directoryPath = directory.path
        let releaser = Memory.Releaser()
        let results = Parallel.map(entries, chunkSize: 32) { entry -> EntryResult in
            defer { releaser.note() }
            let relative = "\(entry.key.locale)/\(entry.key.category)/\(entry.key.slug).md"
            let data = FileManager.default.contents(atPath: directoryPath + "/" + relative) ?? Data()
            let rendered = data.withUnsafeBytes { raw in
                let render = { (body: UnsafeBufferPointer<UInt8>) in
                    markdown.render(
                        bytes: body, path: entry.path, source: relative, lineOffset: entry.bodyLineOffset, direction: markdown.direction(of: entry.key.locale))
                }
                let bytes = TextDecoding.withoutByteOrderMark(raw.bindMemory(to: UInt8.self))
                // The load stage checked the file: its body goes to cmark straight from the
                // file's bytes. Only CR line endings need the decoded text (they become `\n`).
                guard let base = bytes.baseAddress, memchr(base, 0x0D, bytes.count) == nil else {
                    var body = ""
                    if case let .success(text) = TextDecoding.decode(data, path: entry.path), case let .success(split) = FrontMatter.split(text) {
                        body = split.body
                    }
                    return UTF8Bytes.with(body, render)
                }
                guard case let .success(bounds) = FrontMatter.bounds(of: bytes) else { return render(UnsafeBufferPointer(start: base, count: 0)) }
                return render(UnsafeBufferPointer(rebasing: bytes[bounds.body...]))
            }
            do throws(BuildFailure) {
                if let pages { try sink.write(pages.entryPage(entry, body: rendered)) }
                onRendered(entry, rendered)
            } catch {
                failure.withLock { $0 = $0 ?? error }
            }
            return EntryResult(
                key: entry.key, headingIDs: rendered.headings.map(\.id), anchoredLinks: rendered.anchoredLinks, diagnostics: rendered.diagnostics,
                linkedPaths: rendered.linkedPaths)
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return results
    }

    /// Renders the list pages on all cores, each written as soon as it is made; returns how many.
    static func writeListPages(_ pages: PageRenderer, sink: some OutputSink) throws(BuildFailure) -> Int {
        let failure = Locked<BuildFailure?>(nil)
        let jobs = pages.listPageJobs
        _ = Parallel.map(jobs, chunkSize: 4) { job -> Bool in
            do throws(BuildFailure) { try sink.write(pages.render(job)) } catch { failure.withLock { $0 = $0 ?? error } }
            return true
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return jobs.count
    }

    /// Warns about `entry.md#fragment` links whose fragment is no heading of the target;
    /// `headings` gives a target's heading ids (only link targets are looked up).
    static func checkAnchors(_ links: [InternalLink], headings: (EntryKey) -> Set<String>?) -> Diagnostics {
        var diagnostics = Diagnostics()
        for link in links {
            guard let target = link.target, let fragment = link.fragment, let ids = headings(target) else { continue }
            let decoded = fragment.removingPercentEncoding ?? fragment
            if !ids.contains(decoded) {
                var notes: [String] = []
                if let guess = Suggestion.closest(to: decoded, among: ids.sorted()) { notes.append("did you mean '#\(guess)'?") }
                diagnostics.append(.warning("broken-anchor", at: link.location, "no heading '#\(decoded)' in \(target.locale)/\(target.category)/\(target.slug).md", notes: notes))
            }
        }
        return diagnostics
    }
}

/// Times named stages, in execution order (a stage measured twice adds up): wall
/// seconds and the CPU seconds of the whole process meanwhile, so a stage that
/// leaves cores idle shows (CPU well under wall × cores).
public struct StageClock: Sendable {
    public private(set) var stages: [BuildStage] = []

    public init() {}

    public mutating func measure<T, E: Error>(_ name: String, _ body: () throws(E) -> T) throws(E) -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let cpu = Self.processCPUSeconds()
        let value = try body()
        add(name, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, cpuSeconds: Self.processCPUSeconds() - cpu)
        return value
    }

    /// Adds `seconds` (and `cpuSeconds`) to stage `name`.
    public mutating func add(_ name: String, seconds: Double, cpuSeconds: Double = 0) {
        if let index = stages.firstIndex(where: { $0.name == name }) {
            stages[index].seconds += seconds
            stages[index].cpuSeconds += cpuSeconds
        } else {
            stages.append(BuildStage(name: name, seconds: seconds, cpuSeconds: cpuSeconds))
        }
    }

    /// User and system CPU seconds of this process so far, all threads.
    static func processCPUSeconds() -> Double {
        var time = timespec()
        guard clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time) == 0 else { return 0 }
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

/// One timed stage of a build: wall seconds and the process's CPU seconds meanwhile.
public struct BuildStage: Sendable, Equatable {
    public var name: String
    public var seconds: Double
    public var cpuSeconds: Double

    public init(name: String, seconds: Double, cpuSeconds: Double = 0) {
        self.name = name
        self.seconds = seconds
        self.cpuSeconds = cpuSeconds
    }
}
