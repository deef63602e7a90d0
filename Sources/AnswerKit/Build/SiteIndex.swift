/// The published site as lookup tables: what lists and switchers are made of.
///
/// Lists hold positions in `entries`, not copies: an `Entry` is ~400 bytes inline,
/// and at 100 000 entries with a few tags each, copies cost hundreds of megabytes.
public struct SiteIndex: Sendable {
    /// Entries on the site (approved, expired-but-approved, and drafts when asked), sorted by key.
    public var entries: [Entry]
    /// Categories that have published entries, by locale, in display order.
    public var categories: [String: [Category]]
    /// Positions in `entries` of each category's (`locale/slug`) entries, sorted by title.
    public var entriesByCategory: [String: [Int32]]
    /// Tags by locale: tag → positions in `entries`, sorted by title.
    public var tags: [String: [(name: String, positions: [Int32])]]
    /// Published translations of each entry id: locale → key.
    public var translations: [String: [String: EntryKey]]

    /// The entries at `positions`.
    public func entries(at positions: [Int32]) -> [Entry] {
        positions.map { entries[Int($0)] }
    }

    /// The entries of a category (`locale/slug`), sorted by title.
    public func entries(inCategory key: String) -> [Entry] {
        entries(at: entriesByCategory[key] ?? [])
    }

    /// Indexes the entries that `build` publishes.
    public init(content: LoadedContent, includeDrafts: Bool) {
        entries = content.entries.filter { $0.status == .approved || (includeDrafts && $0.status == .draft) }
        var byCategory: [String: [Int32]] = [:]
        var byTag: [String: [String: [Int32]]] = [:]
        var tagNames: [String: [String: String]] = [:]
        translations = [:]
        for (position, entry) in entries.enumerated() {
            byCategory["\(entry.key.locale)/\(entry.key.category)", default: []].append(Int32(position))
            translations[entry.id, default: [:]][entry.key.locale] = entry.key
            for tag in entry.tags {
                let slug = Slug.make(tag)
                byTag[entry.key.locale, default: [:]][slug, default: []].append(Int32(position))
                if tagNames[entry.key.locale]?[slug] == nil { tagNames[entry.key.locale, default: [:]][slug] = tag }
            }
        }
        let keys = entries.map { Array($0.title.lowercased().utf8) }
        let entries = entries
        /// Title order (case-insensitive, compared as UTF-8 bytes: code point order, much
        /// cheaper than `String`'s canonical comparison and as deterministic), then key.
        func sortedByTitle(_ positions: [Int32]) -> [Int32] {
            positions.sorted { a, b in
                let (x, y) = (Int(a), Int(b))
                if keys[x] != keys[y] { return keys[x].lexicographicallyPrecedes(keys[y]) }
                return entries[x].key < entries[y].key
            }
        }
        entriesByCategory = byCategory.mapValues(sortedByTitle)
        var categories: [String: [Category]] = [:]
        for category in content.categories where byCategory["\(category.locale)/\(category.slug)"] != nil {
            categories[category.locale, default: []].append(category)
        }
        self.categories = categories
        tags = Dictionary(uniqueKeysWithValues: byTag.map { locale, bySlug in (locale,
            bySlug.keys.sorted().map { slug in
                (name: tagNames[locale]?[slug] ?? slug, positions: sortedByTitle(bySlug[slug]!))
            })
        })
    }

    /// The category of an entry.
    public func category(of key: EntryKey) -> Category? {
        categories[key.locale]?.first { $0.slug == key.category }
    }
}
