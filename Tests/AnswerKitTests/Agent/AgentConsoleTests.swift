@testable import AnswerKit
import Foundation
import Testing

/// The agent console the build writes to `public/agent/` from the default theme.
@Suite struct AgentConsoleTests {
    /// The agent fixture's content with the repository's default theme, `extra` appended to its config.
    private func build(_ extra: String = "") throws -> (BuildResult, [String: Data]) {
        let root = try Fixtures.temporaryDirectory()
        let config = """
            title: Console Fixture
            baseURL: https://example.com/help/
            defaultLocale: en
            locales:
              - { code: en, name: English, direction: ltr }
              - { code: ar, name: العربية, direction: rtl, digits: arabic-indic }
            paths:
              content: \(AgentFixture.site.appendingPathComponent("content").path)
              templates: \(Fixtures.repository.appendingPathComponent("templates").path)

            """ + extra
        try config.write(to: root.appendingPathComponent("answerkit.yml"), atomically: true, encoding: .utf8)
        return try Fixtures.build(root)
    }

    private func page(_ files: [String: Data], _ path: String) throws -> String {
        String(decoding: try #require(files[path], "\(path) was not written"), as: UTF8.self)
    }

    @Test func oneLocalizedPagePerLocaleWithItsScripts() throws {
        let (result, files) = try build()
        #expect(result.succeeded, "\(DiagnosticFormatter.text(result.diagnostics))")
        let english = try page(files, "agent/index.html")
        #expect(english.contains(#"<html lang="en" dir="ltr">"#))
        #expect(english.contains(#"data-bundle="/help/snippets.json""#))
        #expect(english.contains(#"<meta name="robots" content="noindex">"#))
        #expect(english.contains(#"<script src="/help/assets/analyzer.js?v="#))
        for name in ["console.js", "counting.js", "replies.js", "console.css"] {
            #expect(files["agent/\(name)"] != nil, "agent/\(name) is copied")
            #expect(english.contains("/help/agent/\(name)?v="), "\(name) is linked with its content hash")
        }
        let arabic = try page(files, "agent/ar/index.html")
        #expect(arabic.contains(#"<html lang="ar" dir="rtl">"#))
        #expect(arabic.contains(#"data-digits="arab""#))
        #expect(arabic.contains(#"<a href="/help/agent/" hreflang="en""#))
        #expect(arabic.contains("&quot;ar&quot;:&quot;rtl&quot;"), "reply directions by locale")
        #expect(files["agent/en/index.html"] == nil, "the default locale's console is agent/index.html")
        // Every configured channel and kind is a filter, with its localized label.
        #expect(english.contains(#"<option value="instagram-dm">Instagram DM</option>"#))
        #expect(english.contains(#"<option value="follow-up">Follow-up</option>"#))
    }

    @Test func configCanLeaveTheConsoleOut() throws {
        let (result, files) = try build("agentConsole: false\n")
        #expect(result.succeeded)
        #expect(!files.keys.contains { $0.hasPrefix("agent/") })
        #expect(files["snippets.json"] != nil, "the bundle is still written")
    }

    @Test func agentConsoleMustBeABoolean() throws {
        let (config, diagnostics) = ConfigLoader.parse("title: T\nagentConsole: maybe\n")
        #expect(config == nil)
        let diagnostic = try #require(diagnostics.items.first)
        #expect(diagnostic.location?.line == 2)
        #expect(diagnostic.location?.column == 15)
        #expect(diagnostic.message == "'agentConsole' must be true or false")
        #expect(ConfigLoader.parse("title: T\n").0?.agentConsole == true)
    }
}
