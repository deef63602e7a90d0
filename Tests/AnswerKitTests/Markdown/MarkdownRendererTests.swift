@testable import AnswerKit
import Testing

@Suite struct MarkdownRendererTests {
    static let entries = [
        Entry(key: EntryKey(locale: "en", category: "billing", slug: "refund-status"), path: "content/en/billing/refund-status.md",
              id: "refund-status", title: "R", summary: "", tags: [], status: .approved, approvedBy: nil, approvedOn: nil,
              reviewBy: nil, updated: nil, sources: [], replies: [], bodyLineOffset: 0, idLocation: AnswerKit.SourceLocation(path: "x")),
    ]
    static let draft = Entry(key: EntryKey(locale: "en", category: "billing", slug: "draft"), path: "content/en/billing/draft.md",
              id: "draft", title: "D", summary: "", tags: [], status: .draft, approvedBy: nil, approvedOn: nil,
              reviewBy: nil, updated: nil, sources: [], replies: [], bodyLineOffset: 0, idLocation: AnswerKit.SourceLocation(path: "x"))

    func render(_ markdown: String, unsafe: Bool = false, lineOffset: Int = 0, basePath: String = "/") -> RenderedBody {
        var config = SiteConfig(title: "T", baseURL: "https://example.com\(basePath)")
        config.allowRawHTML = unsafe
        let links = LinkTable(
            published: Self.entries, unpublished: [Self.draft],
            categories: [Category(locale: "en", slug: "billing")], assets: ["en/orders/photo.png"], urls: URLScheme(config: config))
        return MarkdownRenderer(links: links, allowRawHTML: unsafe)
            .render(markdown, path: "content/en/orders/x.md", source: "en/orders/x.md", lineOffset: lineOffset)
    }

    @Test func rendersCommonMark() {
        let body = render("Para *em* **strong** `code`\n\n- a\n- b\n\n1. x\n2. y\n\n> quote\n\n---\n")
        #expect(body.html == """
            <p>Para <em>em</em> <strong>strong</strong> <code dir="ltr">code</code></p>
            <ul>
            <li>a</li>
            <li>b</li>
            </ul>
            <ol>
            <li>x</li>
            <li>y</li>
            </ol>
            <blockquote>
            <p>quote</p>
            </blockquote>
            <hr />

            """)
    }

    @Test func headingsGetUnicodeIdsMadeUnique() {
        let body = render("## كيف أسترد أموالي؟\n\n## Étape 1\n\n## Étape 1\n\n### שלום עולם\n")
        #expect(body.headings.map(\.id) == ["كيف-أسترد-أموالي", "étape-1", "étape-1-2", "שלום-עולם"])
        #expect(body.html.contains("<h2 id=\"كيف-أسترد-أموالي\">كيف أسترد أموالي؟</h2>"))
    }

    @Test func rewritesRelativeLinks() {
        let body = render("[a](../billing/refund-status.md) [b](../billing/refund-status.md#how) [c](../billing/) [d](../billing/_index.md) [e](photo.png) [f](https://x.org) [g](#top) [h](/en/)", basePath: "/docs/")
        #expect(body.html.contains("href=\"/docs/en/billing/refund-status/\""))
        #expect(body.html.contains("href=\"/docs/en/billing/refund-status/#how\""))
        #expect(body.html.contains("href=\"/docs/en/billing/\">c"))
        #expect(body.html.contains("href=\"/docs/en/billing/\">d"))
        #expect(body.html.contains("href=\"/docs/en/orders/photo.png\""))
        #expect(body.html.contains("href=\"https://x.org\""))
        #expect(body.html.contains("href=\"#top\""))
        #expect(body.html.contains("href=\"/docs/en/\""))
        #expect(body.anchoredLinks.map(\.fragment) == ["how"])
        #expect(body.diagnostics.isEmpty)
    }

    @Test func brokenLinksAreLocatedInTheFile() {
        // Body starts after 4 lines of front matter; the link is on body line 3, after a two-byte letter.
        let body = render("Intro\n\n  é [x](missing.md) [y](../billing/draft.md)\n", lineOffset: 4)
        let errors = body.diagnostics.items
        #expect(errors.count == 2)
        #expect(errors[0].location == AnswerKit.SourceLocation(path: "content/en/orders/x.md", line: 7, column: 5))
        #expect(errors[0].message.contains("missing.md"))
        #expect(errors[1].message.contains("draft entry"))
    }

    @Test func rawHTMLIsOmittedUnlessAllowed() {
        let safe = render("<script>alert(1)</script>\n\nHi <b>x</b>")
        #expect(!safe.html.contains("<script>"))
        #expect(!safe.html.contains("<b>"))
        #expect(safe.diagnostics.items.map(\.code) == ["raw-html-omitted"])
        let unsafe = render("Hi <b>x</b>", unsafe: true)
        #expect(unsafe.html.contains("<b>x</b>"))
    }

    @Test func dangerousURLsAreDropped() {
        let body = render("[x](javascript:alert(1)) ![i](data:image/png;base64,AA) [d](data:text/html,hi)")
        #expect(body.html.contains("<a href=\"\">x</a>"))
        #expect(body.html.contains("src=\"data:image/png;base64,AA\""))
        #expect(!body.html.contains("data:text/html"))
    }

    @Test func textIsEscapedAndExtracted() {
        let body = render("A < b & \"q\" `<b>`\n\n![alt <x>](photo.png)\n\n```js\nif (a < b) {}\n```\n")
        #expect(body.html.contains("A &lt; b &amp; &quot;q&quot; <code dir=\"ltr\">&lt;b&gt;</code>"))
        #expect(body.html.contains("alt=\"alt &lt;x&gt;\""))
        #expect(body.html.contains("<pre dir=\"ltr\"><code class=\"language-js\">if (a &lt; b) {}\n</code></pre>"))
        #expect(body.plainText.hasPrefix("A < b & \"q\" <b>"))
    }

    @Test func excerptCutsAtAWord() {
        let body = render(String(repeating: "word ", count: 100))
        let excerpt = body.excerpt(limit: 22)
        #expect(excerpt == "word word word word…")
    }
}
