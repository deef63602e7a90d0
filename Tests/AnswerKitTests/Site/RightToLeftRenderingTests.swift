@testable import AnswerKit
import Foundation
import Testing

/// `<bdi>` isolation in rendered Markdown bodies and reply texts on right-to-left pages.
@Suite struct RightToLeftRenderingTests {
    static let renderer: MarkdownRenderer = {
        let config = SiteSamples.config
        let links = LinkTable(published: [], unpublished: [], categories: [], assets: [], urls: URLScheme(config: config))
        return MarkdownRenderer(links: links, allowRawHTML: false, rightToLeftLocales: ["ar", "he"])
    }()

    func render(_ markdown: String, _ locale: String) -> String {
        Self.renderer.render(markdown, path: "x.md", source: "\(locale)/a/x.md", lineOffset: 0, direction: Self.renderer.direction(of: locale)).html
    }

    @Test func isolatesRunsInTextButNotInCode() {
        let html = render("راسلنا على @NimbusHelp مع رقم #NB-48213 و`order_id=NB-1`.\n\n```\nhttps://x.example\n```", "ar")
        #expect(html == "<p>راسلنا على <bdi>@NimbusHelp</bdi> مع رقم <bdi>#NB-48213</bdi> و<code dir=\"ltr\">order_id=NB-1</code>.</p>\n<pre dir=\"ltr\"><code>https://x.example\n</code></pre>\n")
    }

    /// cmark splits text at `_` and `!`; the renderer merges it first so a URL is one run.
    @Test func urlsWithMarkupCharactersStayWhole() {
        let html = render("افتح https://x.example/a_b!c الآن", "he")
        #expect(html.contains("<bdi>https://x.example/a_b!c</bdi>"))
    }

    @Test func linksAndEmphasisKeepTheirRunsInside() {
        let html = render("انتقل إلى **Account → Orders** أو [Nimbus Help](https://example.com)", "ar")
        #expect(html.contains("<strong><bdi>Account → Orders</bdi></strong>"))
        #expect(html.contains("<a href=\"https://example.com\"><bdi>Nimbus Help</bdi></a>"))
    }

    @Test func leftToRightLocalesAreUntouched() {
        #expect(render("Write to @NimbusHelp", "en") == "<p>Write to @NimbusHelp</p>\n")
    }

    @Test func plainTextAndHeadingIDsDoNotChange() {
        let rtl = Self.renderer.render("## إعداد Wi-Fi\n\nرقم #NB-1", path: "x.md", source: "ar/a/x.md", lineOffset: 0, direction: .rtl)
        let ltr = Self.renderer.render("## إعداد Wi-Fi\n\nرقم #NB-1", path: "x.md", source: "ar/a/x.md", lineOffset: 0, direction: .ltr)
        #expect(rtl.plainText == ltr.plainText)
        #expect(rtl.headings == ltr.headings)
        #expect(rtl.html.contains("<h2 id=\"\(rtl.headings[0].id)\">إعداد <bdi>Wi-Fi</bdi></h2>"))
    }

    @Test func replyTextsMarkPlaceholdersAndIsolateRuns() {
        let text = "مرحبًا {{name}}، راسل @NimbusHelp <b>"
        #expect(ReplyHTML.make(text, isolate: true) == "مرحبًا <mark class=\"placeholder\">{{name}}</mark>، راسل <bdi>@NimbusHelp</bdi> &lt;<bdi>b</bdi>&gt;")
        #expect(ReplyHTML.make("Hi {{name}} & {{ Bad }}", isolate: false) == "Hi <mark class=\"placeholder\">{{name}}</mark> &amp; {{ Bad }}")
        // What the copy button copies (the element's text) is the reply exactly.
        let html = ReplyHTML.make(text, isolate: true)
        let textContent = html.replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        #expect(textContent == text)
    }
}
