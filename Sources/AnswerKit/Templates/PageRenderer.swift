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

    func render(_ template: String, _ values: TemplateObject, file: String) -> OutputFile {
        let bytes = context.theme.library.render(template, .object(values)) ?? []
        return OutputFile(path: file, contents: Data(bytes))
    }

    // MARK: - Entry

    /// The page of one entry.
    public func entryPage(_ entry: Entry, body: RenderedBody) -> OutputFile {
        let file = urls.entryFile(entry.key)
        let locale = entry.key.locale
        let alternates = PageVersions.entry(entry, index: index, urls: urls)
        let description = entry.summary.isEmpty ? body.excerpt(limit: 160) : entry.summary
        let isDraft = entry.status == .draft
        var values = context.common(
            locale: locale, kind: "entry", title: entry.title, description: description, file: file, alternates: alternates, indexable: !isDraft)
        let strings = context.theme.strings(for: locale)
        let format = context.formatter(locale)
        let underReview = entry.isExpired(on: context.today)
        let showReplies = !underReview && entry.status != .retired
        let replies: [TemplateValue] = showReplies ? entry.replies.map { reply in
            let count = reply.count ?? ReplyLength.binding(reply.text, channel: reply.channel, config: config)
            let unit = count?.unit.rawValue ?? "characters"
            return [
                "id": .string("\(entry.id):\(locale):\(reply.channel):\(reply.kind.rawValue):\(reply.number)"),
                "channel": .string(reply.channel),
                "channelName": .string(strings["channel_\(Self.underscored(reply.channel))"] ?? reply.channel),
                "kind": .string(reply.kind.rawValue),
                "kindLabel": .string(strings["kind_\(Self.underscored(reply.kind.rawValue))"] ?? reply.kind.rawValue),
                "text": .string(reply.text), "textHTML": .string(ReplyHTML.make(reply.text, isolate: context.rightToLeft.contains(locale))),
                "length": .int(count?.length ?? 0), "limit": .int(count?.limit ?? 0),
                "lengthText": .string(format.number(count?.length ?? 0)), "limitText": .string(format.number(count?.limit ?? 0)),
                "unit": .string(unit), "hasLimit": .bool(count?.limit != nil),
                "unitLabel": .string(strings["unit_\(unit)"] ?? strings["characters"] ?? unit),
            ]
        } : []
        let headings = body.headings.filter { $0.level <= 3 }
        // The entry's own members are set over its summary's in one table (room for all
        // of them): merging a second table into a copy of the first cost a rehash a page.
        var entryValue = context.summaryMembers(entry, capacity: 32)
        entryValue["html"] = .bytes(body.htmlBytes)
        entryValue["category"] = [
            "title": .string(context.categoryTitles["\(locale)/\(entry.key.category)"]?.title ?? entry.key.category),
            "url": .string(urls.category(locale: locale, slug: entry.key.category)),
        ]
        entryValue["tags"] = .list(entry.tags.map { ["name": .string($0), "url": .string(urls.tag(locale: locale, tag: $0))] })
        entryValue["hasTags"] = .bool(!entry.tags.isEmpty)
        entryValue["sources"] = .list(entry.sources.map {
            ["text": .string($0.text), "textHTML": .string(context.textHTML($0.text, locale: locale)),
             "url": .string($0.isLink ? $0.text : ""), "isLink": .bool($0.isLink)]
        })
        entryValue["hasSources"] = .bool(!entry.sources.isEmpty)
        entryValue["status"] = .string(entry.status.rawValue)
        entryValue["hasApproval"] = .bool(entry.approvedOn != nil)
        entryValue["headings"] = .list(headings.map {
            ["level": .int($0.level), "id": .string($0.id), "text": .string($0.text), "textHTML": .string(context.textHTML($0.text, locale: locale))]
        })
        entryValue["hasHeadings"] = .bool(!headings.isEmpty)
        entryValue["replies"] = .list(replies)
        entryValue["hasReplies"] = .bool(!replies.isEmpty)
        entryValue["approvedBy"] = .optional(entry.approvedBy)
        if let name = entry.approvedBy, !name.isEmpty { entryValue["approvedByHTML"] = .string(context.textHTML(name, locale: locale)) }
        if !isDraft {
            entryValue["jsonLD"] = .bytes(StructuredData.faqPageBytes(StructuredData.EntryPage(
                title: entry.title, summary: entry.summary, answer: body.plainText, url: urls.absolute(urls.entry(entry.key)), locale: locale,
                approvedBy: entry.approvedBy, approvedOn: entry.approvedOn, siteTitle: config.title, siteURL: urls.absolute(urls.home(locale)))))
        }
        if let day = entry.approvedOn {
            entryValue["approvedOn"] = .string(context.format(day, locale: locale))
            entryValue["approvedOnISO"] = .string(day.description)
        }
        if let day = entry.reviewBy {
            entryValue["reviewBy"] = .string(context.format(day, locale: locale))
            entryValue["reviewByISO"] = .string(day.description)
        }
        values["entry"] = .object(entryValue)
        return render("entry", values, file: file)
    }

    /// `name` with `-` as `_`, for interface string keys (`channel_google_business`).
    /// ASCII names are mapped byte by byte; Foundation's `replacingOccurrences`
    /// cost more than the rest of a page's reply values.
    static func underscored(_ name: String) -> String {
        guard name.utf8.contains(UInt8(ascii: "-")) else { return name }
        guard name.utf8.allSatisfy({ $0 < 0x80 }) else { return name.replacingOccurrences(of: "-", with: "_") }
        return String(decoding: name.utf8.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: "_") : $0 }, as: UTF8.self)
    }

    // MARK: - Lists

    /// Entries listed under each category on a locale's home.
    static let homeEntriesPerCategory = 6

    /// A page that is not an entry page, to render on its own (list pages are
    /// rendered in parallel and written one by one, never all held at once).
    public enum ListPage: Sendable {
        case root
        case home(String)
        case category(String, Int)
        case tags(String)
        case tag(String, Int)
        case search(String)
        case notFound(String, file: String)
    }

    /// Every page that is not an entry: root, homes, categories, tags, search, 404.
    public var listPageJobs: [ListPage] {
        var jobs: [ListPage] = [.root]
        for locale in config.locales {
            let code = locale.code
            jobs.append(.home(code))
            jobs.append(contentsOf: (index.categories[code] ?? []).indices.map { .category(code, $0) })
            jobs.append(.tags(code))
            jobs.append(contentsOf: (index.tags[code] ?? []).indices.map { .tag(code, $0) })
            jobs.append(.search(code))
            jobs.append(.notFound(code, file: urls.notFoundFile(code)))
            // The server-wide 404 (GitHub Pages and most hosts serve /404.html).
            if code == config.defaultLocale { jobs.append(.notFound(code, file: "404.html")) }
        }
        return jobs
    }

    /// The file a list page is written to.
    public func file(of job: ListPage) -> String {
        switch job {
        case .root: "index.html"
        case let .home(code): urls.homeFile(code)
        case let .category(code, position): urls.categoryFile(locale: code, slug: index.categories[code]![position].slug)
        case let .tags(code): urls.tagsFile(code)
        case let .tag(code, position): urls.tagFile(locale: code, tag: index.tags[code]![position].name)
        case let .search(code): urls.searchFile(code)
        case let .notFound(_, file): file
        }
    }

    /// All list pages at once (tests; builds stream them with `render(_:)`).
    public func listPages() -> [OutputFile] {
        listPageJobs.map(render)
    }

    /// Renders one list page.
    public func render(_ job: ListPage) -> OutputFile {
        let everyLocale = { (make: (String) -> String) in PageVersions.everyLocale(config, make) }
        switch job {
        case .root:
            return rootPage()
        case let .home(code):
            let strings = context.theme.strings(for: code)
            let categories = index.categories[code] ?? []
            var home = context.common(
                locale: code, kind: "home", title: config.title, description: strings["home_description"] ?? config.title,
                file: urls.homeFile(code), alternates: everyLocale(urls.home), xDefault: urls.root())
            home["categories"] = .list(categories.map { context.categoryValue($0, limit: Self.homeEntriesPerCategory) })
            home["hasCategories"] = .bool(!categories.isEmpty)
            return render("home", home, file: urls.homeFile(code))
        case let .category(code, position):
            let category = index.categories[code]![position]
            let alternates = PageVersions.category(category.slug, index: index, urls: urls, config: config)
            let file = urls.categoryFile(locale: code, slug: category.slug)
            var values = context.common(locale: code, kind: "category", title: category.title, description: category.description, file: file, alternates: alternates)
            let value = context.categoryValue(category)
            values["category"] = value
            values["entries"] = value["entries"]
            return render("category", values, file: file)
        case let .tags(code):
            let strings = context.theme.strings(for: code)
            let tags = index.tags[code] ?? []
            var tagsPage = context.common(
                locale: code, kind: "tags", title: strings["all_tags"] ?? "Tags", description: strings["all_tags"] ?? "Tags",
                file: urls.tagsFile(code), alternates: everyLocale(urls.tags))
            tagsPage["tags"] = .list(tags.map { tag in
                .object(["name": .string(tag.name), "nameHTML": .string(context.textHTML(tag.name, locale: code)), "url": .string(urls.tag(locale: code, tag: tag.name))]
                    .merging(context.countValues(tag.positions.count, key: "entries_count", locale: code)) { _, new in new })
            })
            tagsPage["hasTags"] = .bool(!tags.isEmpty)
            return render("tags", tagsPage, file: urls.tagsFile(code))
        case let .tag(code, position):
            let tag = index.tags[code]![position]
            let file = urls.tagFile(locale: code, tag: tag.name)
            // A tag is a word of one language: the page has no translations.
            var values = context.common(
                locale: code, kind: "tag", title: tag.name, description: tag.name, file: file, alternates: [code: urls.tag(locale: code, tag: tag.name)])
            values["tag"] = .object(["name": .string(tag.name), "nameHTML": .string(context.textHTML(tag.name, locale: code)), "url": .string(urls.tag(locale: code, tag: tag.name))]
                .merging(context.countValues(tag.positions.count, key: "entries_count", locale: code)) { _, new in new })
            values["entries"] = .list(index.entries(at: tag.positions).map(context.summary))
            return render("tag", values, file: file)
        case let .search(code):
            let strings = context.theme.strings(for: code)
            let search = context.common(
                locale: code, kind: "search", title: strings["search"] ?? "Search", description: strings["search"] ?? "Search",
                file: urls.searchFile(code), alternates: everyLocale(urls.search), indexable: false)
            return render("search", search, file: urls.searchFile(code))
        case let .notFound(code, file):
            let strings = context.theme.strings(for: code)
            let notFound = context.common(
                locale: code, kind: "404", title: strings["not_found_title"] ?? "Page not found", description: strings["not_found_title"] ?? "",
                file: urls.notFoundFile(code), alternates: everyLocale(urls.home), indexable: false)
            return render("404", notFound, file: file)
        }
    }

    private func rootPage() -> OutputFile {
        var values = context.common(
            locale: config.defaultLocale, kind: "root", title: config.title, description: config.title, file: "index.html",
            alternates: PageVersions.everyLocale(config, urls.home), xDefault: urls.root())
        values["defaultHomeURL"] = .string(urls.home(config.defaultLocale))
        return render("root", values, file: "index.html")
    }
}
