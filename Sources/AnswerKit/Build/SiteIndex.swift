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
            var seen = Set<String>()
            for tag in entry.tags {
                let slug = Slug.make(tag)
                // `[vip, VIP]` lists the entry once on the tag's page.
                guard seen.insert(slug).inserted else { continue }
                byTag[entry.key.locale, default: [:]][slug, default: []].append(Int32(position))
                if tagNames[entry.key.locale]?[slug] == nil { tagNames[entry.key.locale, default: [:]][slug] = tag }
            }
        }
        let keys = entries.map(Self.titleKey)
        let entries = entries
        func sortedByTitle(_ positions: [Int32]) -> [Int32] {
            Self.sortedByTitle(positions, entries: entries, keys: keys)
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

    /// What list order compares titles by: case-insensitive, as UTF-8 bytes (code
    /// point order, much cheaper than `String`'s canonical comparison and as deterministic).
    static func titleKey(_ entry: Entry) -> [UInt8] {
        Array(entry.title.lowercased().utf8)
    }

    /// `positions` in list order: title (`titleKey`), then key. `keys` are the title keys of all
    /// `entries`, or `nil` to make those of `positions` only.
    static func sortedByTitle(_ positions: [Int32], entries: [Entry], keys: [[UInt8]]? = nil) -> [Int32] {
        let local = keys == nil ? Dictionary(positions.map { ($0, titleKey(entries[Int($0)])) }, uniquingKeysWith: { a, _ in a }) : [:]
        func key(_ position: Int32) -> [UInt8] { keys?[Int(position)] ?? local[position]! }
        return positions.sorted { a, b in
            let (x, y) = (key(a), key(b))
            if x != y { return x.lexicographicallyPrecedes(y) }
            return entries[Int(a)].key < entries[Int(b)].key
        }
    }

    /// Puts `entry` in place of the entry with its key at `position`, keeping lists
    /// in order (an edit that changes neither status, id, nor tags: see `IncrementalUpdate`).
    mutating func replace(at position: Int, with entry: Entry) {
        let titleChanged = entries[position].title != entry.title
        entries[position] = entry
        guard titleChanged else { return }
        let category = "\(entry.key.locale)/\(entry.key.category)"
        if let positions = entriesByCategory[category] { entriesByCategory[category] = Self.sortedByTitle(positions, entries: entries) }
        let slugs = Set(entry.tags.map(Slug.make))
        guard !slugs.isEmpty, var tags = tags[entry.key.locale] else { return }
        for number in tags.indices where slugs.contains(Slug.make(tags[number].name)) {
            tags[number].positions = Self.sortedByTitle(tags[number].positions, entries: entries)
        }
        self.tags[entry.key.locale] = tags
    }

    /// The category of an entry.
    public func category(of key: EntryKey) -> Category? {
        categories[key.locale]?.first { $0.slug == key.category }
    }
}
