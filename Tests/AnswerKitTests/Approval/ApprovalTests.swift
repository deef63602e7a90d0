@testable import AnswerKit
import Foundation
import Testing

@Suite struct TranslationSyncTests {
    @Test func warnsAtTheTranslationsApprovalAndMarksItsReplies() throws {
        let (result, files) = try Fixtures.build(AgentFixture.site)
        let warnings = result.diagnostics.sorted.filter { $0.code == "stale-translation" }
        #expect(warnings.map(DiagnosticFormatter.text) == [
            "content/ar/orders/track-order.md:7:1: warning: translation may be stale: content/en/orders/track-order.md was approved again on 2026-10-01, after this translation (2026-09-01)\n"
                + "    note: compare it with the source, update it if needed, and set approved_on to the day it was checked; until then its replies are marked stale_translation in the bundle",
        ])
        let bundle = try SnippetBundle.decode(try #require(files["snippets.json"]), path: "snippets.json")
        #expect(bundle.replies.filter { $0.staleTranslation == true }.map(\.id) == ["track-order:ar:sms:answer:1", "track-order:ar:twitter:answer:1"])
        let arabic = try SnippetBundle.decode(try #require(files["ar/snippets.json"]), path: "ar/snippets.json")
        #expect(arabic.replies.allSatisfy { $0.staleTranslation == true })
    }

    @Test func aTranslationApprovedAfterTheSourceIsInStep() {
        func entry(_ locale: String, approvedOn: String) -> Entry {
            Entry(key: EntryKey(locale: locale, category: "c", slug: "s"), path: "content/\(locale)/c/s.md", id: "s", title: "T", summary: "", tags: [],
                  status: .approved, approvedBy: "A", approvedOn: Day(parsing: approvedOn), reviewBy: nil, updated: nil, sources: [], replies: [],
                  bodyLineOffset: 0, idLocation: AnswerKit.SourceLocation(path: "content/\(locale)/c/s.md"))
        }
        #expect(TranslationSync.lags(in: [entry("en", approvedOn: "2026-10-01"), entry("fr", approvedOn: "2026-10-01")], defaultLocale: "en").isEmpty)
        #expect(TranslationSync.lags(in: [entry("en", approvedOn: "2026-10-01"), entry("fr", approvedOn: "2026-10-02")], defaultLocale: "en").isEmpty)
        #expect(TranslationSync.lags(in: [entry("en", approvedOn: "2026-10-02"), entry("fr", approvedOn: "2026-10-01")], defaultLocale: "en").count == 1)
        // The source itself is never stale, whatever other locales say.
        #expect(TranslationSync.lags(in: [entry("en", approvedOn: "2026-09-01"), entry("fr", approvedOn: "2026-10-01")], defaultLocale: "fr")
            .map(\.translation.locale) == ["en"])
    }
}

@Suite struct ExpiryReportTests {
    private func report(within: Int) throws -> ExpiryReport {
        let config = try #require(ConfigLoader.load(root: AgentFixture.site).0)
        let content = try ContentLoader.load(root: AgentFixture.site, config: config, today: Fixtures.today)
        return ExpiryReport.make(entries: content.entries, today: Fixtures.today, within: within)
    }

    @Test func groupsEntriesDueWithinTheWindowByOwner() throws {
        let report = try report(within: 30)
        #expect(report.text == """
            Due for review by 2026-12-22 (within 30 days of 2026-11-22): 3 entries, 4 replies

            Billing team — 2 entries
              content/en/billing/expired.md:7:1: review by 2026-11-01 (expired 21 days ago; its replies are out of every bundle) — 1 reply — What do plans cost?
              content/en/billing/refund-status.md:8:1: review by 2026-12-10 (in 18 days) — 2 replies — Where is my refund?

            billing team — 1 entry
              content/en/billing/card-declined.md:8:1: review by 2026-12-01 (in 9 days) — 1 reply — Why was my card declined?

            """)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONWriter.bytes(report.json))) as? [String: Any])
        #expect(json["entries"] as? Int == 3)
        let owners = try #require(json["owners"] as? [[String: Any]])
        let first = try #require((owners.first?["entries"] as? [[String: Any]])?.first)
        #expect(first["expired"] as? Bool == true)
        #expect(first["line"] as? Int == 7)
        #expect(first["replies"] as? [String] == ["old-prices:en:twitter:answer:1"])
    }

    @Test func aLongerWindowReachesTheTranslations() throws {
        // 2027-03-02: the Arabic translation (2027-03-01) too, not the English source (2027-04-01).
        #expect(try report(within: 100).groups.flatMap(\.items).map(\.id) == ["old-prices", "refund-status", "card-declined", "track-order"])
        #expect(try report(within: 0).entryCount == 1)
    }

    @Test(arguments: [("30d", 30), ("30", 30), ("2w", 14), (" 7D ", 7), ("0d", 0)])
    func parsesWindows(_ text: String, _ days: Int) {
        #expect(ExpiryReport.parseWindow(text) == days)
    }

    @Test(arguments: ["", "d", "-3d", "3m", "1.5w", "٣٠d"])
    func rejectsOtherWindows(_ text: String) {
        #expect(ExpiryReport.parseWindow(text) == nil)
    }
}
