@testable import AnswerKit
import Foundation
import Testing

@Suite struct AgentToolsTests {
    private func tools(today: Day = Fixtures.today) throws -> AgentTools {
        AgentTools(bundle: try AgentFixture.bundle(), today: today)
    }

    /// A JSON result as Foundation objects.
    private func object(_ result: Result<JSONValue, AgentTools.Failure>) throws -> [String: Any] {
        let json: JSONValue
        switch result {
        case let .success(value): json = value
        case let .failure(failure): json = failure.json
        }
        return try #require(try JSONSerialization.jsonObject(with: Data(JSONWriter.bytes(json))) as? [String: Any])
    }

    @Test func searchRanksByTitleAndFiltersLocaleAndChannel() throws {
        let result = try object(try tools().searchReplies(query: "where is my order", locale: "en", channel: "twitter"))
        let replies = try #require(result["replies"] as? [[String: Any]])
        let ids = replies.compactMap { $0["id"] as? String }
        #expect(ids.first == "track-order:en:twitter:answer:1")
        #expect(ids.allSatisfy { $0.contains(":en:") && ($0.contains(":twitter:") || $0.contains(":any:")) })
        let approval = try #require(replies.first?["approval"] as? [String: Any])
        #expect(approval["approved_by"] as? String == "Logistics team")
        #expect(replies.first?["url"] as? String == "https://help.example.com/en/orders/track-order/")
        // Arabic, matched without its diacritics.
        let arabic = try object(try tools().searchReplies(query: "طَلَبي", locale: "ar", channel: nil))
        let found = try #require(arabic["replies"] as? [[String: Any]])
        // Both match title and text; BM25 prefers the shorter reply.
        #expect(found.compactMap { $0["id"] as? String } == ["track-order:ar:twitter:answer:1", "track-order:ar:sms:answer:1"])
        #expect(found.allSatisfy { ($0["approval"] as? [String: Any])?["stale_translation"] as? Bool == true })
    }

    @Test func searchNeedsWordsAndAKnownChannel() throws {
        #expect(try tools().searchReplies(query: " ?! ", locale: nil, channel: nil) == .failure(.init(message: "the query has no words to search for")))
        guard case let .failure(failure) = try tools().searchReplies(query: "refund", locale: nil, channel: "tiktok") else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.message == "unknown channel 'tiktok'")
    }

    @Test func getReplyFillsAndMeasures() throws {
        let result = try object(try tools().getReply(
            id: "track-order:en:twitter:answer:1",
            variables: ["customer_handle": "@sam", "order_id": "NB-1", "tracking_url": "https://t.example.com/p/9"]))
        #expect(result["text"] as? String == "@sam your order NB-1 is on its way: https://t.example.com/p/9")
        let count = try #require(result["count"] as? [String: Any])
        let expected = LengthCount("@sam your order NB-1 is on its way: https://t.example.com/p/9", channel: Channel.builtIn[0])
        #expect(count["length"] as? Int == expected.length)
        #expect(count["valid"] as? Bool == true)
    }

    @Test func getReplyListsMissingVariables() throws {
        let result = try object(try tools().getReply(id: "track-order:en:twitter:answer:1", variables: ["order_id": "NB-1"]))
        #expect(result["error"] as? String == "missing values for customer_handle, tracking_url")
        #expect(result["missing"] as? [String] == ["customer_handle", "tracking_url"])
        let variables = try #require(result["variables"] as? [[String: Any]])
        #expect(variables.map { $0["name"] as? String } == ["customer_handle", "order_id", "tracking_url"])
    }

    @Test func anyReplyIsMeasuredOnTheChannelAsked() throws {
        let sms = try object(try tools().getReply(id: "refund-status:en:any:private:1", variables: ["name": "Ayşe"], channel: "sms"))
        let count = try #require(sms["count"] as? [String: Any])
        #expect(count["channel"] as? String == "sms")
        #expect(count["encoding"] as? String == "UCS-2")
        // Default channel: the one the reply fills most (limit_channel).
        let fallback = try object(try tools().getReply(id: "refund-status:en:any:private:1", variables: [:]))
        #expect((fallback["count"] as? [String: Any])?["channel"] as? String == "sms")
        #expect(fallback["text"] as? String == "Please DM us your order number, there, and we'll check your refund.")
    }

    @Test func expiredRepliesAreNeverServed() throws {
        let later = try tools(today: Day(year: 2026, month: 12, day: 11))
        guard case let .failure(failure) = later.getReply(id: "refund-status:en:twitter:answer:1", variables: [:]) else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.message == "reply 'refund-status:en:twitter:answer:1' is no longer approved: its review date 2026-12-10 has passed")
        let search = try object(later.searchReplies(query: "refund", locale: "en", channel: nil))
        #expect((search["replies"] as? [[String: Any]])?.isEmpty == true)
    }

    @Test(arguments: ["Hi \u{200F}مرحبا https://nimbus.example/refunds", String(repeating: "ş", count: 71), "😀👩‍💻 ok"])
    func countLengthAgreesWithTheCounter(_ text: String) throws {
        for channel in ["twitter", "sms", "instagram-dm", "whatsapp"] {
            let result = try object(try tools().countLength(channel: channel, text: text))
            let bundle = try AgentFixture.bundle()
            let expected = LengthCount(text, channel: try #require(bundle.channel(named: channel)))
            #expect(result["length"] as? Int == expected.length)
            #expect(result["valid"] as? Bool == expected.valid)
            #expect(result["segments"] as? Int == expected.segments)
        }
    }

    @Test func rankingPrefersTitleThenAnswers() {
        let replies = [
            BundleDiffTests.reply("other:en:twitter:answer:1", "Your refund is on its way."),
            BundleDiffTests.reply("refund:en:twitter:acknowledge:1", "We're on it."),
            BundleDiffTests.reply("refund:en:twitter:answer:1", "Five days."),
        ].map { reply -> SnippetBundle.Snippet in
            var copy = reply
            if reply.entry == "refund" { copy.title = "Where is my refund?" }
            return copy
        }
        let index = ReplyIndex(replies: replies)
        let ranked = index.rank("refund").map { index.replies[$0.position].id }
        #expect(ranked == ["refund:en:twitter:answer:1", "refund:en:twitter:acknowledge:1", "other:en:twitter:answer:1"])
    }
}
