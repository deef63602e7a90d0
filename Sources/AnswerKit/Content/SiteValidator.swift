/// Checks that span files: duplicate ids, categories without entries.
enum SiteValidator {
    /// Validates `content` as a whole; sorts its entries and categories and adds
    /// default categories for folders without `_index.md`.
    static func validate(_ content: inout LoadedContent, config: SiteConfig) -> Diagnostics {
        var diagnostics = Diagnostics()
        content.entries.sort { $0.key < $1.key }
        // Duplicate ids within a locale: the first in path order keeps its id.
        var seen: [String: Entry] = [:]
        var duplicates = Set<EntryKey>()
        for entry in content.entries {
            let key = "\(entry.key.locale)\u{0}\(entry.id)"
            if let first = seen[key] {
                duplicates.insert(entry.key)
                diagnostics.append(.error(
                    "duplicate-id", at: entry.idLocation, "id '\(entry.id)' is already used in locale '\(entry.key.locale)'",
                    notes: ["first used by \(first.path); translations share an id across locales, never within one"]))
            } else {
                seen[key] = entry
            }
        }
        content.entries.removeAll { duplicates.contains($0.key) }
        diagnostics.append(contentsOf: TranslationSync.diagnostics(content.entries, defaultLocale: config.defaultLocale))
        // Every category folder with entries gets a category, from _index.md or defaults.
        var categories = Dictionary(content.categories.map { ("\($0.locale)/\($0.slug)", $0) }, uniquingKeysWith: { a, _ in a })
        for entry in content.entries where categories["\(entry.key.locale)/\(entry.key.category)"] == nil {
            categories["\(entry.key.locale)/\(entry.key.category)"] = Category(locale: entry.key.locale, slug: entry.key.category)
        }
        content.categories = categories.values.sorted {
            ($0.locale, $0.order, $0.title, $0.slug) < ($1.locale, $1.order, $1.title, $1.slug)
        }
        return diagnostics
    }
}
