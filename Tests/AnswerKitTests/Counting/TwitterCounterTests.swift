@testable import AnswerKit
import Foundation
import Testing
import Yams

/// One weighted-length case of twitter-text's conformance suite.
struct ConformanceCase: CustomTestStringConvertible, Sendable {
    var section: String
    var description: String
    var text: String
    var length: Int
    var valid: Bool
    var testDescription: String { "\(section): \(description)" }

    /// Reads the cases from `shared/twitter-text/validate.yml` at test time, as its README asks.
    static func load() -> [ConformanceCase] {
        guard let shared = Fixtures.shared,
            let yaml = try? String(contentsOf: shared.appendingPathComponent("twitter-text/validate.yml"), encoding: .utf8),
            let root = try? Yams.load(yaml: yaml) as? [String: Any],
            let tests = root["tests"] as? [String: Any]
        else { return [] }
        var cases: [ConformanceCase] = []
        // v3 counts emoji sequences once; the directional-marker cases hold under v3 too.
        for section in ["WeightedTweetsWithDiscountedEmojiCounterTest", "UnicodeDirectionalMarkerCounterTest"] {
            for item in tests[section] as? [[String: Any]] ?? [] {
                guard let text = item["text"] as? String, let expected = item["expected"] as? [String: Any],
                    let length = expected["weightedLength"] as? Int, let valid = expected["valid"] as? Bool
                else { continue }
                cases.append(ConformanceCase(section: section, description: item["description"] as? String ?? "", text: text, length: length, valid: valid))
            }
        }
        return cases
    }
}

@Suite struct TwitterCounterTests {
    static let cases = ConformanceCase.load()

    @Test func conformanceSuiteIsPresent() {
        #expect(Self.cases.count == 24, "expected the 22 v3 emoji and 2 directional-marker cases from shared/twitter-text/validate.yml")
    }

    @Test(arguments: cases)
    func conformance(_ testCase: ConformanceCase) {
        let count = LengthCount(testCase.text, channel: Channel.builtIn[0])
        #expect(count.length == testCase.length)
        #expect(count.valid == testCase.valid)
    }

    @Test(arguments: [
        ("مرحبا", 5),  // Arabic letters weigh 1
        ("שלום", 4),  // Hebrew letters weigh 1
        ("a\u{200E}b", 4),  // LRM is outside the light ranges: 2
        ("a\u{200F}b", 4),  // RLM likewise
        ("e\u{301}", 1),  // NFC first: é is one code point
        ("👍🏽", 2),  // skin-tone sequence counts once
        ("🇹🇷", 2),  // flag
        ("©", 1),  // lone text-style emoji in the light range
        ("Merci @NimbusHelp!", 18),
        ("see nimbus.com/refunds now", 31),  // bare domain with a known TLD is a URL
        ("see nimbus.example now", 22),  // unknown TLD: plain text
        ("mail me: a@nimbus.com", 21),  // e-mail address is not a URL
        ("", 0),
    ])
    func weights(_ text: String, _ expected: Int) {
        #expect(TwitterCounter().measure(text).length == expected)
    }

    @Test func emptyTextIsValidButZero() {
        let count = LengthCount("", channel: Channel.builtIn[0])
        #expect(count.length == 0)
    }
}
