@testable import AnswerKit
import Foundation
import Testing

/// `ReplyIndex.rank` and `Placeholder.fill` against the vectors the agent console's
/// script is tested with (`Tests/Fixtures/reply-ranking/`, `Tests/js/console-ranking.test.mjs`).
@Suite struct ReplyRankingTests {
    static let folder = Fixtures.repository.appendingPathComponent("Tests/Fixtures/reply-ranking")

    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        var name: String
        var query: String
        var filter: [String: String]
        var expect: [String]
        var testDescription: String { name }
    }

    struct Cases: Decodable {
        var today: String
        var cases: [Case]
    }

    struct FillCase: Decodable, CustomTestStringConvertible, Sendable {
        struct Expected: Decodable, Sendable {
            struct Invalid: Decodable, Sendable {
                var name: String
                var problem: String
            }
            var text: String?
            var missing: [String]?
            var invalid: [Invalid]?
        }
        var name: String
        var text: String
        var values: [String: String]
        var expect: Expected
        var testDescription: String { name }
    }

    static func bundle() throws -> SnippetBundle {
        try SnippetBundle.read(from: folder.appendingPathComponent("bundle.json"))
    }

    static let ranking: Cases = try! JSONDecoder().decode(Cases.self, from: Data(contentsOf: folder.appendingPathComponent("ranking.json")))
    static let filling: [FillCase] = try! JSONDecoder().decode([FillCase].self, from: Data(contentsOf: folder.appendingPathComponent("placeholders.json")))

    static func index() throws -> ReplyIndex {
        ReplyIndex(replies: try bundle().current(on: Day(parsing: ranking.today)!).replies)
    }

    @Test(arguments: ranking.cases)
    func ranks(_ testCase: Case) throws {
        let index = try Self.index()
        let filter = ReplyFilter(locale: testCase.filter["locale"], channel: testCase.filter["channel"], kind: testCase.filter["kind"])
        #expect(index.rank(testCase.query, filter: filter).map { index.replies[$0.position].id } == testCase.expect)
    }

    @Test func otherKindsWeighNineTenthsOfTheSameAnswer() throws {
        let index = try Self.index()
        let ranked = index.rank("refund ", filter: ReplyFilter(locale: "en"))
        let score = { (id: String) in ranked.first { index.replies[$0.position].id == id }?.score }
        let answer = try #require(score("refund-status:en:twitter:answer:1"))
        #expect(score("refund-status:en:twitter:acknowledge:1") == answer * 0.9)
    }

    @Test func naturalLogIsCloseToFoundationsButItsOwn() {
        for x in [1, 1.5, 2, 3.75, 10, 1234.5, 1e6] {
            #expect(abs(ReplyIndex.naturalLog(x) - log(x)) < 1e-9, "ln \(x)")
        }
    }

    @Test func queriesWithoutWordsFindNothing() throws {
        #expect(!ReplyIndex.hasWords(" ?! ", locale: nil))
        #expect(ReplyIndex.hasWords("طلبي", locale: "ar"))
        #expect(try Self.index().rank("").isEmpty)
    }

    @Test(arguments: filling)
    func fills(_ testCase: FillCase) throws {
        let result = Placeholder.fill(testCase.text, values: testCase.values, declarations: try Self.bundle().placeholders ?? [:])
        switch result {
        case let .success(text):
            #expect(text == testCase.expect.text)
        case let .failure(error):
            #expect(testCase.expect.text == nil, "expected \(testCase.expect.text ?? "")")
            #expect(error.missing == testCase.expect.missing)
            #expect(error.invalid.map(\.name) == testCase.expect.invalid?.map(\.name))
            #expect(error.invalid.map(\.problem) == testCase.expect.invalid?.map(\.problem))
        }
    }
}
