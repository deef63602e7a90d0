@testable import AnswerKit
import Foundation
import Testing

@Suite struct FrontMatterTests {
    @Test func splitsYAMLAndBodyKeepingLineNumbers() throws {
        let split = try FrontMatter.split("---\ntitle: A\nstatus: draft\n---\nBody\n").get()
        #expect(split.yaml == "title: A\nstatus: draft\n")
        #expect(split.yamlLineOffset == 1)
        #expect(split.body == "Body\n")
        #expect(split.bodyLineOffset == 4)
    }

    @Test func acceptsDotsAndTrailingSpacesAsClosingFence() throws {
        let split = try FrontMatter.split("--- \ntitle: A\n... \nBody").get()
        #expect(split.yaml == "title: A\n")
        #expect(split.body == "Body")
    }

    @Test func emptyBodyAtEndOfFile() throws {
        let split = try FrontMatter.split("---\ntitle: A\n---").get()
        #expect(split.body == "")
    }

    @Test func reportsMissingAndUnclosed() {
        #expect(FrontMatter.split("# Title\n") == .failure(.missing))
        #expect(FrontMatter.split("----\ntitle: A\n----\n") == .failure(.missing))
        #expect(FrontMatter.split("---\ntitle: A\nBody\n") == .failure(.notClosed))
    }

    @Test func decodingStripsBOMAndNormalisesLineEndings() throws {
        let data = Data([0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: A\r\n---\rB\r\n".utf8))
        let text = try TextDecoding.decode(data, path: "x.md").get()
        #expect(text == "---\ntitle: A\n---\nB\n")
    }

    @Test func invalidUTF8IsLocated() {
        let data = Data(Array("ok\nçà\nab".utf8) + [0xFF] + Array("c".utf8))
        guard case let .failure(diagnostic) = TextDecoding.decode(data, path: "x.md") else {
            Issue.record("expected a failure")
            return
        }
        #expect(diagnostic.location == AnswerKit.SourceLocation(path: "x.md", line: 3, column: 3))
        #expect(diagnostic.message.contains("0xFF"))
    }
}

@Suite struct DayTests {
    @Test(arguments: ["2026-02-28", "2024-02-29", "2000-02-29", "2026-12-31"])
    func parsesRealDates(_ text: String) {
        #expect(Day(parsing: text)?.description == text)
    }

    @Test(arguments: ["2026-02-29", "1900-02-29", "2026-13-01", "2026-04-31", "26-01-01", "2026-1-01", "2026-01-01T00:00", "", "２０２６-01-01"])
    func rejectsOthers(_ text: String) {
        #expect(Day(parsing: text) == nil)
    }

    @Test func sourceDateEpochFixesToday() {
        #expect(Day.today(environment: ["SOURCE_DATE_EPOCH": "1790000000"]) == Day(year: 2026, month: 9, day: 21))
    }

    @Test func addsDays() {
        #expect(Day(year: 2026, month: 12, day: 31).adding(days: 1) == Day(year: 2027, month: 1, day: 1))
    }
}

@Suite struct SlugTests {
    @Test(arguments: [
        ("How long does a refund take?", "how-long-does-a-refund-take"),
        ("Comment ça marche ?", "comment-ça-marche"),
        ("Siparişim nerede?", "siparişim-nerede"),
        ("كم يستغرق استرداد المبلغ؟", "كم-يستغرق-استرداد-المبلغ"),
        ("متى يصلني المبلغ المُستَرَدّ؟", "متى-يصلني-المبلغ-المسترد"),  // tashkeel dropped
        ("הַשִּׁחְזוּר שלך", "השחזור-שלך"),  // niqqud dropped
        ("Wi-Fi / Hotspot", "wi-fi-hotspot"),
        ("  --Step 2: APN--  ", "step-2-apn"),
        ("e\u{301}té", "été"),  // NFC
        ("???", ""),
    ])
    func makesSlugs(_ text: String, _ expected: String) {
        #expect(Slug.make(text) == expected)
    }

    @Test func validity() {
        #expect(Slug.isValid("refund-status"))
        #expect(Slug.isValid("إلغاء"))
        #expect(!Slug.isValid("Refund Status"))
        #expect(!Slug.isValid(""))
    }
}

@Suite struct PlaceholderTests {
    @Test func findsNamesInOrder() {
        let (names, problems) = Placeholder.scan("Hi {{name}}, order {{order_id}} for {{name}}")
        #expect(names == ["name", "order_id"])
        #expect(problems.isEmpty)
    }

    @Test(arguments: [
        ("Hi {name}", "single '{' is not placeholder syntax; write '{{name}}'"),
        ("Hi {{ Name }}", "placeholder '{{ Name }}' is not valid: use lower-case letters, digits and '_', e.g. '{{name}}'"),
        ("Hi {{order-id}}", "placeholder '{{order-id}}' is not valid: use lower-case letters, digits and '_', e.g. '{{order_id}}'"),
        ("Hi {{name", "'{{' is never closed with '}}'"),
        ("Hi name}}", "'}' without a matching '{{'"),
        ("Hi {{}}", "placeholder '{{}}' is not valid: use lower-case letters, digits and '_'"),
    ])
    func reportsBadSyntax(_ text: String, _ message: String) {
        let (_, problems) = Placeholder.scan(text)
        #expect(problems.map(\.message) == [message])
    }

    @Test func fills() {
        #expect(Placeholder.fill("Hi {{name}}, {{missing}}!") { $0 == "name" ? "Sam" : nil } == "Hi Sam, {{missing}}!")
    }
}
