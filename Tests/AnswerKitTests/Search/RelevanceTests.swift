@testable import AnswerKit
import Foundation
import Testing

/// The relevance set (Tests/Fixtures/relevance/<locale>.json): queries written the way
/// customers type them (no diacritics, attached prefixes and suffixes, wrong case,
/// half a word, a typo), each with the entry it must find in the top five results of
/// the sample site.
@Suite struct RelevanceTests {
    struct Case: Decodable {
        var query: String
        var expect: String
        var why: String
    }

    static let site = SampleSiteTests.build.1

    static func cases(_ locale: String) throws -> [Case] {
        let url = Fixtures.repository.appendingPathComponent("Tests/Fixtures/relevance/\(locale).json")
        return try JSONDecoder().decode([Case].self, from: Data(contentsOf: url))
    }

    static func engine(_ locale: String) throws -> SearchEngine {
        try SearchEngine(locale: locale) { site[$0] }
    }

    @Test(arguments: ["en", "fr", "tr", "ar", "he"])
    func everyQueryFindsItsEntryInTheTopFive(_ locale: String) throws {
        let cases = try Self.cases(locale)
        #expect(cases.count >= 15, "at least 15 queries per locale")
        for item in cases {
            let hits = try Self.engine(locale).search(item.query, limit: 10)
            let rank = hits.firstIndex { $0.id == item.expect }.map { $0 + 1 }
            #expect(rank.map { $0 <= 5 } == true,
                    "\(locale) '\(item.query)' (\(item.why)): \(item.expect) ranked \(rank.map(String.init) ?? "not in the top 10"); got \(hits.prefix(5).map(\.id))")
        }
    }

    @Test func resultsStayInTheirLocale() throws {
        for hit in try Self.engine("fr").search("remboursement") {
            #expect(hit.url.hasPrefix("/fr/"))
            #expect(hit.locale == "fr")
        }
    }

    /// Queries that must come back quickly and quietly, with or without results.
    @Test(arguments: ["", "   ", "?!…—", "🙂🙃👍🏽", "@@@ ###", String(repeating: "refund ", count: 1_500), "refund استرداد החזר iade", "\u{200F}\u{202E}x"])
    func badQueriesReturnWithoutError(_ query: String) throws {
        let hits = try Self.engine("en").search(query)
        #expect(hits.count <= 10)
    }
}
