@testable import AnswerKit
import Foundation
import Testing

/// `Normalization.isKnownNFC` on Hebrew and Arabic with marks (niqqud, tashkeel):
/// claimed only where Foundation's NFC leaves the text as it is.
@Suite struct NormalizationTests {
    /// Every mark of the two blocks except U+0653–U+0655.
    static let marks: [Unicode.Scalar] = (0x0590..<0x0700).compactMap(Unicode.Scalar.init).filter {
        $0.properties.canonicalCombiningClass.rawValue != 0 && !(0x0653...0x0655).contains($0.value)
    }
    static let letters: [Unicode.Scalar] = ["\u{5D0}", "\u{5E9}", "\u{627}", "\u{628}", "\u{64A}", "\u{648}", "\u{6D5}", "\u{622}", "\u{623}", "\u{6C0}", "a", "\u{E9}", " "]

    @Test func marksInCanonicalOrderAfterALetterAreKnown() {
        for text in ["مَرْحَبًا", "שָׁלוֹם", "بَّ", "\u{5E9}\u{5BC}\u{5C1}", "كِتَابٌ جَدِيدٌ"] {
            #expect(Normalization.isKnownNFC(text), "\(text.debugDescription)")
            #expect(Array(text.precomposedStringWithCanonicalMapping.utf8) == Array(text.utf8))
        }
    }

    @Test(arguments: [
        "\u{5E9}\u{5C2}\u{5BC}",  // sin dot (25) before dagesh (21): NFC reorders
        "\u{628}\u{651}\u{64E}",  // shadda (33) before fatha (30)
        "\u{64E}",  // a mark with no letter before it
        "a\u{64E}",  // after a Latin letter
        "\u{E9}\u{64E}",  // after a letter that decomposes (é = e + U+0301): NFC reorders the decomposition
        "\u{623}\u{64E}",  // after alef with hamza above, which decomposes
        "\u{627}\u{653}",  // madda composes with alef
        "\u{627}\u{64E}\u{654}",  // hamza above composes across the fatha
    ])
    func doubtfulMarksAreLeftToFoundation(_ text: String) {
        #expect(!Normalization.isKnownNFC(text))
        #expect(Normalization.nfc(text) == text.precomposedStringWithCanonicalMapping)
    }

    @Test func randomMarkedTextIsKnownOnlyWhenNFCKeepsIt() {
        var random = SeededRandom(seed: 21)
        var known = 0
        for _ in 0..<1500 {
            var scalars: [Unicode.Scalar] = []
            for _ in 0..<(1 + random.next(upTo: 12)) {
                scalars.append(random.pick(Self.letters))
                for _ in 0..<random.next(upTo: 4) { scalars.append(random.pick(Self.marks)) }
            }
            // Half the time sort each run of marks, so that many texts take the fast path.
            if random.next(upTo: 2) == 0 { scalars = Self.sortingMarks(scalars) }
            let text = String(String.UnicodeScalarView(scalars))
            if Normalization.isKnownNFC(text) {
                known += 1
                #expect(Array(text.precomposedStringWithCanonicalMapping.utf8) == Array(text.utf8), "\(text.debugDescription)")
            }
            #expect(Normalization.nfc(text) == text.precomposedStringWithCanonicalMapping)
        }
        #expect(known > 100)
    }

    /// Each run of marks sorted by combining class (stable), as canonical ordering does.
    static func sortingMarks(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        var run: [Unicode.Scalar] = []
        func flush() {
            result += run.enumerated().sorted {
                ($0.element.properties.canonicalCombiningClass.rawValue, $0.offset) < ($1.element.properties.canonicalCombiningClass.rawValue, $1.offset)
            }.map(\.element)
            run = []
        }
        for scalar in scalars {
            if scalar.properties.canonicalCombiningClass.rawValue == 0 {
                flush()
                result.append(scalar)
            } else {
                run.append(scalar)
            }
        }
        flush()
        return result
    }
}
