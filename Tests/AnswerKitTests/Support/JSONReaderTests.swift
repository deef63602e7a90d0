@testable import AnswerKit
import Foundation
import Testing

@Suite struct JSONReaderTests {
    private func read(_ text: String) -> JSONValue? {
        JSONReader.value(Array(text.utf8))
    }

    @Test func readsEveryKindOfValue() throws {
        let value = try #require(read(#" { "a": [1, -20, 0, true, false, null], "b": {"c": "d"}, "e": [], "f": {} } "#))
        let expected = JSONValue.object([
            ("a", .array([.int(1), .int(-20), .int(0), .bool(true), .bool(false), .null])),
            ("b", .object([("c", .string("d"))])), ("e", .array([])), ("f", .object([])),
        ])
        #expect(value == expected)
        #expect(read("9223372036854775807") == .int(Int.max))
        #expect(read("-9223372036854775808") == .int(Int.min))
    }

    @Test func decodesEscapes() {
        #expect(read(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{8}\u{C}\n\r\t"))
        #expect(read(#""\u00e9\u0645\uD83D\uDE00 é😀""#) == .string("éم😀 é😀"))
    }

    /// What it does not take, `JSONDecoder` explains (or reads: fractions, duplicate keys).
    @Test(arguments: [
        "", " ", "{", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "01", "-", "1.5", "1e3", "9223372036854775808", "tru", "nul",
        "\"a", "\"\\x\"", "\"\\u12\"", "\"\\uD83D\"", "\"\\uDE00\"", "\"\\uD83D\\u0041\"", "\"a\u{1}b\"", "[1] 2", "{\"a\":1,\"a\":2}",
        String(repeating: "[", count: 65) + String(repeating: "]", count: 65),
    ])
    func rejects(_ text: String) {
        #expect(read(text) == nil)
    }

    @Test func rejectsInvalidUTF8() {
        #expect(JSONReader.value([0x22, 0xC3, 0x22]) == nil)
    }

    @Test func rejectsRepeatedKeysInLongObjects() {
        let members = (0..<40).map { "\"k\($0)\": \($0)" }
        #expect(read("{" + members.joined(separator: ",") + "}") != nil)
        #expect(read("{" + (members + ["\"k3\": 0"]).joined(separator: ",") + "}") == nil)
    }

    @Test func readsWhatTheWriterWrites() throws {
        let value = JSONValue.object([
            ("text", .string("Hi \"there\"\n\t\u{1} é 😀 \u{2028}")), ("n", .int(-3)), ("list", .array([.null, .bool(true), .object([])])),
        ])
        #expect(read(String(decoding: JSONWriter.bytes(value), as: UTF8.self)) == value)
        #expect(read(String(decoding: JSONWriter.compactBytes(value), as: UTF8.self)) == value)
    }
}
