@testable import AnswerKit
import Foundation
import Testing

/// sitemap.xml: every indexable page with its hreflang alternates, parsed back with XMLParser.
@Suite struct SitemapTests {
    static let sitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9"
    static let xhtmlNamespace = "http://www.w3.org/1999/xhtml"

    let config = SiteSamples.config
    var urls: URLScheme { URLScheme(config: config) }
    let index = SiteSamples.index([
        SiteSamples.entry("en", "billing", "refund", updated: Day(year: 2026, month: 10, day: 20), tags: ["refunds"]),
        SiteSamples.entry("ar", "billing", "refund"),
        SiteSamples.entry("he", "billing", "refund-he", id: "refund"),
        SiteSamples.entry("ar", "orders", "pickup"),
        SiteSamples.entry("en", "billing", "draft", status: .draft),
    ], includeDrafts: true)

    /// `loc` → its alternates (`hreflang` → `href`), from the parsed document.
    func parse(_ data: [UInt8]) throws -> [String: [String: String]] {
        let document = try #require(XMLElements.parse(Data(data)), "sitemap is not well-formed XML")
        #expect(document.elements.first?.name == "urlset" && document.elements.first?.namespace == Self.sitemapNamespace)
        var pages: [String: [String: String]] = [:]
        for (offset, element) in document.elements.enumerated() where element.name == "url" {
            let loc = try #require(document.children(of: offset, named: "loc").first).text
            var links: [String: String] = [:]
            for link in document.children(of: offset, named: "link") {
                #expect(link.namespace == Self.xhtmlNamespace && link.attributes["rel"] == "alternate")
                links[try #require(link.attributes["hreflang"])] = link.attributes["href"]
            }
            #expect(pages[loc] == nil, "\(loc) listed twice")
            pages[loc] = links
        }
        return pages
    }

    @Test func listsEveryVersionWithItsAlternatesAndXDefault() throws {
        let groups = Sitemap.groups(config: config, urls: urls, index: index)
        let files = Sitemap.files(groups, config: config, urls: urls)
        #expect(files.map(\.path) == ["sitemap.xml"])
        let pages = try parse(files[0].make())
        let base = "https://example.github.io/help/"
        let refund = ["en": "\(base)en/billing/refund/", "ar": "\(base)ar/billing/refund/", "he": "\(base)he/billing/refund-he/", "x-default": "\(base)en/billing/refund/"]
        // Every version lists all versions (itself included) and x-default: the pairs are reciprocal.
        for url in ["\(base)en/billing/refund/", "\(base)ar/billing/refund/", "\(base)he/billing/refund-he/"] {
            #expect(pages[url] == refund, "\(url)")
        }
        // An entry with no version in the default locale falls back to the root language picker.
        #expect(pages["\(base)ar/orders/pickup/"] == ["ar": "\(base)ar/orders/pickup/", "x-default": base])
        // Homes and the root picker form one cluster whose x-default is the picker.
        let homes = ["en": "\(base)en/", "ar": "\(base)ar/", "he": "\(base)he/", "x-default": base]
        #expect(pages[base] == homes && pages["\(base)en/"] == homes && pages["\(base)he/"] == homes)
        // A category only exists where it has entries.
        #expect(pages["\(base)en/orders/"] == nil)
        #expect(pages["\(base)ar/orders/"]?["en"] == nil)
        // Tags have no translations; drafts, search and 404 pages are not listed.
        #expect(pages["\(base)en/tags/refunds/"] == ["en": "\(base)en/tags/refunds/", "x-default": "\(base)en/tags/refunds/"])
        #expect(!pages.keys.contains { $0.contains("draft") || $0.contains("/search/") || $0.contains("404") })
    }

    @Test func lastModifiedIsTheLaterOfApprovalAndUpdate() throws {
        let groups = Sitemap.groups(config: config, urls: urls, index: index)
        let text = String(decoding: Sitemap.files(groups, config: config, urls: urls)[0].make(), as: UTF8.self)
        #expect(text.contains("<loc>https://example.github.io/help/en/billing/refund/</loc>\n<lastmod>2026-10-20</lastmod>"))
        #expect(text.contains("<loc>https://example.github.io/help/ar/billing/refund/</loc>\n<lastmod>2026-10-01</lastmod>"))
    }

    @Test func largeSitesGetAnIndexAndPartsBesideIt() throws {
        let groups = Sitemap.groups(config: config, urls: urls, index: index)
        let total = groups.reduce(0) { $0 + $1.urlCount }
        let files = Sitemap.files(groups, config: config, urls: urls, urlsPerFile: 4)
        #expect(files.count > 2 && files[0].path == "sitemap.xml")
        let document = try #require(XMLElements.parse(Data(files[0].make())))
        #expect(document.elements.first?.name == "sitemapindex")
        let parts = document.all("loc").map(\.text)
        #expect(parts == files.dropFirst().map { "https://example.github.io/help/\($0.path)" })
        var listed = 0
        for file in files.dropFirst() {
            let pages = try parse(file.make())
            // A part holds at most 4 URLs, unless one page's versions alone are more (they stay together).
            #expect(pages.count <= max(4, groups.map(\.urlCount).max()!))
            listed += pages.count
        }
        #expect(listed == total)
    }

    @Test func escapesAndNeedsAnAbsoluteBaseURL() throws {
        var config = self.config
        config.baseURL = "https://example.com/a&b/"
        let groups = Sitemap.groups(config: config, urls: URLScheme(config: config), index: index)
        let text = String(decoding: Sitemap.files(groups, config: config, urls: URLScheme(config: config))[0].make(), as: UTF8.self)
        #expect(text.contains("<loc>https://example.com/a&amp;b/en/</loc>"))
        #expect(XMLElements.parse(Data(text.utf8)) != nil)
        config.baseURL = "/"
        #expect(Sitemap.files(groups, config: config, urls: URLScheme(config: config)).isEmpty)
    }

    @Test func robotsPointsAtTheSitemap() {
        let text = String(decoding: Robots.file(config: config, urls: urls).contents, as: UTF8.self)
        #expect(text.contains("User-agent: *\nAllow: /\n"))
        #expect(text.hasSuffix("Sitemap: https://example.github.io/help/sitemap.xml\n"))
        #expect(text.contains("copy these lines to /robots.txt"), "a sub-path site is told where robots.txt must go")
        var root = config
        root.baseURL = "/"
        #expect(!String(decoding: Robots.file(config: root, urls: URLScheme(config: root)).contents, as: UTF8.self).contains("Sitemap:"))
    }
}
