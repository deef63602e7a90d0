import Foundation

/// The common case of the writing loop: entries edited in place.
///
/// An edit that keeps an entry's key, id, status, tags and dates (and the lines
/// those are on) changes nothing any other page reads of it except its title
/// and summary in lists and feeds. Then the site's structure (link tables,
/// translations, categories, tags, the sitemap, stale translations, duplicate
/// ids) is the memory's as it is, and the build is proportional to the edit:
/// the entry's page, its lists if its title or summary changed, its search
/// shards, its replies. Anything else takes the general path of `run`, which
/// gives the same output (IncrementalBuildTests exercises both).
extension IncrementalUpdate {
    /// Whether `new` can replace `old` without changing what other entries' pages read.
    static func isInPlaceEdit(_ old: Entry, _ new: Entry) -> Bool {
        old.key == new.key && old.id == new.id && old.status == new.status && old.tags == new.tags
            && old.approvedOn == new.approvedOn && old.reviewBy == new.reviewBy && old.updated == new.updated
            && old.idLocation == new.idLocation && old.approvedOnLocation == new.approvedOnLocation
            && old.reviewByLocation == new.reviewByLocation
    }

    /// The build when every change is an in-place edit of an entry; `nil` otherwise.
    func inPlace(
        _ changes: SourceChanges, clock: inout StageClock, report: inout IncrementalReport
    ) throws(BuildFailure) -> (result: BuildResult, memory: BuildMemory?)? {
        guard changes.assets.isEmpty else { return nil }
        var edited: [(path: String, old: Entry, new: Entry, file: SourceFile)] = []
        for (path, file) in changes.files {
            guard let file, case let .entry(new, _) = file.result, case let .entry(old, _)? = memory.files[path]?.result,
                memory.contentPositions[old.key] != nil, Self.isInPlaceEdit(old, new)
            else { return nil }
            edited.append((path, old, new, file))
        }
        edited.sort { $0.path < $1.path }
        report.inPlace = true

        // Update the memory in place (it is ours), remembering what to put back if the build fails.
        let next = memory
        let previous = (
            files: edited.map { (path: $0.path, file: memory.files[$0.path]) },
            records: edited.map { (key: $0.new.key, record: memory.entries[$0.new.key]) },
            diagnostics: memory.content.diagnostics)
        for edit in edited {
            next.files[edit.path] = edit.file
            next.content.entries[memory.contentPositions[edit.new.key]!] = edit.new
            if let position = memory.indexPositions[edit.new.key] { next.pages.context.index.replace(at: position, with: edit.new) }
        }
        func restore() {
            for (path, file) in previous.files { next.files[path] = file }
            for edit in edited {
                next.content.entries[memory.contentPositions[edit.old.key]!] = edit.old
                if let position = memory.indexPositions[edit.old.key] { next.pages.context.index.replace(at: position, with: edit.old) }
            }
            for (key, record) in previous.records { next.entries[key] = record }
            next.content.diagnostics = previous.diagnostics
        }
        // The files' own problems in path order, then the cross-file ones, which read
        // only what an in-place edit keeps (ids, dates and their lines).
        // Unchanged when the edited files' own problems are (the usual case: no walk over every file).
        let fileProblemsChanged = zip(edited, previous.files).contains { edit, old in old.file?.result.diagnostics != edit.file.result.diagnostics }
        var contentDiagnostics = memory.content.diagnostics
        if fileProblemsChanged {
            contentDiagnostics = Diagnostics()
            for path in memory.fileOrder {
                if let problems = next.files[path]?.result.diagnostics, !problems.isEmpty { contentDiagnostics.append(contentsOf: problems) }
            }
            contentDiagnostics.append(contentsOf: memory.content.crossFileDiagnostics)
            next.content.diagnostics = contentDiagnostics
        }
        let pages = next.pages
        let index = pages.context.index
        let context = pages.context
        let urls = context.urls

        // The edited entries' pages (or checks, for drafts).
        let rightToLeft = Set(config.locales.filter { $0.direction == .rtl }.map(\.code))
        let markdown = MarkdownRenderer(links: memory.links, allowRawHTML: config.allowRawHTML, rightToLeftLocales: rightToLeft)
        let draftMarkdown = MarkdownRenderer(links: memory.draftLinks, allowRawHTML: config.allowRawHTML, rightToLeftLocales: rightToLeft)
        let published = edited.filter { memory.indexPositions[$0.new.key] != nil }
        let drafts = edited.filter { memory.indexPositions[$0.new.key] == nil && memory.entries[$0.new.key] != nil }.map(\.new)
        let sink = PendingOutput()
        let (rendered, checked, documents) = try render(
            published.map(\.new), drafts: drafts, markdown: (markdown, draftMarkdown), pages: pages, categories: memory.content.categories,
            sink: sink, clock: &clock)
        report.pagesRendered += rendered.count
        for (edit, result) in zip(published, rendered) {
            next.entries[result.key] = BuildMemory.EntryRecord(result: result, pageKey: PageKeys.entry(edit.new, context: context))
        }
        for result in checked { next.entries[result.key] = BuildMemory.EntryRecord(result: result, pageKey: nil) }

        // Diagnostics, in the order a full build reports them; the last build's when
        // neither the files' problems nor the pages' (links, anchors, headings) changed.
        let pageProblemsChanged = (rendered + checked).contains { result in
            guard let old = previous.records.first(where: { $0.key == result.key })?.record?.result else { return true }
            return old.diagnostics != result.diagnostics || old.anchoredLinks != result.anchoredLinks || old.headingIDs != result.headingIDs
        }
        var diagnostics = memory.result.diagnostics
        if fileProblemsChanged || pageProblemsChanged {
            diagnostics = configDiagnostics
            diagnostics.append(contentsOf: memory.themeDiagnostics)
            diagnostics.append(contentsOf: contentDiagnostics)
            var anchored: [InternalLink] = []
            for key in memory.resultOrder {
                guard let result = next.entries[key]?.result else { continue }
                diagnostics.append(contentsOf: result.diagnostics)
                anchored += result.anchoredLinks
            }
            diagnostics.append(contentsOf: Builder.checkAnchors(anchored) { next.entries[$0].map { Set($0.result.headingIDs) } })
        }
        if options.strict { diagnostics = diagnostics.strict }
        guard !diagnostics.hasErrors else {
            restore()
            memory.pending.formUnion(edited.map { contentPath($0.path) })
            var report = BuildReport()
            report.stages = clock.stages
            return (BuildResult(diagnostics: diagnostics, report: report), memory)
        }

        // Lists and feeds show titles and summaries.
        let relisted = published.filter { $0.old.title != $0.new.title || $0.old.summary != $0.new.summary }.map(\.new)
        var jobs: [String: PageRenderer.ListPage] = [:]
        for entry in relisted {
            let locale = entry.key.locale
            jobs[urls.homeFile(locale)] = .home(locale)
            if let position = index.categories[locale]?.firstIndex(where: { $0.slug == entry.key.category }) {
                jobs[urls.categoryFile(locale: locale, slug: entry.key.category)] = .category(locale, position)
            }
            let slugs = Set(entry.tags.map(Slug.make))
            for (position, tag) in (index.tags[locale] ?? []).enumerated() where slugs.contains(Slug.make(tag.name)) {
                jobs[urls.tagFile(locale: locale, tag: tag.name)] = .tag(locale, position)
            }
        }
        let listKeys = clock.measure("plan") { PageKeys.lists(pages, jobs: jobs.keys.sorted().map { jobs[$0]! }) }
        let stale = listKeys.filter { memory.lists[$0.file] != $0.key }
        try clock.measure("lists") { () throws(BuildFailure) in
            for item in stale { try sink.write(pages.render(item.job)) }
        }
        for item in listKeys { next.lists[item.file] = item.key }
        report.pagesRendered += stale.count
        // A feed lists the newest entries: made again when an edited entry is, or could be, among them
        // (dates are unchanged, so only entries as new as its oldest one can). Its key is forgotten
        // rather than computed, so the general path makes it again next time.
        try clock.measure("site") { () throws(BuildFailure) in
            for locale in config.locales {
                let candidates = relisted.filter { $0.key.locale == locale.code }
                guard !candidates.isEmpty else { continue }
                let listed = AtomFeed.entries(locale: locale.code, index: index, today: options.today)
                let cutoff = listed.count < AtomFeed.limit ? nil : listed.last?.day
                guard candidates.contains(where: { entry in
                    guard let day = AtomFeed.day(of: entry) else { return false }
                    return cutoff.map { day >= $0 } ?? true
                }) else { continue }
                next.feedKeys[locale.code] = nil
                let title = context.theme.strings[locale.code]?["feed_title"] ?? AtomFeed.defaultTitle
                if let feed = AtomFeed.file(locale: locale, title: title, config: config, urls: urls, index: index, today: options.today, items: listed) {
                    try sink.write(feed)
                }
            }
        }

        // Search shards and replies of the edited entries.
        var removed: [String] = []
        let searchChanges = clock.measure("search") { next.search.update(entries: index.entries, changed: documents) }
        for edit in edited { next.searchChanged.insert(edit.new.key.locale) }
        for file in searchChanges.write { try sink.write(file) }
        removed += searchChanges.delete
        try clock.measure("bundles") { () throws(BuildFailure) in
            var removedIDs = Set<String>()
            var added: [SnippetBundle.SerializedSnippet] = []
            var locales = Set<String>()
            for edit in published {
                let new = SnippetBundle.serialize(edit.new, config: config, urls: urls, today: options.today, stale: memory.stale).snippets
                let old = memory.snippets[edit.new.key] ?? []
                guard new != old else { continue }
                for snippet in old { removedIDs.insert(snippet.id); locales.insert(snippet.locale) }
                for snippet in new { locales.insert(snippet.locale) }
                added += new
                next.snippets[edit.new.key] = new
            }
            guard !locales.isEmpty else { return }
            next.repliesChanged = true
            Self.patch(&next.orderedSnippets, removing: removedIDs, adding: added)
            try writeBundles(next.orderedSnippets, locales: locales, to: sink)
        }

        let written = sink.contents
        try clock.measure("write") { () throws(BuildFailure) in
            try OutputFolder.apply(written, removing: removed.filter { written[$0] == nil }, in: memory.output)
        }
        report.filesWritten = written.count
        report.filesRemoved = removed.count

        var result = memory.result
        result.diagnostics = diagnostics
        result.report.replies = next.orderedSnippets.count
        next.result = result
        next.pending = []
        result.report.incremental = report
        result.report.stages = clock.stages
        return (result, next)
    }
}
