@testable import AnswerKit
import Foundation
import Testing

/// `answerkit reply`'s logic over the agent fixture's bundle (built on 2026-11-22).
@Suite struct ReplyLookupTests {
    private func lookup(
        _ query: String, locale: String? = "en", channel: String? = nil, kind: String? = nil, values: [String: String] = [:], limit: Int = 1,
        today: Day = Fixtures.today
    ) throws -> ReplyLookup {
        let request = ReplyLookup.Request(
            query: query, filter: ReplyFilter(locale: locale, channel: channel, kind: kind), variables: values, limit: limit)
        return ReplyLookup(request, in: try AgentFixture.bundle(), today: today)
    }

    @Test func bestReplyIsFilledAndMeasuredOnItsChannel() throws {
        let found = try lookup("where is my order", channel: "twitter", kind: "answer", values: [
            "customer_handle": "@sam", "order_id": "NB-1", "tracking_url": "https://t.example.com/p/9",
        ])
        #expect(found.failure == nil)
        let best = try #require(found.found.first)
        #expect(best.reply.id == "track-order:en:twitter:answer:1")
        #expect(try best.filled.get() == "@sam your order NB-1 is on its way: https://t.example.com/p/9")
        // The same count as `answerkit count --channel twitter`.
        #expect(best.count == LengthCount("@sam your order NB-1 is on its way: https://t.example.com/p/9", channel: Channel.builtIn[0]))
        #expect(found.text(all: false).hasPrefix("@sam your order NB-1 is on its way: https://t.example.com/p/9\n\n59/280 weighted characters — fits twitter\n"))
    }

    @Test func missingVariablesFailWithTheirNamesAndWhatTheyAre() throws {
        let found = try lookup("where is my order", channel: "twitter", kind: "answer", values: ["order_id": "NB-1"])
        guard case let .cannotFill(id, error) = found.failure else {
            Issue.record("expected a fill failure, got \(String(describing: found.failure))")
            return
        }
        #expect(id == "track-order:en:twitter:answer:1")
        #expect(error.missing == ["customer_handle", "tracking_url"])
        let message = try #require(found.errorMessage(declarations: try AgentFixture.bundle().placeholders ?? [:]))
        #expect(message.hasPrefix("error: track-order:en:twitter:answer:1: missing values for customer_handle, tracking_url\n"))
        #expect(message.contains("  customer_handle: X handle, with the @ (at most 16 characters)"))
        #expect(found.text(all: false).isEmpty, "nothing to paste when a value is missing")
    }

    @Test func defaultsFillWhatIsNotGiven() throws {
        let found = try lookup("sorry late", channel: "twitter", kind: "acknowledge")
        #expect(try found.found.first?.filled.get() == "Hi there, sorry it's late, we're checking with the carrier now.")
    }

    @Test func anyReplyIsMeasuredOnTheChannelAskedOrItsTightest() throws {
        let sms = try lookup("dm refund", channel: "sms", kind: "private", values: ["name": "Ayşe"])
        #expect(sms.found.first?.reply.id == "refund-status:en:any:private:1")
        #expect(sms.found.first?.count?.channel == "sms")
        #expect(sms.found.first?.count?.encoding == .ucs2)
        let twitter = try lookup("dm refund", channel: "twitter", kind: "private")
        #expect(twitter.found.first?.count?.channel == "twitter")
        let unasked = try lookup("dm refund", kind: "private")
        #expect(unasked.found.first?.channel == "sms", "limit_channel: the tightest")
    }

    @Test func allListsTheNextBestInRankOrder() throws {
        let found = try lookup("where is my order", channel: "twitter", values: ["customer_handle": "@sam", "order_id": "NB-1"], limit: 5)
        #expect(found.found.map(\.rank) == Array(1...found.found.count))
        #expect(zip(found.found, found.found.dropFirst()).allSatisfy { $0.score >= $1.score })
        #expect(found.found.allSatisfy { $0.reply.locale == "en" && ["twitter", "any"].contains($0.reply.channel) })
        let text = found.text(all: true)
        #expect(text.hasPrefix("1. Where is my order?  [en · twitter · "))
        #expect(text.contains("\n\n2. "))
    }

    @Test func reviewDueSoonAndStaleTranslationsAreFlagged() throws {
        // card-declined is due on 2026-12-01: nine days after the fixture's today.
        let card = try lookup("card declined")
        #expect(card.found.first?.reviewDueInDays == 9)
        #expect(card.text(all: false).contains("warning: review due in 9 days"))
        let arabic = try lookup("طلبي", locale: "ar", channel: "sms", values: ["order_id": "NB-1"])
        #expect(arabic.found.first?.reply.staleTranslation == true)
        #expect(arabic.text(all: false).contains("warning: translation may be stale"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONWriter.bytes(arabic.json(declarations: [:])))) as? [String: Any])
        let approval = try #require((json["replies"] as? [[String: Any]])?.first?["approval"] as? [String: Any])
        #expect(approval["stale_translation"] as? Bool == true)
    }

    @Test(arguments: [
        ("refund", "tiktok", nil, nil, "unknown channel 'tiktok'; channels: email, facebook, instagram, instagram-dm, linkedin, sms, twitter, whatsapp"),
        ("refund", nil, "reply", nil, "unknown kind 'reply'; kinds: answer, acknowledge, follow-up, private, escalate"),
        ("refund", nil, nil, "de", "no replies in locale 'de'; locales in the bundle: ar, en"),
        (" ?! ", nil, nil, nil, "the query has no words to search for"),
        ("xylophone", nil, nil, nil, "no approved reply matches the query"),
    ] as [(String, String?, String?, String?, String)])
    func failuresAreExplained(_ query: String, _ channel: String?, _ kind: String?, _ locale: String?, _ message: String) throws {
        let found = try lookup(query, locale: locale, channel: channel, kind: kind)
        #expect(found.failure?.description == message)
        #expect(found.found.isEmpty)
    }

    @Test func expiredRepliesAreNeverOffered() throws {
        let later = try lookup("refund", today: Day(year: 2026, month: 12, day: 11))
        #expect(!later.found.contains { $0.reply.entry == "refund-status" })
    }

    @Test func jsonHasTheDocumentedKeys() throws {
        let found = try lookup("where is my order", channel: "twitter", kind: "answer", values: ["order_id": "NB-1"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONWriter.bytes(found.json(declarations: try AgentFixture.bundle().placeholders ?? [:])))) as? [String: Any])
        #expect(json["error"] as? String == "track-order:en:twitter:answer:1: missing values for customer_handle, tracking_url")
        #expect(json["missing"] as? [String] == ["customer_handle", "tracking_url"])
        let reply = try #require((json["replies"] as? [[String: Any]])?.first)
        #expect(Set(reply.keys).isSuperset(of: ["rank", "score", "id", "title", "text", "template", "variables", "count", "url", "approval", "missing"]))
        #expect(reply["text"] is NSNull)
        let variables = try #require(reply["variables"] as? [[String: Any]])
        #expect(variables.first { $0["name"] as? String == "order_id" }?["value"] as? String == "NB-1")
    }
}
