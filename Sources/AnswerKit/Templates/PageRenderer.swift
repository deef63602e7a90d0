import Foundation

/// Renders pages through the theme (the render stage's templating half).
public struct PageRenderer: Sendable {
    public var context: PageContext

    public init(context: PageContext) {
        self.context = context
    }

    private var urls: URLScheme { context.urls }
    private var config: SiteConfig { context.config }
    private var index: SiteIndex { context.index }

    func render(_ template: String, _ values: [String: Any], file: String) -> OutputFile {
        let html = context.theme.library.render(values, withTemplate: template) ?? ""
        return OutputFile(path: file, text: html)
    }

    func merge(_ base: [String: Any], _ extra: [String: Any]) -> [String: Any] {
        base.merging(extra) { _, new in new }
    }

    // MARK: - Entry

    /// The page of one entry.
    public func entryPage(_ entry: Entry, body: RenderedBody) -> OutputFile {
        let file = urls.entryFile(entry.key)
        let locale = entry.key.locale
        var alternates: [String: String] = [:]
        for (code, key) in index.translations[entry.id] ?? [:] { alternates[code] = urls.entry(key) }
        let description = entry.summary.isEmpty ? body.excerpt(limit: 160) : entry.summary
        var values = context.common(locale: locale, kind: "entry", title: entry.title, description: description, file: file, alternates: alternates)
        let strings = context.theme.strings(for: locale)
        let underReview = entry.isExpired(on: context.today)
        let showReplies = !underReview && entry.status != .retired
        let replies: [[String: Any]] = showReplies ? entry.replies.map { reply in
            let count = ReplyLength.binding(reply.text, channel: reply.channel, config: config)
            let id = "\(entry.id):\(locale):\(reply.channel):\(reply.kind.rawValue):\(reply.number)"
            return [
                "id": id, "channel": reply.channel,
                "channelName": strings["channel_\(reply.channel.replacingOccurrences(of: "-", with: "_"))"] ?? reply.channel,
                "kind": reply.kind.rawValue,
                "kindLabel": strings["kind_\(reply.kind.rawValue.replacingOccurrences(of: "-", with: "_"))"] ?? reply.kind.rawValue,
                "text": reply.text, "length": count?.length ?? 0, "limit": count?.limit ?? 0,
                "unit": count?.unit.rawValue ?? "", "hasLimit": count?.limit != nil,
                "unitLabel": strings["unit_\(count?.unit.rawValue ?? "characters")"] ?? strings["characters"] ?? "",
            ]
        } : []
        var entryValue = context.summary(entry)
        let category = index.category(of: entry.key)
        entryValue = merge(entryValue, [
            "html": body.html,
            "category": ["title": category?.title ?? entry.key.category, "url": urls.category(locale: locale, slug: entry.key.category)],
            "tags": entry.tags.map { ["name": $0, "url": urls.tag(locale: locale, tag: $0)] },
            "hasTags": !entry.tags.isEmpty,
            "sources": entry.sources.map { ["text": $0.text, "url": $0.isLink ? $0.text : "", "isLink": $0.isLink] as [String: Any] },
            "hasSources": !entry.sources.isEmpty,
            "status": entry.status.rawValue,
            "hasApproval": entry.approvedOn != nil,
            "headings": body.headings.filter { $0.level <= 3 }.map { ["level": $0.level, "id": $0.id, "text": $0.text] as [String: Any] },
            "hasHeadings": body.headings.contains { $0.level <= 3 },
            "replies": replies,
            "hasReplies": !replies.isEmpty,
        ])
        // Optional values are left out rather than empty (empty strings are truthy in Mustache).
        if let approvedBy = entry.approvedBy, !approvedBy.isEmpty { entryValue["approvedBy"] = approvedBy }
        if let day = entry.approvedOn {
            entryValue["approvedOn"] = context.format(day, locale: locale)
            entryValue["approvedOnISO"] = day.description
        }
        if let day = entry.reviewBy {
            entryValue["reviewBy"] = context.format(day, locale: locale)
            entryValue["reviewByISO"] = day.description
        }
        values["entry"] = entryValue
        return render("entry", values, file: file)
    }

