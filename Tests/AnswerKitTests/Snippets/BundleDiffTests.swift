@testable import AnswerKit
import Testing

@Suite struct BundleDiffTests {
    static func reply(_ id: String, _ text: String, approvedOn: String = "2026-10-01") -> SnippetBundle.Snippet {
        let parts = id.split(separator: ":").map(String.init)
        return SnippetBundle.Snippet(
            id: id, entry: parts[0], locale: parts[1], channel: parts[2], kind: parts[3], title: "Title of \(parts[0])", text: text,
            variables: Placeholder.scan(text).names, url: "https://help.example.com/\(parts[1])/\(parts[0])/", tags: [],
            length: text.count, limit: 280, unit: "weighted", segments: nil, limitChannel: nil,
            approvedBy: "Billing team", approvedOn: Day(parsing: approvedOn)!, reviewBy: nil, hash: "sha256:" + ContentHash.sha256(text))
    }

    static func bundle(_ replies: [SnippetBundle.Snippet]) -> SnippetBundle {
        SnippetBundle(site: .init(title: "T", baseURL: "https://help.example.com/"), locale: nil, count: replies.count, replies: replies)
    }

    static let old = bundle([
        reply("refund:en:twitter:answer:1", "Refunds take 5 days."),
        reply("refund:en:sms:answer:1", "Refunds take 5 days."),
        reply("track:en:twitter:answer:1", "Track it in the app."),
        reply("gone:en:email:answer:1", "Old news."),
    ])

    @Test func identicalBundlesHaveNoChanges() {
        let diff = BundleDiff.compare(Self.old, Self.old)
        #expect(diff.isEmpty)
        #expect(diff.text == "no changes: 0 added, 0 removed, 0 text changed, 0 re-approved\n")
    }

    @Test func reportsEachKindOfChangeByID() {
        let new = Self.bundle([
            Self.reply("refund:en:twitter:answer:1", "Refunds take 3–5 days.", approvedOn: "2026-11-20"),  // text + re-approved
            Self.reply("refund:en:sms:answer:1", "Refunds take 5 days.", approvedOn: "2026-11-20"),  // re-approved only
            Self.reply("track:en:twitter:answer:1", "Track it in the app."),  // same
            Self.reply("new:en:twitter:acknowledge:1", "Hi {{name}},\nwe're on it."),  // added
        ])
        let diff = BundleDiff.compare(Self.old, new)
        #expect(diff.added.map(\.id) == ["new:en:twitter:acknowledge:1"])
        #expect(diff.removed.map(\.id) == ["gone:en:email:answer:1"])
        #expect(diff.textChanged.map(\.new.id) == ["refund:en:twitter:answer:1"])
        #expect(diff.reapproved.map(\.new.id) == ["refund:en:sms:answer:1", "refund:en:twitter:answer:1"])
        #expect(diff.text == """
            1 added, 1 removed, 1 text changed, 2 re-approved

            Added (1)
              + new:en:twitter:acknowledge:1  Title of new
                  Hi {{name}},
                  we're on it.

            Removed (1)
              - gone:en:email:answer:1  Title of gone

            Text changed (1)
              ~ refund:en:twitter:answer:1  Title of refund
                  - Refunds take 5 days.
                  + Refunds take 3–5 days.

            Re-approved (2)
              * refund:en:sms:answer:1  Title of refund
                  approved_on 2026-10-01 → 2026-11-20 by Billing team
              * refund:en:twitter:answer:1  Title of refund
                  approved_on 2026-10-01 → 2026-11-20 by Billing team

            """)
        let json = String(decoding: JSONWriter.bytes(diff.json), as: UTF8.self)
        #expect(json.contains("\"same\": false"))
        #expect(json.contains("\"old_text\": \"Refunds take 5 days.\""))
        #expect(json.contains("\"new_approved_on\": \"2026-11-20\""))
    }

    @Test func changedTitleAloneIsNoChange() {
        var renamed = Self.old
        renamed.replies[0].title = "Where is my money?"
        #expect(BundleDiff.compare(Self.old, renamed).isEmpty)
    }
}
