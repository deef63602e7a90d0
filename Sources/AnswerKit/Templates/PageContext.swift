import Foundation

/// Builds the Mustache context of each page (see templates/README.md for the keys).
///
/// Contexts are `[String: Any]` because that is what swift-mustache walks fastest
/// (no reflection); every value is a String, Bool, Int, array or dictionary.
public struct PageContext: Sendable {
    public var config: SiteConfig
    public var theme: Theme
    public var urls: URLScheme
    public var index: SiteIndex
    public var today: Day
    public var version: String

    /// One entry of the language switcher.
    struct Alternate {
        var locale: SiteLocale
        var url: String
        var missing: Bool
    }

    // MARK: - Common keys

    func common(locale code: String, kind: String, title: String, description: String, file: String, alternates: [String: String]) -> [String: Any] {
        let locale = config.locale(code) ?? config.locales[0]
        let url = urls.url(ofFile: file)
        let strings = theme.strings(for: code)
        let switcher: [[String: Any]] = config.locales.map { other in
            let target = alternates[other.code]
            return [
                "code": other.code, "name": other.name, "dir": other.direction.rawValue,
                "url": target ?? urls.home(other.code), "current": other.code == code, "missing": target == nil,
                "canonical": urls.absolute(target ?? urls.home(other.code)),
            ]
        }
        return [
            "site": ["title": config.title, "baseURL": config.baseURL, "basePath": config.basePath],
            "lang": code, "dir": locale.direction.rawValue,
            "locale": ["code": code, "name": locale.name, "dir": locale.direction.rawValue],
            "locales": switcher,
            "t": strings,
            "page": [
                "title": title, "description": description.isEmpty ? config.title : description, "url": url,
                "canonical": urls.absolute(url), "kind": kind,
            ] as [String: Any],
            "homeURL": urls.home(code), "searchURL": urls.search(code), "tagsURL": urls.tags(code),
            "assets": ["css": assetURL("style.css"), "js": assetURL("answerkit.js")],
            "generator": "AnswerKit \(version)",
        ]
    }

    func assetURL(_ name: String) -> String {
        urls.asset(name) + (theme.assetVersions[name].map { "?v=\($0)" } ?? "")
    }

    // MARK: - Pieces

    func summary(_ entry: Entry) -> [String: Any] {
        // Empty strings are truthy in swift-mustache: optional text is left out instead.
        var value: [String: Any] = [
            "id": entry.id, "title": entry.title, "url": urls.entry(entry.key),
            "underReview": entry.isExpired(on: today), "isDraft": entry.status == .draft,
        ]
        if !entry.summary.isEmpty { value["summary"] = entry.summary }
        if let category = index.category(of: entry.key) {
            value["category"] = ["title": category.title, "url": urls.category(locale: category.locale, slug: category.slug)]
        }
        return value
    }

    func categoryValue(_ category: Category, limit: Int? = nil) -> [String: Any] {
        let entries = index.entriesByCategory["\(category.locale)/\(category.slug)"] ?? []
        let shown = limit.map { Array(entries.prefix($0)) } ?? entries
        var value: [String: Any] = [
            "title": category.title, "slug": category.slug,
            "url": urls.category(locale: category.locale, slug: category.slug), "count": entries.count,
            "entries": shown.map(summary), "hasMore": shown.count < entries.count,
        ]
        if !category.description.isEmpty { value["description"] = category.description }
        return value
    }

    /// A date formatted for the locale (`2 octobre 2026`, `٢ أكتوبر ٢٠٢٦`).
    func format(_ day: Day, locale: String) -> String {
        DateFormatting.format(day, locale: locale)
    }
}

/// Locale-aware long dates, cached (a site has few distinct dates).
enum DateFormatting {
    private static let cache = Locked<[String: String]>([:])

    static func format(_ day: Day, locale: String) -> String {
        let key = "\(locale)|\(day)"
        if let hit = cache.withLock({ $0[key] }) { return hit }
        var style = Date.FormatStyle(date: .long, time: .omitted)
        style.locale = Locale(identifier: locale)
        style.timeZone = TimeZone(identifier: "UTC")!
        style.calendar = Calendar(identifier: .gregorian)
        let text = day.date.formatted(style)
        cache.withLock { $0[key] = text }
        return text
    }
}
