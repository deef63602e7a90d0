/// What every page reads of the rest of the site, made from the validated content:
/// the site index and the two link tables. A full build, an incremental update and
/// a build-cache read make them here, the same way.
struct SiteTables {
    var urls: URLScheme
    var index: SiteIndex
    /// Keys of the published entries.
    var publishedKeys: Set<EntryKey>
    /// Drafts that are not published: still rendered, for their diagnostics only.
    var drafts: [Entry]
    var links: LinkTable
    /// The links as drafts see them: a draft may link to other drafts (they will be
    /// published together).
    var draftLinks: LinkTable

    init(content: LoadedContent, config: SiteConfig, includeDrafts: Bool) {
        urls = URLScheme(config: config)
        index = SiteIndex(content: content, includeDrafts: includeDrafts)
        let publishedKeys = Set(index.entries.map(\.key))
        self.publishedKeys = publishedKeys
        let unpublished = content.entries.filter { !publishedKeys.contains($0.key) }
        drafts = unpublished.filter { $0.status == .draft }
        // The two tables are independent: made at the same time (this stage runs alone).
        let (published, drafts, urls) = (index.entries, drafts, urls)
        (links, draftLinks) = Parallel.both(
            { LinkTable(published: published, unpublished: unpublished, categories: content.categories, assets: content.assets, urls: urls) },
            {
                LinkTable(
                    published: published + drafts, unpublished: unpublished.filter { $0.status != .draft }, categories: content.categories,
                    assets: content.assets, urls: urls)
            })
    }
}
