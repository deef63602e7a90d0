/// `sitemap.xml` with hreflang alternates (https://www.sitemaps.org/protocol.html,
/// https://developers.google.com/search/docs/specialty/international/localized-versions#sitemap).
///
/// Every indexable page is listed with all its language versions and
/// `x-default`. The protocol allows 50 000 URLs per file; a large site gets a
/// sitemap index `sitemap.xml` pointing at parts `sitemap-1.xml`, … of at most
/// `urlsPerFile` URLs, kept beside it because a sitemap may only list URLs under
/// its own folder. Parts are made one at a time as the build writes them, so a
/// 100 000-entry site never holds its whole sitemap in memory.
public enum Sitemap {
    /// URLs per file before the sitemap is split (each URL carries one link per locale, so
    /// this keeps a part of a 20-locale site far below the protocol's 50 MB).
    public static let urlsPerFile = 10_000

    /// One language version of a page.
    public struct Version: Sendable, Hashable {
        public var locale: String
        /// Root-relative URL.
        public var url: String
        /// The entry's last approval or update, for `<lastmod>`.
        public var lastModified: Day?
    }

    /// A page in all its languages; each version is listed with every other as alternates.
    public struct Group: Sendable {
        /// In configured locale order.
        public var versions: [Version]
        /// Pages listed with the group's alternates without being a version (the root language picker).
        public var companions: [String] = []
        /// The `x-default` page when it is not the default locale's version.
        public var xDefault: String?

        /// The versions as the `locale → URL` map of `PageVersions`.
        var versionMap: [String: String] {
            Dictionary(uniqueKeysWithValues: versions.map { ($0.locale, $0.url) })
        }

        var urlCount: Int { versions.count + companions.count }
    }

    // MARK: - Pages

    /// Every page search engines should index, grouped with its translations: the
    /// homes (with the root picker), categories, entries, the tag lists and tags.
    /// Search pages, 404 pages and drafts are left out (they are `noindex`).
    public static func groups(config: SiteConfig, urls: URLScheme, index: SiteIndex) -> [Group] {
        let order = Dictionary(uniqueKeysWithValues: config.locales.enumerated().map { ($1.code, $0) })
        func group(_ versions: [String: String], lastModified: [String: Day] = [:]) -> Group {
            Group(versions: versions.sorted { order[$0.key, default: .max] < order[$1.key, default: .max] }
                .map { Version(locale: $0.key, url: $0.value, lastModified: lastModified[$0.key]) })
        }
        var groups: [Group] = []
        var homes = group(PageVersions.everyLocale(config, urls.home))
        homes.companions = [urls.root()]
        homes.xDefault = urls.root()
        groups.append(homes)

        var categorySlugs = Set<String>()
        for locale in config.locales {
            for category in index.categories[locale.code] ?? [] where categorySlugs.insert(category.slug).inserted {
                groups.append(group(PageVersions.category(category.slug, index: index, urls: urls, config: config)))
            }
        }

        // Positions in `index.entries`, not copies of the entries (a copy retains each of their fields).
        var byID: [String: [String: Int]] = [:]
        for (position, entry) in index.entries.enumerated() where entry.status == .approved {
            byID[entry.id, default: [:]][entry.key.locale] = position
        }
        for id in byID.keys.sorted() {
            let positions = byID[id]!
            groups.append(group(
                positions.mapValues { urls.entry(index.entries[$0].key) },
                lastModified: positions.compactMapValues { position in
                    let entry = index.entries[position]
                    return [entry.approvedOn, entry.updated].compactMap { $0 }.max()
                }))
        }

        groups.append(group(PageVersions.everyLocale(config, urls.tags)))
        for locale in config.locales {
            for tag in index.tags[locale.code] ?? [] where tag.positions.contains(where: { index.entries[Int($0)].status == .approved }) {
                groups.append(group([locale.code: urls.tag(locale: locale.code, tag: tag.name)]))
            }
        }
        return groups
    }

    // MARK: - Files

