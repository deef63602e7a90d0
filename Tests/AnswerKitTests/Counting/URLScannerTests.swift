@testable import AnswerKit
import Testing

@Suite struct URLScannerTests {
    func urls(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return URLScanner.urlRanges(in: scalars).map { String(String.UnicodeScalarView(scalars[$0])) }
    }

    @Test func asciiShortcutsMatchUnicodeProperties() {
        for value in UInt32(0)..<0x80 {
            let c = Unicode.Scalar(value)!
            let word = c.properties.isAlphabetic || c.properties.numericType == .decimal || c == "_"
            let host = c == "-" || c == "_" || c.properties.isAlphabetic || c.properties.numericType == .decimal
                || c.properties.generalCategory == .nonspacingMark || c.properties.generalCategory == .spacingMark
            #expect(URLScanner.isWordScalar(c) == word, "U+\(String(value, radix: 16))")
            #expect(URLScanner.isHostScalar(c) == host, "U+\(String(value, radix: 16))")
        }
    }

    @Test func tableBelowU0800MatchesUnicodeProperties() {
        // The table covers U+0080–U+07FF; U+0800 and above still ask the properties.
        for value in UInt32(0x80)..<0x900 {
            guard let c = Unicode.Scalar(value) else { continue }
            let word = c.properties.isAlphabetic || c.properties.numericType == .decimal || c == "_"
            let host = c == "-" || c == "_" || c.properties.isAlphabetic || c.properties.numericType == .decimal
                || c.properties.generalCategory == .nonspacingMark || c.properties.generalCategory == .spacingMark
            #expect(URLScanner.isWordScalar(c) == word, "U+\(String(value, radix: 16))")
            #expect(URLScanner.isHostScalar(c) == host, "U+\(String(value, radix: 16))")
        }
    }

    @Test(arguments: [
        ("Track it: https://nimbus.example/refunds.", ["https://nimbus.example/refunds"]),
        ("(see https://example.com/a_(b))", ["https://example.com/a_(b)"]),
        ("(see https://example.com/x)", ["https://example.com/x"]),
        ("go to nimbus.com/help?x=1!", ["nimbus.com/help?x=1"]),
        ("t.co is special", ["t.co"]),
        ("example.co alone", []),
        ("example.co/path", ["example.co/path"]),
        ("write to help@nimbus.com", []),
        ("#hashtag.com", []),
        ("http://foobar.پاکستان/", ["http://foobar.پاکستان/"]),
        ("HTTPS://NIMBUS.COM", ["HTTPS://NIMBUS.COM"]),
        ("no url here.", []),
        ("زوروا nimbus.com/ar للمزيد", ["nimbus.com/ar"]),
    ])
    func finds(_ text: String, _ expected: [String]) {
        #expect(urls(text) == expected)
    }

    @Test func rejectsLabelsOver63Characters() {
        let label = String(repeating: "a", count: 64)
        #expect(urls("https://\(label).com").isEmpty)
        #expect(urls("https://\(String(repeating: "a", count: 63)).com").count == 1)
    }
}

@Suite struct PunycodeTests {
    /// Samples from RFC 3492 section 7.1 and common IDN labels.
    @Test(arguments: [
        ("bücher", "xn--bcher-kva"),
        ("münchen", "xn--mnchen-3ya"),
        ("پاکستان", "xn--mgbai9azgqp6j"),
        ("例え", "xn--r8jz45g"),
        ("abc", "abc"),
    ])
    func encodesLabels(_ label: String, _ expected: String) {
        #expect(Punycode.asciiLabel(Array(label.unicodeScalars)) == expected)
    }
}
