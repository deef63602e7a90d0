@testable import AnswerKit
import Testing

/// `Slug.make` takes byte and table shortcuts; `Slug.makeGeneral` is the rule itself
/// (NFC, `lowercased()`, scalar properties). They must agree on every input.
@Suite struct SlugTableTests {
    static func reference(_ text: String) -> String {
        Slug.makeGeneral(Normalization.nfc(text))
    }

    @Test func everyScalarBelowU0800AgreesWithTheRuleInEveryPosition() {
        var mismatches: [String] = []
        for value in 0..<0x800 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let c = String(Character(scalar))
            for text in [c, "a\(c)b", "É\(c)", "\(c) مرحبا", "שלום \(c)x", "ΟΔΟΣ\(c)", "İ\(c)"] where Slug.make(text) != Self.reference(text) {
                mismatches.append("U+\(String(value, radix: 16)) in \(text.debugDescription)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test func headingsOfTheFiveLocalesAndOtherScripts() {
        let headings = [
            "How do I reset my password?", "  --Track_your order 2--  ", "", "?!", "Comment ça marche ?", "Où est ma commande ? (Étape 2)",
            "Şifremi nasıl sıfırlarım? İADE ve IĞDIR", "كيف أسترد أموالي؟", "كَيْفَ أَسْتَرِدُّ أَمْوَالِي؟ ٣ أيام", "איך מחזירים? שָׁלוֹם",
            "ΟΔΟΣ ΣΟΦΙΑΣ", "Привет, МИР", "日本語の見出し", "Emoji 🎉 party", "e\u{301}te\u{301}", "Zürich & Genève – 10 €",
        ]
        for heading in headings {
            #expect(Slug.make(heading) == Self.reference(heading), "\(heading)")
        }
        #expect(Slug.make("Comment ça marche ?") == "comment-ça-marche")
        #expect(Slug.make("كَيْفَ أَسْتَرِدُّ") == "كيف-أسترد")
        #expect(Slug.make("  --Track_your order 2--  ") == "track_your-order-2")
    }
}
