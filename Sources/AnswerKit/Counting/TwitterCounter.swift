import Foundation

/// The weighted length of a post on X (Twitter), by twitter-text's v3 rules.
///
/// Source: twitter-text `config/v3.json` and `config/README.md` (copies in
/// `shared/twitter-text/`): NFC first; every URL weighs `transformedURLLength`
/// (23); a whole emoji sequence weighs `defaultWeight` (200) once; any other code
/// point weighs 100 inside the ranges U+0000–U+10FF, U+2000–U+200D,
/// U+2010–U+201F, U+2032–U+2037 and 200 elsewhere; the sum divided by `scale`
/// (100) is the length, valid up to 280 with no U+FFFE, U+FEFF or U+FFFF.
public struct TwitterCounter: Sendable {
    /// A weighted range of code points.
    public struct WeightRange: Sendable {
        public var range: ClosedRange<UInt32>
        public var weight: Int
    }

    /// Weight of everything outside the ranges (and of an emoji sequence).
    public var defaultWeight = 200
    /// Divisor of the summed weights.
    public var scale = 100
    /// Characters a URL counts for (the t.co link length).
    public var transformedURLLength = 23
    /// Whether an emoji sequence counts once (v3) or per code point (v2).
    public var emojiParsingEnabled = true
    /// The light ranges of v3.
    public var ranges: [WeightRange] = [
        WeightRange(range: 0x0000...0x10FF, weight: 100),  // Latin, Greek, Cyrillic, Arabic, Hebrew, …
        WeightRange(range: 0x2000...0x200D, weight: 100),  // spaces, ZWSP, ZWNJ, ZWJ
        WeightRange(range: 0x2010...0x201F, weight: 100),  // dashes and quotation marks
        WeightRange(range: 0x2032...0x2037, weight: 100),  // primes
    ]

    /// The v3 configuration.
    public init() {}

    /// The weighted length of `text` and whether it contains an invalid character.
    public func measure(_ text: String) -> (length: Int, hasInvalidCharacter: Bool) {
        let normalized = Normalization.nfc(text)
        return measure(nfc: normalized, scalars: Array(normalized.unicodeScalars))
    }

    /// `measure` of a text already in NFC, with its scalars.
    func measure(nfc normalized: String, scalars: [Unicode.Scalar]) -> (length: Int, hasInvalidCharacter: Bool) {
        let urls = URLScanner.urlRanges(in: scalars)
        // With every code point at most U+10FF, no grapheme is an emoji sequence
        // (keycaps, flags, VS16, ZWJ, skin tones, tags and every Emoji_Presentation
        // code point lie above) and none is invalid. If moreover every URL starts a
        // grapheme, the walk below gives each URL 23 and every scalar outside URLs
        // its own weight (a grapheme straddling a URL's end counts its tail by
        // scalar): the same sum without breaking graphemes.
        if scalars.allSatisfy({ $0.value <= 0x10FF }), urls.allSatisfy({ Self.startsGrapheme($0.lowerBound, in: scalars) }) {
            var weight = 0
            var offset = 0
            for url in urls {
                weight += scalars[offset..<url.lowerBound].reduce(0) { $0 + self.weight(of: $1) } + transformedURLLength * scale
                offset = url.upperBound
            }
            weight += scalars[offset...].reduce(0) { $0 + self.weight(of: $1) }
            return (weight / scale, false)
        }
        var weight = 0
        var invalid = false
        var offset = 0
        var nextURL = 0
        for character in normalized {
            let count = character.unicodeScalars.count
            defer { offset += count }
            // Skip characters inside a URL that was already counted.
            while nextURL < urls.count, urls[nextURL].upperBound <= offset { nextURL += 1 }
            if nextURL < urls.count, urls[nextURL].contains(offset) {
                if urls[nextURL].lowerBound == offset { weight += transformedURLLength * scale }
                // A grapheme may straddle the end of a URL; count its remaining scalars.
                let tail = offset + count - urls[nextURL].upperBound
                if tail > 0 {
                    for scalar in character.unicodeScalars.suffix(tail) { weight += self.weight(of: scalar) }
                }
                continue
            }
            if emojiParsingEnabled, Self.isEmojiSequence(character) {
                weight += defaultWeight
                continue
            }
            for scalar in character.unicodeScalars {
                if scalar.value == 0xFFFE || scalar.value == 0xFEFF || scalar.value == 0xFFFF { invalid = true }
                weight += self.weight(of: scalar)
            }
        }
        return (weight / scale, invalid)
    }

    /// Whether a grapheme certainly starts at `offset`: at the start, or between two
    /// ASCII scalars other than CR LF (no other rule joins ASCII scalars). Anything
    /// else (a Prepend mark before, a combining mark at `offset`) is left to the walk.
    static func startsGrapheme(_ offset: Int, in scalars: [Unicode.Scalar]) -> Bool {
        guard offset > 0 else { return true }
        let before = scalars[offset - 1], at = scalars[offset]
        return before.isASCII && at.isASCII && !(before == "\r" && at == "\n")
    }

    /// The weight of one code point outside URLs and emoji.
    public func weight(of scalar: Unicode.Scalar) -> Int {
        for range in ranges where range.range.contains(scalar.value) { return range.weight }
        return defaultWeight
    }

    /// Whether a grapheme cluster is an emoji (sequence) as twitter-text's emoji
    /// regex sees it: emoji presentation, a text-style emoji made emoji by
    /// VS16, a keycap, a flag, a skin-tone, ZWJ or tag sequence.
    public static func isEmojiSequence(_ character: Character) -> Bool {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return false }
        if scalars.contains(where: { $0.value == 0x20E3 }) { return true }  // keycap 1⃣
        if (0x1F1E6...0x1F1FF).contains(first.value) { return true }  // regional indicators (flags)
        let props = first.properties
        if props.isEmojiPresentation { return true }
        guard props.isEmoji else { return false }
        // Text-presentation emoji: digits and # * are Emoji too, but only count as
        // one when something makes them so.
        if first.isASCII { return false }
        // A lone text-style emoji weighs by its code point: 200 for all of them but
        // © and ®, which twitter-text also counts as 1 without VS16.
        if scalars.count == 1 { return false }
        return scalars.dropFirst().contains {
            $0.value == 0xFE0F || $0.value == 0x200D || (0x1F3FB...0x1F3FF).contains($0.value)
                || (0xE0020...0xE007F).contains($0.value)
        }
    }
}
