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
    ///   alef, waw, yeh…; no other scalar of these blocks composes with anything
    ///   (the Hebrew presentation forms are composition exclusions), and none of
    ///   their marks decomposes. A scalar of these blocks with combining class 0 is
    ///   therefore stable next to anything from either set.
    /// - Their other marks (niqqud, tashkeel: non-zero combining class) are stable
    ///   right after a starter of these blocks that does not decompose, in
    ///   canonical order (combining classes not decreasing): NFC would neither
    ///   reorder nor compose them.
    ///
    /// Anything else (other scripts, marks out of order or after other letters)
    /// answers `false`, and the caller normalizes as before; the answer is never
    /// `true` wrongly.
    public static func isKnownNFC(_ text: String) -> Bool {
        if UTF8Bytes.with(text, { $0.allSatisfy { $0 < 0x80 } }) { return true }
        // The combining class of the previous scalar when a mark may follow it, else `nil`.
        var previous: UInt8?
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x300 {
                previous = nil
                continue
            }
            guard (0x0590..<0x0700).contains(value) else { return false }
            let entry = hebrewArabic[Int(value - 0x0590)]
            switch entry {
            case composes: return false
            case decomposes: previous = nil
            case 0: previous = 0
            default:
                guard let last = previous, entry >= last else { return false }
                previous = entry
            }
        }
        return true
    }

    /// `hebrewArabic`: U+0653–U+0655, which compose with the scalar before them.
    private static let composes: UInt8 = 255
    /// `hebrewArabic`: a starter with a canonical decomposition (alef with hamza…).
    private static let decomposes: UInt8 = 254

    /// The canonical combining class of U+0590–U+06FF, or `composes` / `decomposes`,
    /// looked up once (the property lookup was most of the check on Arabic text).
    private static let hebrewArabic: [UInt8] = (0x0590..<0x0700).map { value in
        let scalar = Unicode.Scalar(UInt32(value))!
        if (0x0653...0x0655).contains(value) { return composes }
        if String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.count > 1 { return decomposes }
        return UInt8(scalar.properties.canonicalCombiningClass.rawValue)
    }
}
