@testable import AnswerKit
import Testing

/// Front matter validation: each case puts `⟨⟩` where the diagnostic must point.
@Suite struct EntryParserTests {
    static let parser = EntryParser(config: SiteConfig(title: "T"), today: Day(year: 2026, month: 11, day: 22))

    /// Parses `marked` (front matter only, with a `⟨⟩` marker) and returns the
    /// diagnostics and the marker's location.
    func parse(_ marked: String) -> (Entry?, Diagnostics, AnswerKit.SourceLocation?) {
        var marker: AnswerKit.SourceLocation?
        var clean = ""
        for (index, line) in marked.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let range = line.range(of: "⟨⟩") {
                marker = AnswerKit.SourceLocation(path: "e.md", line: index + 1, column: line[..<range.lowerBound].unicodeScalars.count + 1)
            }
            clean += line.replacingOccurrences(of: "⟨⟩", with: "") + "\n"
        }
        let split = try! FrontMatter.split(clean).get()
        let (entry, diagnostics) = Self.parser.parse(split, key: EntryKey(locale: "en", category: "c", slug: "s"), path: "e.md")
        return (entry, diagnostics, marker)
    }

    @Test(arguments: [
        ("unknown-channel", "---\ntitle: T\nreplies:\n  - channel: ⟨⟩tiktok\n    kind: answer\n    text: Hi\n---\n"),
        ("unknown-kind", "---\ntitle: T\nreplies:\n  - channel: twitter\n    kind: ⟨⟩reply\n    text: Hi\n---\n"),
        ("bad-date", "---\ntitle: T\nreview_by: ⟨⟩2026-02-30\n---\n"),
        ("bad-status", "---\ntitle: T\nstatus: ⟨⟩published\n---\n"),
        ("yaml-syntax", "---\ntitle: Refunds⟨⟩: how?\n---\n"),
        ("yaml-duplicate-key", "---\ntitle: A\n⟨⟩title: B\n---\n"),
        ("approval-incomplete", "---\ntitle: T\n⟨⟩status: approved\nsources: [x]\n---\n"),
        ("reply-too-long", "---\ntitle: T\nstatus: approved\napproved_by: X\napproved_on: 2026-01-01\nsources: [x]\nreplies:\n  - channel: sms\n    kind: answer\n    text: ⟨⟩\(String(repeating: "ş", count: 202))\n---\n"),
        ("bad-placeholder", "---\ntitle: T\nreplies:\n  - channel: email\n    kind: answer\n    text: ⟨⟩Hi {name}\n---\n"),
        ("bad-id", "---\nid: ⟨⟩Refund Status\ntitle: T\n---\n"),
        ("yaml-type", "---\ntitle: T\ntags: ⟨⟩refunds\n---\n"),
    ])
    func errorLandsOnMarker(_ code: String, _ text: String) {
        let (entry, diagnostics, marker) = parse(text)
        let matching = diagnostics.items.filter { $0.code == code }
        #expect(entry == nil)
        #expect(matching.count == 1, "\(diagnostics.items.map { DiagnosticFormatter.text($0) })")
        #expect(matching.first?.severity == .error)
        #expect(matching.first?.location == marker)
    }

    @Test func missingTitleAtTopOfFile() {
        let (_, diagnostics, _) = parse("---\nstatus: draft\n---\n")
        #expect(diagnostics.items.map(\.code) == ["missing-title"])
        #expect(diagnostics.items.first?.location == AnswerKit.SourceLocation(path: "e.md", line: 1, column: 1))
    }

    @Test func expiredReviewIsAWarningAndEntryStays() {
        let (entry, diagnostics, marker) = parse("---\ntitle: T\nstatus: approved\napproved_by: X\napproved_on: 2026-01-01\n⟨⟩review_by: 2026-06-01\nsources: [x]\n---\n")
        #expect(entry != nil)
        #expect(diagnostics.items.map(\.code) == ["review-overdue"])
        #expect(diagnostics.items.first?.location == marker)
        #expect(entry?.isExpired(on: Day(year: 2026, month: 11, day: 22)) == true)
        #expect(entry?.repliesArePublishable(on: Day(year: 2026, month: 11, day: 22)) == false)
    }

    @Test func draftsOverTheLimitOnlyWarn() {
        let (entry, diagnostics, _) = parse("---\ntitle: T\nreplies:\n  - channel: twitter\n    kind: answer\n    text: \(String(repeating: "x", count: 281))\n---\n")
        #expect(entry != nil)
        #expect(diagnostics.items.map(\.severity) == [.warning])
    }

    @Test func unknownKeySuggestsTheNearest() {
        let (_, diagnostics, _) = parse("---\ntitle: T\nsumary: x\n---\n")
        #expect(diagnostics.items.first?.notes == ["did you mean 'summary'?"])
    }

    @Test func fullEntryParses() throws {
        let (entry, diagnostics, _) = parse("""
            ---
            id: refund-status
            title: "Where is my refund?"
            summary: S
            tags: [refunds, money]
            status: approved
            approved_by: Billing
            approved_on: 2026-10-02
            review_by: 2027-04-01
            sources: [https://example.com/p, "Policy v4"]
            replies:
              - { channel: twitter, kind: answer, text: "Hi {{name}}" }
              - { channel: twitter, kind: answer, text: "Second" }
              - { channel: any, kind: private, text: "DM us" }
            ---
            """)
        #expect(diagnostics.isEmpty)
        let value = try #require(entry)
        #expect(value.id == "refund-status" && value.tags == ["refunds", "money"] && value.status == .approved)
        #expect(value.replies.map(\.number) == [1, 2, 1])
        #expect(value.replies[0].variables == ["name"])
        #expect(value.sources.map(\.isLink) == [true, false])
    }
}
