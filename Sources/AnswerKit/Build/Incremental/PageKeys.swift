/// Digests of what each generated page reads besides the global inputs (config,
/// theme, options, day): two builds that give a page the same key give it the
/// same bytes, so an incremental build makes again only pages whose key changed.
///
/// Keys are `StableHasher` values, the same in every process, since `answerkit
/// build` reads them back from the cache the last build left (`PersistedMemory`);
/// a 64-bit collision would only make a page stale. Each key covers
/// exactly the values the page's template context is made of (see `PageContext`
/// and `PageRenderer`); a new value read by a page must be added here, and the
/// random-edit test (IncrementalBuildTests) fails when one is missing.
enum PageKeys {
    /// What an entry page reads of the rest of the site: its published translations
    /// (switcher, hreflang) and its category's title. Its own file and the pages its
    /// links lead to are tracked apart (file stamps, `LinkTable.changedPaths`).
    static func entry(_ entry: Entry, context: PageContext) -> Int {
        var hasher = StableHasher()
        for (locale, url) in PageVersions.entry(entry, index: context.index, urls: context.urls).sorted(by: { $0.key < $1.key }) {
            hasher.combine(locale)
            hasher.combine(url)
        }
        hasher.combine(context.categoryTitles["\(entry.key.locale)/\(entry.key.category)"]?.title)
        return hasher.finalize()
    }

    /// What lists show of an entry (`PageContext.summary`).
    static func summary(_ entry: Entry, context: PageContext) -> Int {
        var hasher = StableHasher()
        hasher.combine(entry.key)
        hasher.combine(entry.id)
        hasher.combine(entry.title)
        hasher.combine(entry.summary)
        hasher.combine(entry.isExpired(on: context.today))
        hasher.combine(entry.status == .draft)
        if let category = context.categoryTitles["\(entry.key.locale)/\(entry.key.category)"] {
            hasher.combine(category.title)
            hasher.combine(category.url)
        }
        return hasher.finalize()
    }

    /// The key of every list page, by output file.
    static func lists(_ pages: PageRenderer) -> [(job: PageRenderer.ListPage, file: String, key: Int)] {
        let context = pages.context
        // On all cores: every entry's summary and every list page (a full build's memory).
        let summaries = Parallel.map(context.index.entries, chunkSize: 256) { summary($0, context: context) }
        return Parallel.map(pages.listPageJobs, chunkSize: 8) { job in (job, pages.file(of: job), list(job, pages: pages) { summaries[Int($0)] }) }
    }

    /// The keys of some list pages.
    static func lists(_ pages: PageRenderer, jobs: [PageRenderer.ListPage]) -> [(job: PageRenderer.ListPage, file: String, key: Int)] {
        let context = pages.context
        var summaries: [Int32: Int] = [:]
        return jobs.map { job in
            (job, pages.file(of: job), list(job, pages: pages) { position in
                if let known = summaries[position] { return known }
                let key = summary(context.index.entries[Int(position)], context: context)
                summaries[position] = key
                return key
            })
        }
    }

    /// The key of one list page; `summary` gives the summary key of the entry at a position.
    private static func list(_ job: PageRenderer.ListPage, pages: PageRenderer, summary: (Int32) -> Int) -> Int {
        let context = pages.context
        let index = context.index
        func combine(_ positions: some Sequence<Int32>, into hasher: inout StableHasher) {
            for position in positions { hasher.combine(summary(position)) }
        }
        func combine(_ category: Category, into hasher: inout StableHasher) {
            hasher.combine(category.locale)
            hasher.combine(category.slug)
            hasher.combine(category.title)
            hasher.combine(category.description)
        }
        var hasher = StableHasher()
        hasher.combine(pages.file(of: job))
        switch job {
        case .root, .search, .notFound:
            break  // made of the global inputs only
        case let .home(code):
            for category in index.categories[code] ?? [] {
                combine(category, into: &hasher)
                let positions = index.entriesByCategory["\(code)/\(category.slug)"] ?? []
                hasher.combine(positions.count)
                combine(positions.prefix(PageRenderer.homeEntriesPerCategory), into: &hasher)
            }
        case let .category(code, position):
            let category = index.categories[code]![position]
            combine(category, into: &hasher)
            for (locale, url) in PageVersions.category(category.slug, index: index, urls: context.urls, config: context.config).sorted(by: { $0.key < $1.key }) {
                hasher.combine(locale)
                hasher.combine(url)
            }
            let positions = index.entriesByCategory["\(code)/\(category.slug)"] ?? []
            hasher.combine(positions.count)
            combine(positions, into: &hasher)
        case let .tags(code):
            for tag in index.tags[code] ?? [] {
                hasher.combine(tag.name)
                hasher.combine(tag.positions.count)
            }
        case let .tag(code, position):
            let tag = index.tags[code]![position]
            hasher.combine(tag.name)
            hasher.combine(tag.positions.count)
            combine(tag.positions, into: &hasher)
        }
        return hasher.finalize()
    }

    /// Keys of the files `SiteFiles` makes, by what they read: the sitemap (which
    /// pages exist, their translations and dates) and each locale's feed.
    static func siteFiles(_ index: SiteIndex, config: SiteConfig, today: Day) -> (sitemap: Int, feeds: [String: Int]) {
        (sitemap(index, config: config), Dictionary(uniqueKeysWithValues: config.locales.map { ($0.code, feed($0.code, index: index, today: today)) }))
    }

    static func sitemap(_ index: SiteIndex, config: SiteConfig) -> Int {
        var sitemap = StableHasher()
        for locale in config.locales {
            for category in index.categories[locale.code] ?? [] { sitemap.combine(category.slug) }
            sitemap.combine(0)
            for tag in index.tags[locale.code] ?? [] {
                sitemap.combine(tag.name)
                sitemap.combine(tag.positions.contains { index.entries[Int($0)].status == .approved })
            }
            sitemap.combine(1)
        }
        for entry in index.entries {
            sitemap.combine(entry.key)
            sitemap.combine(entry.id)
            sitemap.combine(entry.status == .approved)
            sitemap.combine(entry.approvedOn)
            sitemap.combine(entry.updated)
        }
        return sitemap.finalize()
    }

    /// The key of the feed of `locale` (`AtomFeed`).
    static func feed(_ locale: String, index: SiteIndex, today: Day) -> Int {
        var feed = StableHasher()
        for entry in index.entries where entry.key.locale == locale {
            feed.combine(entry.key)
            feed.combine(entry.title)
            feed.combine(entry.summary)
            feed.combine(entry.tags)
            feed.combine(entry.status == .approved)
            feed.combine(entry.isExpired(on: today))
            feed.combine(entry.approvedOn)
            feed.combine(entry.updated)
        }
        return feed.finalize()
    }
}
