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
        measure(nfc: Array(Normalization.nfc(text).unicodeScalars))
    }

    /// `measure` of the scalars of a text in NFC: one pass that packs both encodings'
    /// segments (the same greedy packing as `segments(_:single:multi:)`) and keeps
    /// GSM-7's while every scalar has a septet size.
    static func measure(nfc scalars: [Unicode.Scalar]) -> Measure {
        var gsm = Packer(multi: 153)
        var ucs2 = Packer(multi: 67)
        var isGSM = true
        for scalar in scalars {
            if isGSM {
                let size = septets(scalar)
                if size == 0 { isGSM = false } else { gsm.add(size) }
            }
            ucs2.add(UTF16.width(scalar))
        }
        if isGSM { return Measure(encoding: .gsm7, units: gsm.total, segments: gsm.segments(single: 160)) }
        return Measure(encoding: .ucs2, units: ucs2.total, segments: ucs2.segments(single: 70))
    }

    /// Septets of `scalar` in GSM-7: 1 (basic), 2 (extension table) or 0 (none).
    @inline(__always)
    static func septets(_ scalar: Unicode.Scalar) -> Int {
        if scalar.value < 0x100 { return Int(latinSeptets[Int(scalar.value)]) }
        return extended.contains(scalar) ? 2 : basic.contains(scalar) ? 1 : 0
    }

    /// `septets` of U+0000–U+00FF, made from the two sets (the hash lookups were most of a count).
    private static let latinSeptets: [UInt8] = (0..<0x100).map { value in
        let scalar = Unicode.Scalar(UInt8(value))
        return extended.contains(scalar) ? 2 : basic.contains(scalar) ? 1 : 0
    }

    /// Greedy packing of indivisible items into segments of `multi` units, one item at a time.
    private struct Packer {
        let multi: Int
        var total = 0
        var count = 1
        var used = 0

        init(multi: Int) { self.multi = multi }

        mutating func add(_ size: Int) {
            total += size
            if used + size > multi {
                count += 1
                used = 0
            }
            used += size
        }

        /// Segments needed: none for nothing, one up to `single`, else the packed count.
        func segments(single: Int) -> Int { total == 0 ? 0 : total <= single ? 1 : count }
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
