import Foundation

/// Builds the template context of each page (see templates/README.md for the keys).
///
/// Optional text is left out rather than set to `""`, so templates can test it
/// with a section (`{{#summary}}…{{/summary}}`).
public struct PageContext: Sendable {
    public var config: SiteConfig
    public var theme: Theme
    public var urls: URLScheme
    public var index: SiteIndex
    public var today: Day
    public var version: String
    /// The interface strings of each locale, as template values, made once.
    let strings: [String: TemplateValue]
    /// Category values by `locale/slug` (their entry lists are shared by many pages).
    let categoryTitles: [String: (title: String, url: String)]

    public init(config: SiteConfig, theme: Theme, urls: URLScheme, index: SiteIndex, today: Day, version: String) {
        self.config = config
        self.theme = theme
        self.urls = urls
        self.index = index
        self.today = today
        self.version = version
        var strings: [String: TemplateValue] = [:]
        for locale in config.locales {
            strings[locale.code] = .object(theme.strings(for: locale.code).mapValues(TemplateValue.string))
        }
        self.strings = strings
        var titles: [String: (String, String)] = [:]
        for (locale, categories) in index.categories {
            for category in categories { titles["\(locale)/\(category.slug)"] = (category.title, urls.category(locale: locale, slug: category.slug)) }
        }
        categoryTitles = titles
    }

    // MARK: - Common keys

    func common(locale code: String, kind: String, title: String, description: String, file: String, alternates: [String: String]) -> [String: TemplateValue] {
        let locale = config.locale(code) ?? config.locales[0]
        let url = urls.url(ofFile: file)
        let switcher: [TemplateValue] = config.locales.map { other in
            let target = alternates[other.code] ?? urls.home(other.code)
            return [
                "code": .string(other.code), "name": .string(other.name), "dir": .string(other.direction.rawValue),
                "url": .string(target), "canonical": .string(urls.absolute(target)),
                "current": .bool(other.code == code), "missing": .bool(alternates[other.code] == nil),
            ]
        }
        return [
            "site": ["title": .string(config.title), "baseURL": .string(config.baseURL), "basePath": .string(config.basePath)],
            "lang": .string(code), "dir": .string(locale.direction.rawValue),
            "locale": ["code": .string(code), "name": .string(locale.name), "dir": .string(locale.direction.rawValue)],
            "locales": .list(switcher),
            "t": strings[code] ?? [:],
            "page": [
                "title": .string(title), "description": .string(description.isEmpty ? config.title : description),
                "url": .string(url), "canonical": .string(urls.absolute(url)), "kind": .string(kind),
            ],
            "homeURL": .string(urls.home(code)), "searchURL": .string(urls.search(code)), "tagsURL": .string(urls.tags(code)),
            "assets": ["css": .string(assetURL("style.css")), "js": .string(assetURL("answerkit.js"))],
            "generator": .string("AnswerKit \(version)"),
        ]
    }

    func assetURL(_ name: String) -> String {
        urls.asset(name) + (theme.assetVersions[name].map { "?v=\($0)" } ?? "")
    }

    // MARK: - Pieces

    func summary(_ entry: Entry) -> TemplateValue {
        var value: [String: TemplateValue] = [
            "id": .string(entry.id), "title": .string(entry.title), "url": .string(urls.entry(entry.key)),
            "underReview": .bool(entry.isExpired(on: today)), "isDraft": .bool(entry.status == .draft),
        ]
        value["summary"] = .optional(entry.summary)
        if let category = categoryTitles["\(entry.key.locale)/\(entry.key.category)"] {
            value["category"] = ["title": .string(category.title), "url": .string(category.url)]
        }
        return .object(value)
    }

    func categoryValue(_ category: Category, limit: Int? = nil) -> TemplateValue {
        let entries = index.entriesByCategory["\(category.locale)/\(category.slug)"] ?? []
        let shown = limit.map { Array(entries.prefix($0)) } ?? entries
        var value: [String: TemplateValue] = [
            "title": .string(category.title), "slug": .string(category.slug),
            "url": .string(urls.category(locale: category.locale, slug: category.slug)), "count": .int(entries.count),
            "entries": .list(shown.map(summary)), "hasMore": .bool(shown.count < entries.count),
        ]
        value["description"] = .optional(category.description)
        return .object(value)
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
