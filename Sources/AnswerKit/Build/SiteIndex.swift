/// The published site as lookup tables: what lists and switchers are made of.
public struct SiteIndex: Sendable {
    /// Entries on the site (approved, expired-but-approved, and drafts when asked), sorted by key.
    public var entries: [Entry]
    /// Categories that have published entries, by locale, in display order.
    public var categories: [String: [Category]]
    /// Published entries of each category (`locale/slug`), sorted by title.
    public var entriesByCategory: [String: [Entry]]
    /// Tags by locale: tag → entries sorted by title.
    public var tags: [String: [(name: String, entries: [Entry])]]
    /// Published translations of each entry id: locale → key.
    public var translations: [String: [String: EntryKey]]

    /// Indexes the entries that `build` publishes.
    public init(content: LoadedContent, includeDrafts: Bool) {
        entries = content.entries.filter { $0.status == .approved || (includeDrafts && $0.status == .draft) }
        var byCategory: [String: [Entry]] = [:]
        var byTag: [String: [String: [Entry]]] = [:]
        var tagNames: [String: [String: String]] = [:]
        translations = [:]
        for entry in entries {
            byCategory["\(entry.key.locale)/\(entry.key.category)", default: []].append(entry)
            translations[entry.id, default: [:]][entry.key.locale] = entry.key
            for tag in entry.tags {
                let slug = Slug.make(tag)
                byTag[entry.key.locale, default: [:]][slug, default: []].append(entry)
                if tagNames[entry.key.locale]?[slug] == nil { tagNames[entry.key.locale, default: [:]][slug] = tag }
            }
        }
        entriesByCategory = byCategory.mapValues(SiteIndex.sortedByTitle)
        var categories: [String: [Category]] = [:]
        for category in content.categories where byCategory["\(category.locale)/\(category.slug)"] != nil {
            categories[category.locale, default: []].append(category)
        }
        self.categories = categories
        tags = Dictionary(uniqueKeysWithValues: byTag.map { locale, bySlug in (locale,
            bySlug.keys.sorted().map { slug in
                (name: tagNames[locale]?[slug] ?? slug, entries: SiteIndex.sortedByTitle(bySlug[slug]!))
            })
        })
    }

    /// Title order (case-insensitive), then key, so equal titles stay deterministic.
    /// Sort keys are computed once per entry, not once per comparison.
    /// Keys compare as UTF-8 bytes (code point order), much cheaper than `String`'s
    /// Unicode-canonical comparison and just as deterministic.
    static func sortedByTitle(_ entries: [Entry]) -> [Entry] {
        let keys = entries.map { Array($0.title.lowercased().utf8) }
        return entries.indices.sorted { a, b in
            if keys[a] != keys[b] { return keys[a].lexicographicallyPrecedes(keys[b]) }
            return entries[a].key < entries[b].key
        }.map { entries[$0] }
    }

    /// The category of an entry.
    public func category(of key: EntryKey) -> Category? {
        categories[key.locale]?.first { $0.slug == key.category }
    }
}
