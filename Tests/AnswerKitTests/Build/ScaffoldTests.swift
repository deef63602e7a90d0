@testable import AnswerKit
import Foundation
import Testing

@Suite struct ScaffoldTests {
    /// `answerkit init` output is a knowledge base that builds cleanly.
    @Test func newKnowledgeBaseBuilds() throws {
        let root = try Fixtures.temporaryDirectory()
        for file in Scaffold.knowledgeBase(title: "Acme \"Help\"", today: Fixtures.today) {
            let url = root.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.contents.write(to: url)
        }
        let (result, files) = try Fixtures.build(root)
        #expect(result.diagnostics.isEmpty, "\(DiagnosticFormatter.text(result.diagnostics))")
        #expect(result.report.entries == 5)
        for locale in ["en", "fr", "tr", "ar", "he"] {
            #expect(files["\(locale)/general/welcome/index.html"] != nil)
        }
        let bundle = try JSONDecoder().decode(SnippetBundle.self, from: try #require(files["snippets.json"]))
        #expect(bundle.count == 5)
        #expect(bundle.site.title == "Acme \"Help\"")
    }

    /// A new entry is a valid draft with today's date.
    @Test func newEntryIsAValidDraft() throws {
        let key = try #require(Scaffold.parseEntryPath("content/ar/billing/refund-status.md"))
        #expect(key == EntryKey(locale: "ar", category: "billing", slug: "refund-status"))
        let text = Scaffold.entry(key: key, title: "متى يصلني \"المبلغ\"؟", today: Fixtures.today)
        #expect(text.contains("updated: 2026-11-22"))
        var config = SiteConfig(title: "T")
        config.locales.append(SiteLocale(code: "ar", name: "العربية", direction: .rtl))
        let split = try FrontMatter.split(text).get()
        let (entry, diagnostics) = EntryParser(config: config, today: Fixtures.today).parse(split, key: key, path: "x.md")
        #expect(diagnostics.isEmpty, "\(diagnostics.items.map { DiagnosticFormatter.text($0) })")
        #expect(entry?.title == "متى يصلني \"المبلغ\"؟")
        #expect(entry?.status == .draft)
    }

    @Test(arguments: ["en/billing", "en//x", "a/b/c/d", ""])
    func rejectsBadEntryPaths(_ path: String) {
        #expect(Scaffold.parseEntryPath(path) == nil)
    }

    /// The theme embedded for `init` is the one in templates/ (run `make theme` after editing it).
    @Test func embeddedThemeMatchesTemplatesFolder() throws {
        let folder = Fixtures.repository.appendingPathComponent("templates")
        let onDisk = try ContentLoader.discover(folder)
        #expect(DefaultTheme.files.map(\.path) == onDisk)
        for file in DefaultTheme.files {
            let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file.path).path)
            #expect(Data(base64Encoded: file.base64) == data, "templates/\(file.path) changed: run `make theme`")
        }
    }
}
