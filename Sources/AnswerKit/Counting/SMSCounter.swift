import Foundation

/// SMS encoding and segment counting (3GPP TS 23.038 and 23.040).
///
/// A message whose every character is in the GSM 7-bit default alphabet (or its
/// extension table, two septets each) goes as GSM-7: 160 septets in one
/// segment, 153 per segment when concatenated (the user-data header takes 7).
/// Any other character (Arabic, Hebrew, Turkish ş ğ ı, French ê â î ô ç, emoji)
/// forces UCS-2: 70 UTF-16 code units in one segment, 67 when concatenated.
/// An escape pair or a surrogate pair is never split across segments.
public enum SMSCounter {
    /// The encoding a message is sent in.
    public enum Encoding: String, Sendable, Codable {
        case gsm7 = "GSM-7"
        case ucs2 = "UCS-2"
    }

    /// The result of measuring a message.
    public struct Measure: Sendable, Equatable {
        /// GSM-7 or UCS-2.
        public var encoding: Encoding
        /// Septets (GSM-7) or UTF-16 code units (UCS-2).
        public var units: Int
        /// Number of SMS segments; 0 for empty text.
        public var segments: Int
    }

    /// The GSM 03.38 default alphabet (one septet each).
    static let basic: Set<Unicode.Scalar> = Set(
        ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà").unicodeScalars)
    /// The extension table, reached through ESC (two septets each).
    static let extended: Set<Unicode.Scalar> = Set("^{}\\[~]|€\u{0C}".unicodeScalars)

    /// Measures `text` as it would be sent.
    public static func measure(_ text: String) -> Measure {
        let normalized = Normalization.nfc(text)
        let scalars = Array(normalized.unicodeScalars)
        if scalars.allSatisfy({ basic.contains($0) || extended.contains($0) }) {
            let sizes = scalars.map { extended.contains($0) ? 2 : 1 }
            return Measure(encoding: .gsm7, units: sizes.reduce(0, +), segments: segments(sizes, single: 160, multi: 153))
        }
        let sizes = scalars.map { $0.utf16.count }
        return Measure(encoding: .ucs2, units: sizes.reduce(0, +), segments: segments(sizes, single: 70, multi: 67))
    }

    /// The units available in `segments` segments of `encoding`.
    public static func capacity(segments: Int, encoding: Encoding) -> Int {
        switch (encoding, segments) {
        case (_, ...0): return 0
        case (.gsm7, 1): return 160
        case (.gsm7, _): return 153 * segments
        case (.ucs2, 1): return 70
        case (.ucs2, _): return 67 * segments
        }
    }

    /// Packs indivisible items of `sizes` units into segments greedily.
    static func segments(_ sizes: [Int], single: Int, multi: Int) -> Int {
        let total = sizes.reduce(0, +)
        if total == 0 { return 0 }
        if total <= single { return 1 }
        var count = 1
        var used = 0
        for size in sizes {
            if used + size > multi {
                count += 1
                used = 0
            }
            used += size
        }
        return count
    }
}
