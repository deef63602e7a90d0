import Foundation

/// Unicode normalization with a fast path.
public enum Normalization {
    /// NFC of `text`, returned as is when `isKnownNFC` proves it already is.
    public static func nfc(_ text: String) -> String {
        isKnownNFC(text) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// Whether `text` is certainly in NFC, checked scalar by scalar without
    /// Foundation's normalizer (which dominates counting and slugs otherwise).
    ///
    /// - Every scalar below U+0300 (ASCII, Latin-1, Latin Extended-A/B, IPA) has
    ///   NFC_Quick_Check=Yes and combines with no neighbour.
    /// - In the Hebrew and Arabic blocks (U+0590–U+06FF) the only scalars that are
    ///   not NFC_Quick_Check=Yes are U+0653–U+0655, which compose with a preceding
    ///   alef, waw, yeh…; they and every other mark that canonical ordering may
    ///   move have a non-zero combining class. A scalar of these blocks with
    ///   combining class 0 is therefore stable next to anything from either set.
    ///
    /// Anything else (other scripts, combining marks) answers `false`, and the
    /// caller normalizes as before; the answer is never `true` wrongly.
    public static func isKnownNFC(_ text: String) -> Bool {
        if UTF8Bytes.with(text, { $0.allSatisfy { $0 < 0x80 } }) { return true }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x300 { continue }
            guard (0x0590..<0x0700).contains(value), startersOfHebrewAndArabic[Int(value - 0x0590)] else { return false }
        }
        return true
    }

    /// Whether each scalar of U+0590–U+06FF has combining class 0, looked up once
    /// (a property lookup per letter was most of checking an Arabic or Hebrew text).
    private static let startersOfHebrewAndArabic: [Bool] = (0x0590..<0x0700).map { value in
        Unicode.Scalar(value).map { $0.properties.canonicalCombiningClass == .notReordered } ?? false
    }
}
