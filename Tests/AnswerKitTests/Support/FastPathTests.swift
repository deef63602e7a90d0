@testable import AnswerKit
import Foundation
import Testing

/// The byte-level escapers and writers give exactly what the simpler
/// implementations they replaced gave (kept here as references).
@Suite struct FastPathTests {
    // MARK: - References (the previous implementations)

    static func referenceEscape(_ text: String) -> String {
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case 0x26: bytes.append(contentsOf: "&amp;".utf8)
            case 0x3C: bytes.append(contentsOf: "&lt;".utf8)
            case 0x3E: bytes.append(contentsOf: "&gt;".utf8)
            case 0x22: bytes.append(contentsOf: "&quot;".utf8)
            case 0x27: bytes.append(contentsOf: "&#39;".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func referenceJSONString(_ text: String) -> [UInt8] {
        let hex = Array("0123456789abcdef".utf8)
        var output: [UInt8] = [0x22]
        for byte in text.utf8 {
            switch byte {
            case 0x22: output.append(contentsOf: [0x5C, 0x22])
            case 0x5C: output.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: output.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: output.append(contentsOf: [0x5C, 0x72])
            case 0x09: output.append(contentsOf: [0x5C, 0x74])
            case 0..<0x20: output.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            default: output.append(byte)
            }
        }
        output.append(0x22)
        return output
    }

    /// Compact JSON, then `<`, `>`, `&`, U+2028 and U+2029 escaped in a second pass.
    static func referenceScriptSafe(_ value: JSONValue) -> String {
        var bytes: [UInt8] = []
        JSONWriter.writeCompact(value, into: &bytes)
        var safe: [UInt8] = []
        StructuredData.appendScriptSafe(bytes[...], to: &safe)
        return String(decoding: safe, as: UTF8.self)
    }

    /// Placeholders matched by code point, as the validator, `fill` and `replies.js` match them.
    static func referenceReplyHTML(_ text: String, isolate: Bool) -> String {
        let scalars = Array(text.unicodeScalars)
        func string(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
        let plain = { (part: String) in isolate ? BidiIsolation.html(part) : referenceEscape(part) }
        func find(_ brace: Unicode.Scalar, from start: Int) -> Int? { ScalarBraces.pair(brace, in: scalars, from: start) }
        var html = ""
        var start = 0
        var pending = 0  // start of text not yet written
        while let open = find("{", from: start), let close = find("}", from: open + 2) {
            let name = scalars[(open + 2)..<close]
            guard !name.isEmpty, name.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else {
                start = close + 2
                continue
            }
            html += plain(string(pending..<open))
            html += "<mark class=\"placeholder\">{{\(string((open + 2)..<close))}}</mark>"
            start = close + 2
            pending = start
        }
        return html + plain(string(pending..<scalars.count))
    }

    // MARK: - Inputs

    /// Pieces that stress the byte loops: every escaped character, multi-byte
    /// scalars starting with E2 (U+2028/2029 and their neighbours), combining
    /// marks alone and after braces, right-to-left text, emoji with modifiers
    /// and joiners, control characters and placeholder syntax.
    static let pieces: [String] = [
        "a", "Z", " ", "&", "<", ">", "\"", "'", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}",
        "</script", "<!--", "-->", "&amp;", "\u{2028}", "\u{2029}", "\u{2027}", "\u{202A}", "\u{2192}", "\u{20AC}", "\u{2000}",
        "\u{301}", "\u{5B4}", "\u{64E}", "e\u{301}", "é", "ş", "ı", "İ", "שלום", "مرحبا", "ל-Nimbus", "#NB-48213", "@NimbusHelp",
        "+966 50 123 4567", "👍🏽", "👩‍👩‍👧", "🇹🇷", "\u{FEFF}", "\u{200F}", "{{", "}}", "{", "}", "{{name}}", "{{order_id}}",
        "{{Name}}", "{{}}", "{{ name }}", "{{{", "}}}", "{{\u{301}", "}}\u{301}", "{{na\u{301}me}}", "x_1", "9",
    ]

    static func randomTexts(count: Int, seed: UInt64) -> [String] {
        var generator = SplitMix(seed: seed)
        return (0..<count).map { _ in
            let length = Int(generator.next() % 12)
            return (0..<length).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
        }
    }

    // MARK: - Tests

    @Test func htmlEscapeMatchesReference() {
        for text in Self.pieces + Self.randomTexts(count: 3000, seed: 1) {
            #expect(HTML.escape(text) == Self.referenceEscape(text), "\(text.debugDescription)")
            var appended: [UInt8] = Array("prefix".utf8)
            HTML.appendEscaped(text, to: &appended)
            #expect(appended == Array(("prefix" + Self.referenceEscape(text)).utf8), "\(text.debugDescription)")
        }
    }

    /// Every byte the escapers act on, and its neighbours that they must not, at
    /// each offset of an 8-byte word and in the tail after the last whole word
    /// (`ByteScan` skips clean words; the byte loops decide the rest).
    @Test func escapesAtEveryWordOffset() {
        let specials = [
            "\"", "&", "'", "<", ">", "\\", "\n", "\r", "\t", "\u{1}", "\u{1F}", "\u{7F}", " ", "!", "#", "%", "(", ";", "=", "?", "]",
            "\u{2028}", "\u{2029}", "\u{2027}", "\u{202A}", "→", "é", "ש",
        ]
        for filler in ["a", "م"] {
            for before in 0..<18 {
                for after in [0, 1, 7, 8, 9] {
                    for special in specials {
                        let text = String(repeating: filler, count: before) + special + String(repeating: filler, count: after)
                        #expect(HTML.escape(text) == Self.referenceEscape(text), "\(text.debugDescription)")
                        var appended: [UInt8] = []
                        HTML.appendEscaped(text, to: &appended)
                        #expect(appended == Array(Self.referenceEscape(text).utf8), "\(text.debugDescription)")
                        var json: [UInt8] = []
                        JSONWriter.writeString(text, into: &json)
                        #expect(json == Self.referenceJSONString(text), "\(text.debugDescription)")
                        let value = JSONValue.object([("t", .string(text))])
                        #expect(StructuredData.scriptSafe(value) == Self.referenceScriptSafe(value), "\(text.debugDescription)")
                    }
                }
            }
        }
    }

    /// Plain text and heading text trimmed on bytes first, then as a string only
    /// when a non-ASCII scalar (maybe white space) is left at an end.
    @Test func trimmedTextMatchesStringTrimming() {
        let ends = ["", " ", "\n", "\t\r\n", "\u{0B}\u{0C}", "\u{A0}", " \u{A0} ", "\u{2028}", "\u{3000}\n", "\u{85}", "x", "é", "م", "!", "\u{200F}"]
        let middles = ["", "a", "word and more", "كلمة", "a\u{A0}b", " ", "\n\n"]
        for before in ends {
            for middle in middles {
                for after in ends {
                    let text = before + middle + after
                    #expect(MarkdownRenderer.trimmedText(Array(text.utf8)) == text.trimmed(), "\(text.debugDescription)")
                }
            }
        }
    }

    @Test func cleanTextIsReturnedAsIs() {
        let text = "Nothing to escape here — שלום, مرحبا 👍🏽"
        #expect(HTML.escape(text) == text)
        #expect(HTML.escape("") == "")
    }

    @Test func bridgedStringsEscapeToo() {
        let bridged = NSString(string: "<b>\"Ça\" & 'שלום'</b>") as String
        #expect(HTML.escape(bridged) == Self.referenceEscape(bridged))
    }

    @Test func jsonStringMatchesReference() {
        for text in Self.pieces + Self.randomTexts(count: 3000, seed: 2) {
            var output: [UInt8] = []
            JSONWriter.writeString(text, into: &output)
            #expect(output == Self.referenceJSONString(text), "\(text.debugDescription)")
        }
    }

    @Test func scriptSafeJSONMatchesReference() {
        let texts = Self.pieces + Self.randomTexts(count: 2000, seed: 3)
        for (index, text) in texts.enumerated() {
            let value = JSONValue.object([
                ("name", .string(text)), ("n", .int(index)), ("list", .array([.string(text), .bool(true), .null])),
                ("<key&\u{2028}>", .object([("x", .string(String(text.reversed())))])),
                ("raw", .raw(Array("{\"a\":\"<\\u2028>\u{2029}&\"}".utf8))),
            ])
            #expect(StructuredData.scriptSafe(value) == Self.referenceScriptSafe(value), "\(text.debugDescription)")
        }
    }

    @Test func scriptSafeJSONIsInert() {
        let json = StructuredData.scriptSafe(.object([("t", .string("</script><!-- \u{2028}\u{2029} & é"))]))
        #expect(json == #"{"t":"\u003c/script\u003e\u003c!-- \u2028\u2029 \u0026 é"}"#)
    }

    @Test func replyHTMLMatchesReference() {
        for text in Self.pieces + Self.randomTexts(count: 3000, seed: 4) {
            for isolate in [false, true] {
                #expect(ReplyHTML.make(text, isolate: isolate) == Self.referenceReplyHTML(text, isolate: isolate), "\(text.debugDescription)")
            }
        }
    }

    @Test func knownNFCTextIsUnchangedByFoundation() {
        // Every scalar the fast path accepts, shuffled into long strings (so many
        // neighbours meet), with Latin letters and spaces between; NFC must keep each
        // string byte for byte.
        let accepted = (0..<0x0700).compactMap(Unicode.Scalar.init).filter { Normalization.isKnownNFC(String($0)) }
        #expect(accepted.count > 0x0300)
        var generator = SplitMix(seed: 5)
        for round in 0..<40 {
            var scalars = accepted.shuffled(using: &generator)
            if round % 2 == 1 { scalars = scalars.flatMap { [$0, "a", "\u{E9}"] } }
            let text = String(String.UnicodeScalarView(scalars))
            #expect(Normalization.isKnownNFC(text))
            #expect(Array(text.precomposedStringWithCanonicalMapping.utf8) == Array(text.utf8))
        }
        // Not claimed: marks that compose or reorder, other scripts.
        for text in ["\u{627}\u{653}", "\u{5E9}\u{5C2}\u{5BC}", "e\u{301}", "\u{915}\u{93C}", "\u{1100}\u{1161}", "\u{212B}"] {
            #expect(!Normalization.isKnownNFC(text))
            #expect(Normalization.nfc(text) == text.precomposedStringWithCanonicalMapping)
        }
    }

    @Test func slugsOfRightToLeftHeadings() {
        #expect(Slug.make("كيف أسترد أموالي؟") == "كيف-أسترد-أموالي")
        #expect(Slug.make("איך מחזירים?") == "איך-מחזירים")
        #expect(Slug.make("Comment ça marche ?") == "comment-ça-marche")
        #expect(Slug.make("مَرْحَبًا بك") == "مرحبا-بك")
    }

    /// `BidiIsolation.html` without its fast path: every text goes through `runs`.
    static func referenceBidiHTML(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        let string = { (slice: ArraySlice<Unicode.Scalar>) in String(String.UnicodeScalarView(slice)) }
        var html = ""
        var cursor = 0
        for run in BidiIsolation.runs(scalars) {
            html += referenceEscape(string(scalars[cursor..<run.lowerBound]))
            html += "<bdi>" + referenceEscape(string(scalars[run])) + "</bdi>"
            cursor = run.upperBound
        }
        return html + referenceEscape(string(scalars[cursor...]))
    }

    @Test func bidiIsolationMatchesReference() {
        for text in Self.pieces + Self.randomTexts(count: 3000, seed: 6) + ["שלום, עולם. (מה?)", "مرحبا: ١٢٣ — «نعم»", "ב-Wi-Fi 5 GHz"] {
            #expect(BidiIsolation.html(text) == Self.referenceBidiHTML(text), "\(text.debugDescription)")
        }
    }

    @Test func nothingToIsolateMatchesScalarCheck() {
        for text in Self.pieces + Self.randomTexts(count: 3000, seed: 8) + ["שלום, עולם.", "مرحبا ١٢٣", "\u{10800}\u{1E800}", "\u{FB1D}"] {
            let reference = text.unicodeScalars.allSatisfy {
                $0.value < 0x80 ? !($0.properties.numericType == .decimal || ("a"..."z").contains($0) || ("A"..."Z").contains($0))
                    : BidiIsolation.isRightToLeft($0.value)
            }
            #expect(UTF8Bytes.with(text, BidiIsolation.hasNothingToIsolate) == reference, "\(text.debugDescription)")
        }
    }

    @Test func jsonKeyOrderIsBytewise() {
        let keys = Self.pieces + Self.randomTexts(count: 400, seed: 10) + ["limit", "limit_channel", "locale", "a", "ab", "", "é", "z"]
        for a in keys {
            for b in keys.prefix(60) {
                #expect(JSONWriter.keyPrecedes(a, b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a.debugDescription) \(b.debugDescription)")
            }
        }
    }

    /// `LinkTable.join` as it was: split into strings, `.` and `..` applied, joined.
    static func referenceJoin(folderOf source: String, _ path: String) -> String? {
        var parts = source.split(separator: "/").dropLast().map(String.init)
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(component))
            }
        }
        return parts.joined(separator: "/")
    }

    @Test func linkJoiningMatchesReference() {
        let pieces = ["", "/", "//", ".", "..", "...", "./", "../", "a", "en", "billing", "refund-status.md", "_index.md", "é", "שלום", "د.ع", ".x", "x."]
        var generator = SplitMix(seed: 9)
        func random() -> String {
            (0..<Int(generator.next() % 7)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined(separator: generator.next() % 4 == 0 ? "" : "/")
        }
        for _ in 0..<5000 {
            let (source, path) = (random(), random())
            #expect(LinkTable.join(folderOf: source, path) == Self.referenceJoin(folderOf: source, path), "\(source.debugDescription) \(path.debugDescription)")
        }
        #expect(LinkTable.join(folderOf: "en/orders/track.md", "../billing/refund.md") == "en/billing/refund.md")
        #expect(LinkTable.join(folderOf: "en/orders/track.md", "../../../x.md") == nil)
    }

    /// `Slug.make` as it was: Foundation's NFC, then `lowercased()`, then three properties a scalar.
    static func referenceSlug(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var pendingDash = false
        for scalar in text.precomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            let properties = scalar.properties
            if properties.generalCategory == .nonspacingMark, !(0x0300...0x036F).contains(scalar.value) { continue }
            if properties.isAlphabetic || properties.numericType == .decimal || properties.generalCategory == .spacingMark
                || properties.generalCategory == .nonspacingMark || scalar == "_"
            {
                if pendingDash, !result.isEmpty { result.append("-") }
                pendingDash = false
                result.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return String(result)
    }

    @Test func slugsMatchReference() {
        let extra = ["ΣΑΣ σ", "Straße", "ǅemal", "Ⅻ", "١٢٣ ۴", "ـ", "ऄक़ि", "가각", "Ǆ", "ﬁ", "ＡＢ", "Ω", "ΐ", "ẞ", "ꞵ", "𐐀", "Ⓐ"]
        var generator = SplitMix(seed: 7)
        let texts = Self.pieces + extra + (0..<3000).map { _ in
            (0..<Int(generator.next() % 8)).map { _ in
                let all = Self.pieces + extra
                return all[Int(generator.next() % UInt64(all.count))]
            }.joined(separator: generator.next() % 2 == 0 ? " " : "")
        }
        for text in texts {
            #expect(Slug.make(text) == Self.referenceSlug(text), "\(text.debugDescription)")
        }
    }

    /// `Day(parsing:)` as it was, on characters only.
    static func referenceDay(_ text: String) -> Day? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1
        else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        guard day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] else { return nil }
        return Day(year: year, month: month, day: day)
    }

    @Test func dayParsingMatchesReference() {
        let texts = [
            "2026-01-31", "2026-02-29", "2024-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "0000-01-01", "2026-1-01", "2026-01-1",
            "2026/01/01", "20260101", "2026-01-01 ", " 2026-01-01", "2026-01-01\n", "２０２６-01-01", "٢٠٢٦-٠١-٠١", "2026-0\u{301}1-01", "2026--1-01", "",
        ]
        for text in texts {
            #expect(Day(parsing: text) == Self.referenceDay(text), "\(text.debugDescription)")
        }
    }

    @Test func trimmingKeepsTextWithPrintableEnds() {
        for text in ["a", "a b", " a", "a ", "\ta\n", "\u{A0}x\u{A0}", "x\u{2003}", "", " ", "\u{301}a", "a\u{301}"] {
            let scalars = text.unicodeScalars
            let expected = scalars.firstIndex(where: { !$0.properties.isWhitespace }).map { first in
                String(text[first..<scalars.index(after: scalars.lastIndex(where: { !$0.properties.isWhitespace })!)])
            } ?? ""
            #expect(text.trimmed() == expected, "\(text.debugDescription)")
        }
    }

    @Test func dayDescriptionPadsLikeFormat() {
        for day in [Day(year: 2026, month: 1, day: 9), Day(year: 987, month: 12, day: 31), Day(year: 0, month: 2, day: 3), Day(year: 12345, month: 1, day: 1)] {
            #expect(day.description == String(format: "%04d-%02d-%02d", day.year, day.month, day.day))
        }
    }
}

/// A small deterministic generator (SplitMix64), so failures reproduce.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1330_11EB
        return z ^ (z >> 31)
    }
}
