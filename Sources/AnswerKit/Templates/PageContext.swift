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
    /// The strings the search client needs, as JSON for a `data-strings` attribute.
    let searchStrings: [String: String]
    /// Category values by `locale/slug` (their entry lists are shared by many pages).
    let categoryTitles: [String: (title: String, url: String)]
    /// Date, number and plural formats by locale code.
    let formats: [String: LocaleFormat]
    /// Codes of the right-to-left locales, whose text gets `<bdi>` around left-to-right runs.
    let rightToLeft: Set<String>
    /// Per-locale values every page of the locale shares (feed link, Open Graph locale).
    let localeValues: [String: TemplateObject]
    /// The keys of `common` that depend on the locale only, made once per configured locale.
    private var localeBases: [String: TemplateObject] = [:]
    /// Language-switcher items of pages in each locale (by code) for every configured
    /// locale, in configured order, as they are when the page has no version there:
    /// the same on all such pages (most pages lack most translations), so made once.
    private var missingSwitcherItems: [String: [TemplateValue]] = [:]

    public init(config: SiteConfig, theme: Theme, urls: URLScheme, index: SiteIndex, today: Day, version: String) {
        self.config = config
        self.theme = theme
        self.urls = urls
        self.index = index
        self.today = today
        self.version = version
        var strings: [String: TemplateValue] = [:]
        var searchStrings: [String: String] = [:]
        for locale in config.locales {
            strings[locale.code] = .object(TemplateObject(uniqueKeysWithValues: theme.strings(for: locale.code).map { (TemplateKey($0.key), TemplateValue.string($0.value)) }))
            searchStrings[locale.code] = PageContext.searchStrings(theme.strings(for: locale.code))
        }
        self.strings = strings
        self.searchStrings = searchStrings
        var titles: [String: (String, String)] = [:]
        for (locale, categories) in index.categories {
            for category in categories { titles["\(locale)/\(category.slug)"] = (category.title, urls.category(locale: locale, slug: category.slug)) }
        }
        categoryTitles = titles
        formats = Dictionary(uniqueKeysWithValues: config.locales.map { ($0.code, LocaleFormat($0)) })
        rightToLeft = Set(config.locales.filter { $0.direction == .rtl }.map(\.code))
        var shared: [String: TemplateObject] = [:]
        for locale in config.locales {
            var values: TemplateObject = ["ogLocale": .string(OpenGraph.locale(locale.code))]
            if urls.isAbsolute {
                values["feed"] = [
                    "url": .string(urls.url(ofFile: AtomFeed.path(locale: locale.code))),
                    "title": .string("\(config.title) · \(theme.strings(for: locale.code)["feed_title"] ?? AtomFeed.defaultTitle)"),
                ]
            }
            shared[locale.code] = values
        }
        localeValues = shared
        for locale in config.locales where localeBases[locale.code] == nil {
            localeBases[locale.code] = localeBase(locale.code)
            missingSwitcherItems[locale.code] = config.locales.map { switcherItem($0, alternates: [:], pageLocale: locale.code) }
        }
    }

    // MARK: - Common keys

    /// The keys of every page. `alternates` are the page's real language versions
    /// (`PageVersions`): the language switcher goes to them, or to that locale's
    /// home with its `#translation-missing` note; they are also the page's hreflang
    /// links unless the page is not `indexable` (search, 404, drafts), which gets
    /// `noindex` and neither hreflang nor canonical links. `xDefault` overrides the
    /// page's `x-default` (see `PageVersions.links`).
    func common(
        locale code: String, kind: String, title: String, description: String, file: String, alternates: [String: String],
        indexable: Bool = true, xDefault: String? = nil
    ) -> TemplateObject {
        let url = urls.url(ofFile: file)
        let missing = missingSwitcherItems[code]
        let switcher: [TemplateValue] = config.locales.indices.map { position in
            let other = config.locales[position]
            if let missing, alternates[other.code] == nil { return missing[position] }
            return switcherItem(other, alternates: alternates, pageLocale: code)
        }
        let hreflang: [TemplateValue] = indexable
            ? PageVersions.links(alternates, config: config, urls: urls, xDefault: xDefault).map { ["hreflang": .string($0.hreflang), "href": .string($0.href)] } : []
        var values = localeBases[code] ?? localeBase(code)
        values["locales"] = .list(switcher)
        values["alternates"] = .list(hreflang)
        values["page"] = [
            "title": .string(title), "description": .string(description.isEmpty ? config.title : description),
            "url": .string(url), "canonical": .string(urls.absolute(url)), "kind": .string(kind),
            "noindex": .bool(!indexable), "ogType": .string(kind == "entry" ? "article" : "website"),
            "ogLocale": localeValues[code]?["ogLocale"] ?? .string(code),
        ]
        return values
    }

    /// The language switcher's item for `other` on a page in `code` with versions `alternates`:
    /// its version there, or that locale's home with its `#translation-missing` note.
    private func switcherItem(_ other: SiteLocale, alternates: [String: String], pageLocale code: String) -> TemplateValue {
        let target = alternates[other.code] ?? urls.home(other.code) + "#\(PageContext.translationMissingID)"
        return [
            "code": .string(other.code), "name": .string(other.name), "dir": .string(other.direction.rawValue),
            "url": .string(target), "canonical": .string(urls.absolute(target)),
            "current": .bool(other.code == code), "missing": .bool(alternates[other.code] == nil),
        ]
    }

    /// The keys of `common` that are the same on every page of a locale.
    private func localeBase(_ code: String) -> TemplateObject {
        let locale = config.locale(code) ?? config.locales[0]
        // Room for the page's own keys, so adding them to a copy does not grow it.
        var values = TemplateObject(minimumCapacity: 20)
        values.merge([
            "site": ["title": .string(config.title), "baseURL": .string(config.baseURL), "basePath": .string(config.basePath)],
            "lang": .string(code), "dir": .string(locale.direction.rawValue),
            "locale": ["code": .string(code), "name": .string(locale.name), "dir": .string(locale.direction.rawValue)],
            "t": strings[code] ?? [:],
            "homeURL": .string(urls.home(code)), "searchURL": .string(urls.search(code)), "tagsURL": .string(urls.tags(code)),
            "assets": [
                "css": .string(assetURL("style.css")), "js": .string(assetURL("answerkit.js")),
                "analyzer": .string(assetURL("analyzer.js")), "search": .string(assetURL("search.js")),
            ],
            "searchIndexURL": .string(urls.root() + "search/\(code)/"),
            "searchStrings": .string(searchStrings[code] ?? "{}"),
            "generator": .string("AnswerKit \(version)"),
        ]) { _, new in new }
        values["feed"] = localeValues[code]?["feed"]
        return values
    }

    /// The `id` of the note a locale's home shows when the reader came from a page that has no translation.
    static let translationMissingID = "translation-missing"

    /// Result counts in every plural category the browser's `Intl.PluralRules` may
    /// ask for (`results_one`, `results_few`…; `{n}` is the number), and the other
    /// strings the search client writes.
    static func searchStrings(_ strings: [String: String]) -> String {
        let keys = strings.keys.filter { $0.hasPrefix("results_") } + ["categories", "search_results", "search_error"]
        let members = keys.sorted().compactMap { key in strings[key].map { (key, JSONValue.string($0)) } }
        return String(decoding: JSONWriter.compactBytes(.object(members)).dropLast(), as: UTF8.self)
    }

    func assetURL(_ name: String) -> String {
        urls.asset(name) + (theme.assetVersions[name].map { "?v=\($0)" } ?? "")
    }

    // MARK: - Pieces

    func summary(_ entry: Entry) -> TemplateValue {
        .object(summaryMembers(entry))
    }

    /// The members of `summary(entry)`, in a table with room for `capacity` members
    /// (an entry page adds its own to it rather than merging two tables).
    func summaryMembers(_ entry: Entry, capacity: Int = 10) -> TemplateObject {
        let locale = entry.key.locale
        var value = TemplateObject(minimumCapacity: capacity)
        value["id"] = .string(entry.id)
        value["title"] = .string(entry.title)
        value["url"] = .string(urls.entry(entry.key))
        value["titleHTML"] = .string(textHTML(entry.title, locale: locale))
        value["underReview"] = .bool(entry.isExpired(on: today))
        value["isDraft"] = .bool(entry.status == .draft)
        value["summary"] = .optional(entry.summary)
        if !entry.summary.isEmpty { value["summaryHTML"] = .string(textHTML(entry.summary, locale: locale)) }
        if let category = categoryTitles["\(entry.key.locale)/\(entry.key.category)"] {
            value["category"] = ["title": .string(category.title), "url": .string(category.url)]
        }
        return value
    }

    func categoryValue(_ category: Category, limit: Int? = nil) -> TemplateValue {
        let entries = index.entries(inCategory: "\(category.locale)/\(category.slug)")
        let shown = limit.map { Array(entries.prefix($0)) } ?? entries
        var value: TemplateObject = [
            "title": .string(category.title), "slug": .string(category.slug),
            "titleHTML": .string(textHTML(category.title, locale: category.locale)),
            "url": .string(urls.category(locale: category.locale, slug: category.slug)),
            "entries": .list(shown.map(summary)), "hasMore": .bool(shown.count < entries.count),
        ]
        value.merge(countValues(entries.count, key: "entries_count", locale: category.locale)) { _, new in new }
        value["description"] = .optional(category.description)
        if !category.description.isEmpty { value["descriptionHTML"] = .string(textHTML(category.description, locale: category.locale)) }
        return .object(value)
    }

    /// A date formatted for the locale (`2 octobre 2026`, `2 أكتوبر، 2026`, with the configured digits).
    func format(_ day: Day, locale: String) -> String {
        formatter(locale).date(day)
    }

    /// The formats of `locale`.
    func formatter(_ locale: String) -> LocaleFormat {
        formats[locale] ?? LocaleFormat(code: locale)
    }

    /// Plain text from content as HTML for a page of `locale`: escaped, and on
    /// right-to-left pages with left-to-right runs isolated in `<bdi>`.
    func textHTML(_ text: String, locale: String) -> String {
        rightToLeft.contains(locale) ? BidiIsolation.html(text) : HTML.escape(text)
    }

    /// A number and its counted phrase: `{countText, countLabel}` keys (`3 articles`, `مقالتان`).
    func countValues(_ count: Int, key: String, locale: String) -> TemplateObject {
        let format = formatter(locale)
        var values: TemplateObject = ["count": .int(count), "countText": .string(format.number(count))]
        values["countLabel"] = .optional(format.count(count, key, strings: theme.strings(for: locale)))
        return values
    }
}
