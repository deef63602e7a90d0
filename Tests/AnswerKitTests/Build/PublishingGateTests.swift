@testable import AnswerKit
import Foundation
import Testing

/// Only approved, unexpired replies ever reach a bundle.
@Suite struct PublishingGateTests {
    @Test func unapprovedRepliesNeverReachAnyBundle() throws {
        let (_, files) = try Fixtures.build(Fixtures.site("basic"), drafts: true)
        let bundles = files.filter { $0.key.hasSuffix("snippets.json") }
        #expect(bundles.count == 3)
        for (path, data) in bundles {
            let text = String(decoding: data, as: UTF8.self)
            for forbidden in ["Draft reply", "Retired reply", "This reply is expired"] {
                #expect(!text.contains(forbidden), "\(path) contains '\(forbidden)'")
            }
        }
    }

    @Test(arguments: [EntryStatus.draft, .retired, .approved])
    func statusAndExpiryGate(_ status: EntryStatus) {
        let config = SiteConfig(title: "T")
        for reviewBy in [Day(year: 2026, month: 1, day: 1), Day(year: 2027, month: 1, day: 1)] {
            let entry = Entry(
                key: EntryKey(locale: "en", category: "c", slug: "s"), path: "p", id: "s", title: "T", summary: "", tags: [],
                status: status, approvedBy: "X", approvedOn: Day(year: 2025, month: 12, day: 1), reviewBy: reviewBy, updated: nil,
                sources: [], replies: [Reply(channel: "twitter", kind: .answer, text: "Hi", variables: [], number: 1, location: AnswerKit.SourceLocation(path: "p"))],
                bodyLineOffset: 0, idLocation: AnswerKit.SourceLocation(path: "p"))
            let bundle = SnippetBundle.make(entries: [entry], config: config, urls: URLScheme(config: config), today: Fixtures.today)
            let expected = status == .approved && reviewBy > Fixtures.today ? 1 : 0
            #expect(bundle.count == expected)
        }
    }

    @Test func bundleMatchesItsSchemaShape() throws {
        let (_, files) = try Fixtures.build(Fixtures.site("basic"))
        let bundle = try JSONDecoder().decode(SnippetBundle.self, from: try #require(files["snippets.json"]))
        #expect(bundle.schemaVersion == 1)
        #expect(bundle.count == bundle.replies.count)
        #expect(Set(bundle.replies.map(\.id)).count == bundle.count)
        let data = try #require(files["snippets.json"])
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let replies = try #require(json["replies"] as? [[String: Any]])
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(SnippetSchema.json.utf8)) as? [String: Any])
        let replySchema = try #require((schema["$defs"] as? [String: Any])?["reply"] as? [String: Any])
        let required = try #require(replySchema["required"] as? [String])
        let allowed = Set(try #require(replySchema["properties"] as? [String: Any]).keys)
        for reply in replies {
            for key in required { #expect(reply[key] != nil, "missing \(key)") }
            for key in reply.keys { #expect(allowed.contains(key), "unexpected \(key)") }
        }
        let email = try #require(replies.first { ($0["channel"] as? String) == "email" })
        #expect(email["limit"] is NSNull)
        let any = try #require(replies.first { ($0["channel"] as? String) == "any" })
        #expect(any["limit_channel"] as? String == "sms")
    }

    @Test func perLocaleBundlesPartitionTheWhole() throws {
        let (_, files) = try Fixtures.build(Fixtures.site("basic"))
        let all = try JSONDecoder().decode(SnippetBundle.self, from: try #require(files["snippets.json"]))
        let en = try JSONDecoder().decode(SnippetBundle.self, from: try #require(files["en/snippets.json"]))
        let ar = try JSONDecoder().decode(SnippetBundle.self, from: try #require(files["ar/snippets.json"]))
        #expect(en.locale == "en" && ar.locale == "ar")
        #expect(en.count + ar.count == all.count)
        #expect(ar.replies.first?.url == "https://example.com/help/ar/billing/refund-status/")
    }
}
