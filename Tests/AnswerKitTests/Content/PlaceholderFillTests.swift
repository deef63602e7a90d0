@testable import AnswerKit
import Foundation
import Testing

@Suite struct PlaceholderFillTests {
    static let declarations: [String: PlaceholderSpec] = [
        "name": PlaceholderSpec(name: "name", max: 10, defaultValue: "there"),
        "customer_handle": PlaceholderSpec(name: "customer_handle", charset: .identifier, max: 16),
        "order_id": PlaceholderSpec(name: "order_id", charset: .identifier, max: 12),
        "tracking_url": PlaceholderSpec(name: "tracking_url", type: .url),
    ]

    private func fill(_ text: String, _ values: [String: String]) -> Result<String, FillError> {
        Placeholder.fill(text, values: values, declarations: Self.declarations)
    }

    @Test func fillsValuesAndDefaults() {
        let text = "Hi {{name}}, {{customer_handle}}: order {{order_id}} ships today {{tracking_url}}"
        let values = ["customer_handle": "@sam", "order_id": "NB-1234", "tracking_url": "https://t.example.com/x/1"]
        #expect(fill(text, values) == .success("Hi there, @sam: order NB-1234 ships today https://t.example.com/x/1"))
        #expect(fill(text, values.merging(["name": "Sam"]) { $1 }) == .success("Hi Sam, @sam: order NB-1234 ships today https://t.example.com/x/1"))
    }

    @Test func listsEveryMissingVariableOnceInOrder() {
        let result = fill("{{order_id}} for {{customer_handle}}, {{order_id}} and {{agent}}", ["customer_handle": ""])
        guard case let .failure(error) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.missing == ["order_id", "customer_handle", "agent"])
        #expect(error.description == "missing values for order_id, customer_handle, agent")
    }

    @Test func refusesValuesTheirDeclarationForbids() {
        let result = fill("{{customer_handle}} {{order_id}} {{tracking_url}} {{name}}", [
            "customer_handle": "@ayşe", "order_id": "1234567890123", "tracking_url": "example.com/track", "name": "see x.com",
        ])
        guard case let .failure(error) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.missing.isEmpty)
        #expect(error.description == """
            the value of customer_handle contains 'ş' (U+15F), but 'customer_handle' allows only ASCII letters, digits and - _ @ #
            the value of order_id has 13 characters; the most is 12
            the value of tracking_url is not an absolute http(s) link in ASCII, e.g. https://example.com/track/123
            the value of name contains a link; links go in a placeholder declared with type: url
            """)
    }

    @Test func maxCountsCodePointsAfterNFC() {
        // "e" + combining acute is one code point after NFC.
        #expect(Placeholder.problem(with: String(repeating: "e\u{0301}", count: 10), for: Self.declarations["name"]!) == nil)
        #expect(Placeholder.problem(with: String(repeating: "é", count: 11), for: Self.declarations["name"]!) == "has 11 characters; the most is 10")
    }

    @Test func undeclaredPlaceholdersTakeAnyValue() {
        #expect(fill("Thanks, {{agent}}", ["agent": "Léa 🙂", "unused": "x"]) == .success("Thanks, Léa 🙂"))
    }

    @Test func piecesSplitFixedTextAndPlaceholders() {
        #expect(Placeholder.pieces("Hi {{name}}{{x}} {{ Bad }} {{") == [
            .text("Hi "), .placeholder("name"), .placeholder("x"), .text(" {{ Bad }} {{"),
        ])
    }

    @Test func unclosedBracesStayAsWritten() {
        #expect(Placeholder.fill("Hi {{name}}, {{oops") { _ in "Sam" } == "Hi Sam, {{oops")
    }

    /// `fill` and `pieces` match braces by code point, as the validator (`scan`) and the
    /// console's `replies.js` do: a combining mark after `}}` does not hide the placeholder.
    @Test(arguments: [
        "Hi {{name}}, {{x}}{{y}} {{ Bad }} {{{name}}} }}{{", "{{name}}\u{301} é {{name}}", "e{{tiny}}\u{0301} 한{{tiny}}",
        "\u{301}{{name}}\u{301}", "{{\u{301}name}}", "مرحبًا {{name}}، طلبك {{order_id}}", "\u{0600}{{name}}", "👩‍💻{{name}}\u{200D}❤️",
        "שלום {{name}}", "{{name}}", "{{", "}}", "{{}}", "", "no braces",
    ])
    func bracesAreCodePointMatches(_ text: String) {
        let expected = Self.scalarFill(text) { "<\($0)>" }
        #expect(Placeholder.fill(text) { "<\($0)>" } == expected)
        #expect(Placeholder.fill(text) { _ in nil } == text)
        let pieces = Placeholder.pieces(text).map { piece in
            switch piece {
            case let .text(text): text
            case let .placeholder(name): "<\(name)>"
            }
        }
        #expect(pieces.joined() == expected)
    }

    /// `fill` written plainly over code points (the reference `replies.js` follows too).
    private static func scalarFill(_ text: String, _ value: (String) -> String?) -> String {
        let scalars = Array(text.unicodeScalars)
        func find(_ brace: Unicode.Scalar, from start: Int) -> Int? { ScalarBraces.pair(brace, in: scalars, from: start) }
        func string(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
        var result = ""
        var start = 0
        while let open = find("{", from: start) {
            result += string(start..<open)
            guard let close = find("}", from: open + 2) else { return result + string(open..<scalars.count) }
            let name = string((open + 2)..<close)
            if Placeholder.isName(name), let replacement = value(name) {
                result += replacement
            } else {
                result += string(open..<(close + 2))
            }
            start = close + 2
        }
        return result + string(start..<scalars.count)
    }

    /// A placeholder the validator accepts is one `fill` fills, beside combining marks too.
    @Test func fillAgreesWithTheValidator() {
        let text = "{{name}}\u{301} and e{{order_id}}\u{0301}"
        #expect(Placeholder.scan(text).names == ["name", "order_id"])
        #expect(Placeholder.scan(text).problems.isEmpty)
        #expect(Placeholder.fill(text) { "<\($0)>" } == "<name>\u{301} and e<order_id>\u{0301}")
    }
}

/// The reference brace search of the placeholder tests: two equal braces, compared by code point.
enum ScalarBraces {
    static func pair(_ brace: Unicode.Scalar, in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start
        while index + 1 < scalars.count {
            if scalars[index] == brace, scalars[index + 1] == brace { return index }
            index += 1
        }
        return nil
    }
}
