@testable import AnswerKit
import Foundation
import Testing

@Suite struct BundleFormatTests {
    @Test func bundleBytesDecodeToTheSameBundle() throws {
        let (_, files) = try Fixtures.build(AgentFixture.site)
        let data = try #require(files["snippets.json"])
        let bundle = try SnippetBundle.decode(data, path: "snippets.json")
        #expect(Data(bundle.jsonBytes) == data)
        // The Encodable form (JSONEncoder) holds the same JSON as the hand-written writer.
        let encoded = try JSONSerialization.jsonObject(with: JSONOutput.data(bundle)) as? NSDictionary
        let written = try JSONSerialization.jsonObject(with: data) as? NSDictionary
        #expect(encoded != nil && encoded == written)
    }

    @Test func recordsBaseLengthWorstCaseAndRules() throws {
        let bundle = try AgentFixture.bundle()
        func reply(_ id: String) throws -> SnippetBundle.Snippet { try #require(bundle.replies.first { $0.id == id }) }
        // "{{customer_handle}} your order {{order_id}} is on its way: {{tracking_url}}": 28 fixed, + 16 + 12 + a link (23).
        #expect(try reply("track-order:en:twitter:answer:1").length == 28)
        #expect(try reply("track-order:en:twitter:answer:1").worstCaseLength == 28 + 16 + 12 + 23)
        // No placeholder: the worst case is the length.
        #expect(try reply("refund-status:en:twitter:answer:1").worstCaseLength == 74)
        // An undeclared placeholder ({{agent}}): unknown.
        #expect(try reply("track-order:en:email:answer:1").worstCaseLength == nil)
        // SMS: the fixed text is GSM-7 but a name may not be: UCS-2, 2 segments.
        let private_ = try reply("refund-status:en:any:private:1")
        #expect(private_.limitChannel == "sms" && private_.segments == 1 && private_.worstCaseSegments == 2)
        #expect(bundle.channels?["sms"] == SnippetBundle.ChannelRule(unit: .segments, limit: 2))
        #expect(bundle.placeholders?["tracking_url"]?.type == .url)
        // Expired entries never reach the bundle.
        #expect(!bundle.replies.contains { $0.entry == "old-prices" })
    }

    @Test func olderBundlesWithoutTheNewFieldsStillRead() throws {
        let old = """
            {"$schema": "snippets.schema.json", "schema_version": 1, "site": {"title": "T", "base_url": "https://x.example/"},
             "locale": null, "count": 1, "replies": [{"id": "a:en:twitter:answer:1", "entry": "a", "locale": "en", "channel": "twitter",
             "kind": "answer", "title": "A?", "text": "Hi", "variables": [], "url": "https://x.example/en/c/a/", "tags": [], "length": 2,
             "limit": 280, "unit": "weighted", "approved_by": "Me", "approved_on": "2026-01-01", "hash": "sha256:00"}]}
            """
        let bundle = try SnippetBundle.decode(Data(old.utf8), path: "old.json")
        #expect(bundle.replies.first?.worstCaseLength == nil)
        #expect(bundle.channels == nil)
    }

    @Test func unreadableBundlesSayWhy() {
        #expect(throws: BundleReadError.self) { try SnippetBundle.decode(Data("{}".utf8), path: "x.json") }
        do {
            _ = try SnippetBundle.decode(Data(#"{"schema_version": 9}"#.utf8), path: "new.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.reason == .unsupportedSchema(9))
        }
    }

    /// Every field written is declared by the schema and every required one is written.
    @Test func bundleFollowsItsSchema() throws {
        let (_, files) = try Fixtures.build(AgentFixture.site)
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(SnippetSchema.json.utf8)) as? [String: Any])
        let data = try #require(files["snippets.json"])
        let bundle = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        try Self.conforms(bundle, to: schema, defs: schema["$defs"] as? [String: Any] ?? [:], path: "$")
    }

    private static func conforms(_ object: [String: Any], to schema: [String: Any], defs: [String: Any], path: String) throws {
        let properties = schema["properties"] as? [String: Any] ?? [:]
        for key in schema["required"] as? [String] ?? [] { #expect(object[key] != nil, "\(path) lacks required '\(key)'") }
        if schema["additionalProperties"] as? Bool == false {
            for key in object.keys { #expect(properties[key] != nil, "\(path).\(key) is not in the schema") }
        }
        for (key, value) in object {
            var property = properties[key] as? [String: Any] ?? (schema["additionalProperties"] as? [String: Any]) ?? [:]
            if let reference = property["$ref"] as? String { property = defs[String(reference.split(separator: "/").last!)] as? [String: Any] ?? [:] }
            if let nested = value as? [String: Any], property["type"] as? String == "object" || property["properties"] != nil || property["additionalProperties"] != nil {
                try conforms(nested, to: property, defs: defs, path: "\(path).\(key)")
            }
            if let items = value as? [[String: Any]], var itemSchema = property["items"] as? [String: Any] {
                if let reference = itemSchema["$ref"] as? String { itemSchema = defs[String(reference.split(separator: "/").last!)] as? [String: Any] ?? [:] }
                for (index, item) in items.enumerated() { try conforms(item, to: itemSchema, defs: defs, path: "\(path).\(key)[\(index)]") }
            }
        }
    }
}
