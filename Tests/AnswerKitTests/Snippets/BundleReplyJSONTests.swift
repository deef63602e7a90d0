@testable import AnswerKit
import Testing

/// `Snippet.bundleJSON` writes the fields directly; it must stay byte-identical to the
/// generic writer's output for the same value, whichever optional fields are present.
@Suite struct BundleReplyJSONTests {
    static func snippet(text: String = "Hi {{name}}, refunds take 3–5 days: https://shop.example/r", tags: [String] = ["refund", "billing"]) -> SnippetBundle.Snippet {
        SnippetBundle.Snippet(
            id: "refund:en:twitter:answer:1", entry: "refund", locale: "en", channel: "twitter", kind: "answer", title: "Where is my \"refund\"?",
            text: text, variables: Placeholder.scan(text).names, url: "https://help.example.com/en/billing/refund/", tags: tags,
            length: 57, limit: 280, unit: "weighted", segments: nil, limitChannel: nil,
            approvedBy: "Billing team", approvedOn: Day(parsing: "2026-10-01")!, reviewBy: nil, hash: "sha256:" + ContentHash.sha256(text))
    }

    static func generic(_ snippet: SnippetBundle.Snippet) -> String {
        String(decoding: JSONWriter.bytes(snippet.json, indent: 2), as: UTF8.self)
    }

    @Test func plainReplyMatchesTheGenericWriter() {
        let snippet = Self.snippet()
        #expect(String(decoding: snippet.bundleJSON, as: UTF8.self) == Self.generic(snippet))
    }

    @Test func everyOptionalFieldAndEscapesMatchTheGenericWriter() {
        var all = Self.snippet(text: "سلام {{name}}\n\t\"quoted\" \\ back\u{1} ‏שלום", tags: [])
        all.limit = nil
        all.unit = "segments"
        all.segments = 2
        all.limitChannel = "sms"
        all.reviewBy = Day(parsing: "2027-01-31")
        all.worstCaseLength = 140
        all.worstCaseSegments = 3
        all.staleTranslation = true
        #expect(String(decoding: all.bundleJSON, as: UTF8.self) == Self.generic(all))
        var none = Self.snippet(text: "No placeholders.", tags: [])
        none.variables = []
        none.staleTranslation = false
        #expect(String(decoding: none.bundleJSON, as: UTF8.self) == Self.generic(none))
        #expect(Self.generic(none).contains("\"variables\": []"))
    }
}
