@testable import AnswerKit
import Foundation
import Testing

/// The Atom feed of each locale, parsed back with XMLParser.
@Suite struct AtomFeedTests {
    static let atom = "http://www.w3.org/2005/Atom"
    let config = SiteSamples.config
    var urls: URLScheme { URLScheme(config: config) }
    let today = Day(year: 2026, month: 11, day: 22)

    func feed(_ entries: [Entry], locale: Int = 0) throws -> (XMLElements, String) {
        let file = try #require(AtomFeed.file(
            locale: config.locales[locale], title: "Recently <updated>", config: config, urls: urls, index: SiteSamples.index(entries, includeDrafts: true), today: today))
        #expect(file.path == "\(config.locales[locale].code)/feed.xml")
        let text = String(decoding: file.contents, as: UTF8.self)
        return (try #require(XMLElements.parse(file.contents), "feed is not well-formed XML:\n\(text)"), text)
    }

    @Test func listsUsableEntriesNewestFirstWithDatesFromFrontMatter() throws {
        let (document, _) = try feed([
            SiteSamples.entry("en", "a", "old", approvedOn: Day(year: 2025, month: 1, day: 5)),
            SiteSamples.entry("en", "a", "updated", approvedOn: Day(year: 2026, month: 1, day: 1), updated: Day(year: 2026, month: 11, day: 3)),
            SiteSamples.entry("en", "a", "recent", approvedOn: Day(year: 2026, month: 10, day: 1)),
            SiteSamples.entry("en", "a", "draft", status: .draft, approvedOn: Day(year: 2026, month: 11, day: 20)),
            SiteSamples.entry("en", "a", "expired", approvedOn: Day(year: 2026, month: 11, day: 1), reviewBy: Day(year: 2026, month: 11, day: 2)),
            SiteSamples.entry("ar", "a", "other-locale", approvedOn: Day(year: 2026, month: 11, day: 21)),
        ])
        let root = try #require(document.elements.first)
        #expect(root.name == "feed" && root.namespace == Self.atom && root.attributes["xml:lang"] == "en")
        let entries = document.all("entry")
        #expect(entries.count == 3)
        let ids = document.elements.enumerated().filter { $0.element.name == "entry" }.map { document.children(of: $0.offset, named: "id")[0].text }
        #expect(ids == ["updated", "recent", "old"].map { "https://example.github.io/help/en/a/\($0)/" })
        let updated = document.elements.enumerated().filter { $0.element.name == "entry" }.map { document.children(of: $0.offset, named: "updated")[0].text }
        #expect(updated == ["2026-11-03T00:00:00Z", "2026-10-01T00:00:00Z", "2025-01-05T00:00:00Z"])
        // The feed's own date is its newest entry's: no clock.
        #expect(document.children(of: 0, named: "updated").map(\.text) == ["2026-11-03T00:00:00Z"])
        let links = document.children(of: 0, named: "link")
        #expect(links.contains { $0.attributes["rel"] == "self" && $0.attributes["href"] == "https://example.github.io/help/en/feed.xml" })
        #expect(links.contains { $0.attributes["rel"] == "alternate" && $0.attributes["href"] == "https://example.github.io/help/en/" })
        #expect(document.children(of: 0, named: "title").map(\.text) == ["Help <&> \"Center\" · Recently <updated>"])
        #expect(document.all("author").count == 1)
    }

    @Test func keepsTheNewestUpToTheLimit() throws {
        let entries = (1...40).map { SiteSamples.entry("he", "a", "e\($0)", approvedOn: Day(year: 2026, month: 1, day: 1).adding(days: $0)) }
        let (document, _) = try feed(entries, locale: 2)
        #expect(document.all("entry").count == AtomFeed.limit)
        #expect(document.all("id").dropFirst().first?.text == "https://example.github.io/help/he/a/e40/")
    }

    @Test func anEmptyFeedIsStillValidAndDeterministic() throws {
        let (document, text) = try feed([])
        #expect(document.all("entry").isEmpty)
        #expect(document.all("updated").map(\.text) == ["1970-01-01T00:00:00Z"])
        #expect(try feed([]).1 == text)
    }

    @Test func needsAnAbsoluteBaseURL() {
        var config = self.config
        config.baseURL = "/"
        #expect(AtomFeed.file(locale: config.locales[0], title: "x", config: config, urls: URLScheme(config: config), index: SiteSamples.index([]), today: today) == nil)
    }
}