    /// Whether `path` is one of the files `files` makes.
    public static func isSitemapFile(_ path: String) -> Bool {
        path == "sitemap.xml" || (path.hasPrefix("sitemap-") && path.hasSuffix(".xml") && !path.contains("/"))
    }

    /// `sitemap.xml`, or an index and its parts of at most `urlsPerFile` URLs (a group's
    /// versions stay in one part); empty when `baseURL` is not absolute (the protocol
    /// requires absolute URLs).
    public static func files(_ groups: [Group], config: SiteConfig, urls: URLScheme, urlsPerFile: Int = urlsPerFile) -> [LazyOutputFile] {
        guard urls.isAbsolute else { return [] }
        var parts: [Range<Int>] = []
        var start = 0
        var count = 0
        for (index, group) in groups.enumerated() {
            if count + group.urlCount > urlsPerFile, index > start {
                parts.append(start..<index)
                start = index
                count = 0
            }
            count += group.urlCount
        }
        parts.append(start..<groups.count)
        if parts.count == 1 {
            return [LazyOutputFile(path: "sitemap.xml") { urlset(groups[...], config: config, urls: urls) }]
        }
        let names = parts.indices.map { "sitemap-\($0 + 1).xml" }
        var files = [LazyOutputFile(path: "sitemap.xml") { sitemapIndex(names, urls: urls) }]
        for (number, range) in parts.enumerated() {
            files.append(LazyOutputFile(path: "sitemap-\(number + 1).xml") { urlset(groups[range], config: config, urls: urls) })
        }
        return files
    }

    /// A `<urlset>` of the groups' pages, made a few hundred groups at a time on all cores
    /// (the site stage otherwise runs on one).
    static func urlset(_ groups: ArraySlice<Group>, config: SiteConfig, urls: URLScheme) -> [UInt8] {
        let chunk = 512
        let starts = Array(stride(from: groups.startIndex, to: groups.endIndex, by: chunk))
        let pieces = Parallel.map(starts, chunkSize: 1) { start in
            urlElements(groups[start..<min(start + chunk, groups.endIndex)], config: config, urls: urls)
        }
        var xml: [UInt8] = []
        xml.reserveCapacity(pieces.reduce(200) { $0 + $1.count })
        xml.append(contentsOf: """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">

            """.utf8)
        for piece in pieces { xml.append(contentsOf: piece) }
        xml.append(contentsOf: "</urlset>\n".utf8)
        return xml
    }

    /// The `<url>` elements of `groups`.
    private static func urlElements(_ groups: ArraySlice<Group>, config: SiteConfig, urls: URLScheme) -> [UInt8] {
        var xml: [UInt8] = []
        xml.reserveCapacity(groups.count * 700)
        for group in groups {
            var alternates: [UInt8] = []
            for link in PageVersions.links(group.versionMap, config: config, urls: urls, xDefault: group.xDefault) {
                alternates.append(contentsOf: "<xhtml:link rel=\"alternate\" hreflang=\"\(link.hreflang)\" href=\"\(XML.escape(link.href))\"/>\n".utf8)
            }
            let pages = group.versions.map { ($0.url, $0.lastModified) } + group.companions.map { ($0, Day?.none) }
            for (url, lastModified) in pages {
                xml.append(contentsOf: "<url>\n<loc>\(XML.escape(urls.absolute(url)))</loc>\n".utf8)
                if let lastModified { xml.append(contentsOf: "<lastmod>\(lastModified)</lastmod>\n".utf8) }
                xml.append(contentsOf: alternates)
                xml.append(contentsOf: "</url>\n".utf8)
            }
        }
        return xml
    }

    /// A `<sitemapindex>` of the parts.
    static func sitemapIndex(_ parts: [String], urls: URLScheme) -> [UInt8] {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

            """
        for part in parts { xml += "<sitemap><loc>\(XML.escape(urls.absolute(urls.root()) + part))</loc></sitemap>\n" }
        xml += "</sitemapindex>\n"
        return Array(xml.utf8)
    }
}