    // MARK: - Lists

    /// Every page that is not an entry: root, homes, categories, tags, search, 404.
    public func listPages() -> [OutputFile] {
        var pages: [OutputFile] = [rootPage()]
        for locale in config.locales {
            let code = locale.code
            let strings = context.theme.strings(for: code)
            let everyLocale = { (make: (String) -> String) in Dictionary(uniqueKeysWithValues: config.locales.map { ($0.code, make($0.code)) }) }
            let categories = index.categories[code] ?? []
            var home = context.common(
                locale: code, kind: "home", title: config.title, description: strings["home_description"] ?? config.title,
                file: urls.homeFile(code), alternates: everyLocale(urls.home))
            home["categories"] = categories.map { context.categoryValue($0, limit: 6) }
            home["hasCategories"] = !categories.isEmpty
            pages.append(render("home", home, file: urls.homeFile(code)))

            for category in categories {
                var alternates: [String: String] = [:]
                for other in config.locales where index.categories[other.code]?.contains(where: { $0.slug == category.slug }) == true {
                    alternates[other.code] = urls.category(locale: other.code, slug: category.slug)
                }
                let file = urls.categoryFile(locale: code, slug: category.slug)
                var values = context.common(locale: code, kind: "category", title: category.title, description: category.description, file: file, alternates: alternates)
                let value = context.categoryValue(category)
                values["category"] = value
                values["entries"] = value["entries"]
                pages.append(render("category", values, file: file))
            }

            let tags = index.tags[code] ?? []
            var tagsPage = context.common(
                locale: code, kind: "tags", title: strings["all_tags"] ?? "Tags", description: strings["all_tags"] ?? "Tags",
                file: urls.tagsFile(code), alternates: everyLocale(urls.tags))
            tagsPage["tags"] = tags.map { ["name": $0.name, "url": urls.tag(locale: code, tag: $0.name), "count": $0.entries.count] as [String: Any] }
            tagsPage["hasTags"] = !tags.isEmpty
            pages.append(render("tags", tagsPage, file: urls.tagsFile(code)))
            for tag in tags {
                let file = urls.tagFile(locale: code, tag: tag.name)
                var values = context.common(locale: code, kind: "tag", title: tag.name, description: tag.name, file: file, alternates: everyLocale(urls.tags))
                values["tag"] = ["name": tag.name, "url": urls.tag(locale: code, tag: tag.name), "count": tag.entries.count] as [String: Any]
                values["entries"] = tag.entries.map(context.summary)
                pages.append(render("tag", values, file: file))
            }

            let search = context.common(
                locale: code, kind: "search", title: strings["search"] ?? "Search", description: strings["search"] ?? "Search",
                file: urls.searchFile(code), alternates: everyLocale(urls.search))
            pages.append(render("search", search, file: urls.searchFile(code)))

            let notFound = context.common(
                locale: code, kind: "404", title: strings["not_found_title"] ?? "Page not found", description: strings["not_found_title"] ?? "",
                file: urls.notFoundFile(code), alternates: everyLocale(urls.home))
            pages.append(render("404", notFound, file: urls.notFoundFile(code)))
            if code == config.defaultLocale {
                // The server-wide 404 (GitHub Pages and most hosts serve /404.html).
                pages.append(render("404", notFound, file: "404.html"))
            }
        }
        return pages
    }

    private func rootPage() -> OutputFile {
        var values = context.common(
            locale: config.defaultLocale, kind: "root", title: config.title, description: config.title, file: "index.html",
            alternates: Dictionary(uniqueKeysWithValues: config.locales.map { ($0.code, urls.home($0.code)) }))
        values["defaultHomeURL"] = urls.home(config.defaultLocale)
        return render("root", values, file: "index.html")
    }
}
