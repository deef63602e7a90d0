@testable import AnswerKit
import Foundation
import Testing

/// The default theme built for a site under a sub-path (`https://example.github.io/help/`),
/// in English, Arabic (with Arabic-Indic digits) and Hebrew.
@Suite struct SubPathSiteTests {
    static let build: (BuildResult, [String: Data]) = try! Fixtures.build(Fixtures.site("subpath"))
    static let baseURL = URL(string: "https://example.github.io/help/")!

    static func page(_ path: String) throws -> String {
        String(decoding: try #require(build.1[path], "\(path) was not built"), as: UTF8.self)
    }

    @Test func buildsWithoutProblems() {
        let (result, files) = Self.build
        #expect(result.diagnostics.isEmpty, "\(DiagnosticFormatter.text(result.diagnostics))")
        for file in ["robots.txt", "sitemap.xml", "en/feed.xml", "ar/feed.xml", "he/feed.xml", "404.html", "en/404.html", "ar/404.html", "he/404.html"] {
            #expect(files[file] != nil, "\(file) missing")
        }
    }

    /// Every href, src and action of every page, and every URL of the sitemap and feeds, is a file of the build.
    @Test func everyLinkResolvesToAFileOfTheBuild() {
        let (problems, followed) = LinkChecker(files: Self.build.1, baseURL: Self.baseURL).check()
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
        #expect(followed > 500)
    }

    @Test func theCheckerCatchesWhatIsBroken() {
        let checker = LinkChecker(files: Self.build.1, baseURL: Self.baseURL)
        #expect(checker.problem(with: "/en/", on: "en/index.html") != nil)  // base path forgotten
        #expect(checker.problem(with: "/help/en/nothing/", on: "en/index.html") != nil)
        #expect(checker.problem(with: "/help/fr/#translation-missing", on: "en/index.html") != nil)
        #expect(checker.problem(with: "/help/en/#no-such-id", on: "en/index.html") != nil)
        #expect(checker.problem(with: "../../billing/", on: "en/orders/damaged-item/index.html") == nil)
        #expect(checker.problem(with: "https://example.com/policy", on: "en/index.html") == nil)
    }

    /// hreflang links are absolute, include the page itself and x-default, and every version lists the same set.
    @Test func hreflangLinksAreReciprocal() throws {
        let files = Self.build.1
        var clusters: [String: [String]] = [:]
        for (file, data) in files where file.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            let links = LinkChecker.matches(#"<link rel="alternate" hreflang="([^"]+" href="[^"]+)">"#, in: html)
            let url = Self.baseURL.absoluteString + LinkChecker(files: files, baseURL: Self.baseURL).url(ofFile: file).dropFirst("/help/".count)
            if html.contains(#"<meta name="robots" content="noindex">"#) {
                #expect(links.isEmpty, "\(file) is noindex but has hreflang links")
                continue
            }
            #expect(links.contains { $0.hasPrefix("x-default\"") }, "\(file) has no x-default")
            #expect(links.contains { $0.hasSuffix("href=\"\(url)") } || file == "index.html", "\(file) does not list itself")
            clusters[url] = links.sorted()
        }
        for (url, links) in clusters {
            for link in links where !link.hasPrefix("x-default") {
                let target = String(link.split(separator: "href=\"").last!)
                #expect(clusters[target] == links, "\(url) lists \(target), which does not list the same versions")
            }
        }
        let entry = try #require(clusters["https://example.github.io/help/ar/orders/store-pickup/"])
        #expect(entry.contains("x-default\" href=\"https://example.github.io/help/"), "an entry without an English version falls back to the language picker")
    }

    /// Latin names, handles, order numbers and URLs inside Arabic and Hebrew are isolated; code stays LTR.
    @Test func rightToLeftPagesIsolateLeftToRightRuns() throws {
        let arabic = try Self.page("ar/billing/refund-status/index.html")
        for run in ["@NimbusHelp", "#NB-48213", "https://example.com/refunds", "Account → Orders"] {
            #expect(arabic.contains("<bdi>\(run)</bdi>"), "\(run) is not isolated")
        }
        #expect(arabic.contains("<h1 id=\"entry-title\">متى يصلني المبلغ المسترد من <bdi>Nimbus</bdi>؟</h1>"))
        #expect(arabic.contains("<pre dir=\"ltr\"><code>order_id=NB-48213"))
        // The reply: placeholders marked, the runs isolated, and no character added to what is copied.
        #expect(arabic.contains("مرحبًا <mark class=\"placeholder\">{{name}}</mark>، راسل <bdi>@NimbusHelp</bdi> مع رقم الطلب <bdi>#NB-48213</bdi> أو زر <bdi>https://example.com/refunds</bdi></p>"))
        let hebrew = try Self.page("he/billing/refund-status/index.html")
        #expect(hebrew.contains("ודאו שה-<bdi>APN</bdi> מוגדר כ-<bdi>internet.nimbus</bdi>"))
        #expect(hebrew.contains("ל-<bdi>@NimbusHelp</bdi>"))
        let english = try Self.page("en/billing/refund-status/index.html")
        #expect(!english.contains("<bdi>@NimbusHelp"), "left-to-right pages need no isolation")
    }

    @Test func datesAndNumbersFollowTheLocale() throws {
        let arabic = try Self.page("ar/billing/refund-status/index.html")
        #expect(arabic.contains("<time datetime=\"2026-10-05\">٥ أكتوبر، ٢٠٢٦</time>"))
        #expect(try Self.page("ar/billing/index.html").contains("<span class=\"count\">مقالة واحدة</span>"))
        let hebrew = try Self.page("he/billing/refund-status/index.html")
        #expect(hebrew.contains("<time datetime=\"2026-10-06\">6 באוקטובר 2026</time>"))
        let english = try Self.page("en/billing/refund-status/index.html")
        #expect(english.contains("<time datetime=\"2026-10-02\">October 2, 2026</time>"))
        #expect(try Self.page("en/index.html").contains("<span class=\"count\">1 article</span>"))
    }

    /// Switching to a language without the page lands on that language's home, which shows a note (no script needed).
    @Test func missingTranslationsLeadToTheHomeWithANote() throws {
        let page = try Self.page("en/orders/damaged-item/index.html")
        #expect(page.contains("<a href=\"/help/ar/#translation-missing\" hreflang=\"ar\" class=\"is-missing\">"))
        #expect(try Self.page("ar/index.html").contains("id=\"translation-missing\""))
        let translated = try Self.page("en/billing/refund-status/index.html")
        #expect(translated.contains("<a href=\"/help/ar/billing/refund-status/\" hreflang=\"ar\">"))
    }

    @Test func headCarriesCanonicalOpenGraphAndStructuredData() throws {
        let page = try Self.page("en/billing/refund-status/index.html")
        for tag in [
            "<link rel=\"canonical\" href=\"https://example.github.io/help/en/billing/refund-status/\">",
            "<meta property=\"og:type\" content=\"article\">", "<meta property=\"og:locale\" content=\"en_US\">",
            "<meta property=\"og:url\" content=\"https://example.github.io/help/en/billing/refund-status/\">",
            "<meta name=\"twitter:card\" content=\"summary\">",
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Sub-path Help · Recently updated articles\" href=\"/help/en/feed.xml\">",
        ] {
            #expect(page.contains(tag), "missing \(tag)")
        }
        let json = try #require(LinkChecker.matches(#"<script type="application/ld\+json">(.*?)</script>"#, in: page).first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["@type"] as? String == "FAQPage")
        let question = try #require((object["mainEntity"] as? [[String: Any]])?.first)
        #expect(question["name"] as? String == "Where is my refund?")
        let answer = try #require(question["acceptedAnswer"] as? [String: Any])
        #expect((answer["text"] as? String)?.contains("Refunds go back to the card you paid with.") == true)
        let notFound = try Self.page("ar/404.html")
        #expect(notFound.contains("<meta name=\"robots\" content=\"noindex\">") && !notFound.contains("rel=\"canonical\""))
    }

    @Test func draftsStayOutOfSitemapAndFeeds() throws {
        let sitemap = try Self.page("sitemap.xml")
        let feed = try Self.page("en/feed.xml")
        #expect(!sitemap.contains("draft-note") && !feed.contains("draft-note"))
        #expect(!sitemap.contains("/search/") && !sitemap.contains("404"))
        #expect(try Self.page("robots.txt").contains("Sitemap: https://example.github.io/help/sitemap.xml"))
    }

    /// A typical entry page with its stylesheet and scripts stays under 50 KB gzipped (images aside).
    @Test func entryPageWeighsLessThanFiftyKilobytes() throws {
        let path = "ar/billing/refund-status/index.html"
        let html = try Self.page(path)
        var parts = [Self.build.1[path]!]
        let assets = LinkChecker.matches(#"<link rel="stylesheet" href="([^"?]+)"#, in: html) + LinkChecker.matches(#"<script src="([^"?]+)"#, in: html)
        #expect(assets.count >= 2)
        for asset in assets { parts.append(try #require(Self.build.1[String(asset.dropFirst("/help/".count))], "\(asset)")) }
        let gzipped = try parts.map(Self.gzipSize).reduce(0, +)
        #expect(gzipped < 50_000, "entry page transfers \(gzipped) bytes gzipped")
    }

    /// Size of `data` compressed by `gzip -9` (Foundation has no gzip on Linux).
    static func gzipSize(_ data: Data) throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-9c"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        DispatchQueue.global().async {
            input.fileHandleForWriting.write(data)
            try? input.fileHandleForWriting.close()
        }
        let compressed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return compressed.count
    }
}
