import Foundation

/// Unicode normalization with a fast path.
public enum Normalization {
    /// NFC of `text`. Text whose scalars are all below U+0300 (ASCII, Latin-1,
    /// Latin Extended-A/B, IPA) is already in NFC — every such code point has
    /// NFC_Quick_Check=Yes and none combines with a neighbour — so it is returned
    /// as is, skipping Foundation's normalizer, which dominates counting otherwise.
    public static func nfc(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        if text.unicodeScalars.allSatisfy({ $0.value < 0x300 }) { return text }
        return text.precomposedStringWithCanonicalMapping
    }
}
