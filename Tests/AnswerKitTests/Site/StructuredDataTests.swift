@testable import AnswerKit
import Foundation
import Testing

/// The schema.org FAQPage JSON-LD of entry pages.
@Suite struct StructuredDataTests {
    static let page = StructuredData.EntryPage(
        title: "Why </script><script>alert(1)</script>?", summary: "Short & sweet", answer: "Line one\nLine \"two\" \u{2028} <!-- end",
        url: "https://example.github.io/help/en/a/b/", locale: "en", approvedBy: "Billing team", approvedOn: Day(year: 2026, month: 10, day: 2),
        siteTitle: "Help", siteURL: "https://example.github.io/help/en/")

    @Test func isAFAQPageWithTheQuestionAndItsAcceptedAnswer() throws {
        let json = StructuredData.faqPage(Self.page)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["@context"] as? String == "https://schema.org")
        #expect(object["@type"] as? String == "FAQPage")
        #expect(object["inLanguage"] as? String == "en")
        #expect(object["lastReviewed"] as? String == "2026-10-02")
        #expect((object["reviewedBy"] as? [String: Any])?["name"] as? String == "Billing team")
        let questions = try #require(object["mainEntity"] as? [[String: Any]])
        #expect(questions.count == 1)
        #expect(questions[0]["@type"] as? String == "Question")
        #expect(questions[0]["name"] as? String == Self.page.title)
        let answer = try #require(questions[0]["acceptedAnswer"] as? [String: Any])
        #expect(answer["@type"] as? String == "Answer")
        #expect(answer["text"] as? String == Self.page.answer, "the text survives escaping unchanged")
    }

    /// Nothing in the JSON can end the script element or open a comment in it.
    @Test func isInertInsideAScriptElement() {
        let json = StructuredData.faqPage(Self.page)
        #expect(!json.contains("<") && !json.contains(">") && !json.contains("&"))
        #expect(json.contains(#"\u003c/script\u003e"#))
        #expect(!json.contains("\u{2028}") && json.contains(#"\u2028"#))
        #expect(!json.contains("\n"), "compact: one line")
    }

    /// The document as a `JSONValue` through the generic writer (how it was made
    /// before `faqPageBytes` wrote it straight from the fields).
    static func referenceFAQPage(_ page: StructuredData.EntryPage) -> String {
        var question: [(String, JSONValue)] = [
            ("@type", .string("Question")), ("name", .string(page.title)), ("answerCount", .int(1)),
            ("acceptedAnswer", .object([("@type", .string("Answer")), ("text", .string(page.answer)), ("url", .string(page.url))])),
        ]
        if !page.summary.isEmpty { question.append(("text", .string(page.summary))) }
        var document: [(String, JSONValue)] = [
            ("@context", .string("https://schema.org")), ("@type", .string("FAQPage")),
            ("name", .string(page.title)), ("url", .string(page.url)), ("inLanguage", .string(page.locale)),
            ("isPartOf", .object([("@type", .string("WebSite")), ("name", .string(page.siteTitle)), ("url", .string(page.siteURL))])),
            ("mainEntity", .array([.object(question)])),
        ]
        if let day = page.approvedOn { document.append(("lastReviewed", .string(day.description))) }
        if let name = page.approvedBy, !name.isEmpty {
            document.append(("reviewedBy", .object([("@type", .string("Organization")), ("name", .string(name))])))
        }
        return StructuredData.scriptSafe(.object(document))
    }

    /// Every combination of the optional fields, with text that needs escaping, as the generic writer writes it.
    @Test func matchesTheGenericWriter() {
        for summary in ["", "Short & sweet <b>", "ملخص \"قصير\""] {
            for approvedBy in [nil, "", "Équipe facturation", "</script>"] {
                for approvedOn in [nil, Day(year: 2026, month: 1, day: 9)] {
                    for answer in ["", Self.page.answer, "إجابة\tطويلة\u{2029}\\"] {
                        var page = Self.page
                        page.summary = summary
                        page.approvedBy = approvedBy
                        page.approvedOn = approvedOn
                        page.answer = answer
                        #expect(StructuredData.faqPage(page) == Self.referenceFAQPage(page))
                    }
                }
            }
        }
    }

    @Test func leavesOutWhatTheEntryDoesNotHave() throws {
        var page = Self.page
        page.approvedBy = nil
        page.approvedOn = nil
        page.summary = ""
        let object = try #require(try JSONSerialization.jsonObject(with: Data(StructuredData.faqPage(page).utf8)) as? [String: Any])
        #expect(object["reviewedBy"] == nil && object["lastReviewed"] == nil)
        #expect((object["mainEntity"] as? [[String: Any]])?.first?["text"] == nil)
    }
}
