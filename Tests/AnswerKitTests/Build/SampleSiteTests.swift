@testable import AnswerKit
import Foundation
import Testing

/// The sample knowledge base in content/ with the default theme: what `answerkit build` builds.
@Suite struct SampleSiteTests {
    static let build: (BuildResult, [String: Data]) = try! Fixtures.build(Fixtures.repository)

    @Test func buildsWithoutErrors() {
        let (result, _) = Self.build
        #expect(result.diagnostics.errorCount == 0, "\(DiagnosticFormatter.text(result.diagnostics))")
        #expect(result.report.entries >= 45)
    }

    @Test(arguments: ["en", "fr", "tr", "ar", "he"])
    func everyLocaleHasItsPagesWithLangAndDir(_ locale: String) throws {
        let (_, files) = Self.build
        let direction = ["ar", "he"].contains(locale) ? "rtl" : "ltr"
        for page in ["\(locale)/index.html", "\(locale)/billing/index.html", "\(locale)/billing/refund-status/index.html",
                     "\(locale)/tags/index.html", "\(locale)/search/index.html", "\(locale)/404.html"] {
            let html = String(decoding: try #require(files[page], "\(page) missing"), as: UTF8.self)
            #expect(html.contains("<html lang=\"\(locale)\" dir=\"\(direction)\""), "\(page)")
        }
    }

    @Test func gatesOfTheSampleHold() throws {
        let (_, files) = Self.build
        #expect(files["fr/mobile/hotspot-not-connecting/index.html"] == nil)  // draft
        #expect(files["en/orders/store-pickup/index.html"] == nil)  // retired
        let expired = String(decoding: try #require(files["ar/orders/delivery-delay/index.html"]), as: UTF8.self)
        #expect(expired.contains("role=\"note\""))
        let bundle = try JSONDecoder().decode(SnippetBundle.self, from: try #require(files["snippets.json"]))
        #expect(!bundle.replies.contains { $0.entry == "delivery-delay" && $0.locale == "ar" })
        #expect(!bundle.replies.contains { $0.entry == "store-pickup" })
        #expect(!bundle.replies.contains { $0.entry == "hotspot-not-connecting" && ["fr", "tr"].contains($0.locale) })
        #expect(bundle.replies.allSatisfy { reply in reply.limit.map { reply.length <= $0 } ?? true })
    }

    /// Text from content never reaches a page unescaped.
    @Test func noUnescapedMarkupLeaks() throws {
        let (_, files) = Self.build
        for (path, data) in files where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            #expect(!html.contains("<script>alert"), "\(path)")
            #expect(!html.contains("{{{"), "\(path)")
        }
    }

    @Test func everyEntryLinksOnlyToPagesThatExist() throws {
        let (_, files) = Self.build
        let pattern = try NSRegularExpression(pattern: ##"href="(/[^"#?]*)"##)
        for (path, data) in files where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                let href = String(html[Range(match.range(at: 1), in: html)!])
                let decoded = String(href.dropFirst()).removingPercentEncoding ?? ""
                let target = decoded.isEmpty || decoded.hasSuffix("/") ? decoded + "index.html" : decoded
                #expect(files[target] != nil, "\(path) links to \(href), which was not built")
            }
        }
    }
}
