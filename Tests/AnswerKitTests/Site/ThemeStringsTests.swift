@testable import AnswerKit
import Foundation
import Testing

/// Interface strings: every locale falls back to the default locale's, and `check` warns about the gaps.
@Suite struct ThemeStringsTests {
    /// A theme with the required templates and the given i18n files.
    static func theme(_ strings: [String: String]) throws -> URL {
        let root = try Fixtures.temporaryDirectory()
        for name in Theme.requiredTemplates {
            try FileManager.default.createDirectory(at: root.appendingPathComponent("i18n"), withIntermediateDirectories: true)
            try "<p>{{t.search}}</p>".write(to: root.appendingPathComponent("\(name).mustache"), atomically: true, encoding: .utf8)
        }
        for (locale, text) in strings {
            try text.write(to: root.appendingPathComponent("i18n/\(locale).yml"), atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func missingStringsFallBackToTheDefaultLocaleWithAWarning() throws {
        let directory = try Self.theme([
            "en": "search: Search\ncopy: Copy\ncopied: Copied\n",
            "ar": "search: بحث\n",
        ])
        let (theme, diagnostics) = ThemeLoader.load(directory, displayPath: "templates", config: SiteSamples.config)
        let loaded = try #require(theme)
        #expect(loaded.strings(for: "ar") == ["search": "بحث", "copy": "Copy", "copied": "Copied"])
        #expect(loaded.strings(for: "he") == loaded.strings(for: "en"))
        let warnings = diagnostics.items.filter { $0.code == "missing-translation" }
        #expect(warnings.map(\.severity) == [.warning, .warning])
        let arabic = try #require(warnings.first { $0.location?.path == "templates/i18n/ar.yml" })
        #expect(arabic.message == "2 interface strings missing; en text is used")
        #expect(arabic.notes == ["missing: copied, copy"])
        let hebrew = try #require(warnings.first { $0.location?.path == "templates/i18n/he.yml" })
        #expect(hebrew.message == "no interface strings for 'he'; en strings are used")
        #expect(!diagnostics.hasErrors)
    }

    /// The default theme has every string in every locale it ships (plural forms may differ by language).
    @Test func defaultThemeIsCompleteForTheSampleLocales() throws {
        let (config, _) = ConfigLoader.load(root: Fixtures.repository)
        let (theme, diagnostics) = ThemeLoader.load(Fixtures.repository.appendingPathComponent("templates"), displayPath: "templates", config: try #require(config))
        #expect(diagnostics.isEmpty, "\(DiagnosticFormatter.text(diagnostics))")
        let strings = try #require(theme).strings
        for key in ["search", "categories", "approved_on", "under_review", "copy", "copied", "no_results", "translation_missing_note", "feed_title"] {
            for locale in ["en", "fr", "tr", "ar", "he"] {
                #expect(strings[locale]?[key]?.isEmpty == false, "\(locale).\(key)")
            }
        }
        #expect(strings["ar"]?["entries_count_two"] == "مقالتان")
        #expect(strings["he"]?["copied"] != strings["en"]?["copied"])
    }
}
