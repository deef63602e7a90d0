/// Digests of what each generated page reads besides the global inputs (config,
/// theme, options, day): two builds that give a page the same key give it the
/// same bytes, so an incremental build makes again only pages whose key changed.
///
/// Keys are `Hasher` values: seeded per process, which is all they need, since a
/// `BuildMemory` lives in the process that made it (`serve`). Each key covers
/// exactly the values the page's template context is made of (see `PageContext`
/// and `PageRenderer`); a new value read by a page must be added here, and the
/// random-edit test (IncrementalBuildTests) fails when one is missing.
enum PageKeys {
    /// What an entry page reads of the rest of the site: its published translations
    /// (switcher, hreflang) and its category's title. Its own file and the pages its
    /// links lead to are tracked apart (file stamps, `LinkTable.changedPaths`).
    static func entry(_ entry: Entry, context: PageContext) -> Int {
        var hasher = Hasher()
        for (locale, url) in PageVersions.entry(entry, index: context.index, urls: context.urls).sorted(by: { $0.key < $1.key }) {
            hasher.combine(locale)
            hasher.combine(url)
        }
        hasher.combine(context.categoryTitles["\(entry.key.locale)/\(entry.key.category)"]?.title)
        return hasher.finalize()
    }

    /// What lists show of an entry (`PageContext.summary`).
    static func summary(_ entry: Entry, context: PageContext) -> Int {
        var hasher = Hasher()
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
        let index = context.index
        let summaries = index.entries.map { summary($0, context: context) }
        func combine(_ positions: some Sequence<Int32>, into hasher: inout Hasher) {
            for position in positions { hasher.combine(summaries[Int(position)]) }
        }
        func combine(_ category: Category, into hasher: inout Hasher) {
            hasher.combine(category.locale)
            hasher.combine(category.slug)
            hasher.combine(category.title)
            hasher.combine(category.description)
        }
        return pages.listPageJobs.map { job in
            let file = pages.file(of: job)
            var hasher = Hasher()
            hasher.combine(file)
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
            return (job, file, hasher.finalize())
        }
    }

    /// Keys of the files `SiteFiles` makes, by what they read: the sitemap (which
    /// pages exist, their translations and dates) and each locale's feed.
    static func siteFiles(_ index: SiteIndex, config: SiteConfig, today: Day) -> (sitemap: Int, feeds: [String: Int]) {
        var sitemap = Hasher()
        var feeds: [String: Hasher] = [:]
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
            var feed = feeds[entry.key.locale] ?? Hasher()
            feed.combine(entry.key)
            feed.combine(entry.title)
            feed.combine(entry.summary)
            feed.combine(entry.tags)
            feed.combine(entry.status == .approved)
            feed.combine(entry.isExpired(on: today))
            feed.combine(entry.approvedOn)
            feed.combine(entry.updated)
            feeds[entry.key.locale] = feed
        }
        return (sitemap.finalize(), feeds.mapValues { $0.finalize() })
    }
}
