import Foundation

/// URL- and id-safe slugs that keep non-Latin scripts readable.
///
/// "Comment ça marche ?" → `comment-ça-marche`, "كيف أسترد أموالي؟" →
/// `كيف-أسترد-أموالي`, "איך מחזירים?" → `איך-מחזירים`: letters and digits of
/// every script stay (lower-cased, NFC); Arabic tashkeel and Hebrew niqqud
/// (nonspacing marks) are dropped so the same word always gives the same slug;
/// everything else becomes a single `-`.
public enum Slug {
    /// The slug of `text`; empty when `text` has no letter or digit.
    public static func make(_ text: String) -> String {
        if let ascii = makeASCII(text) { return ascii }
        let normalized = Normalization.nfc(text)
        // Lower-casing changes nothing in scripts without case (Arabic, Hebrew…).
        let lowered = normalized.unicodeScalars.contains { (flags(of: $0) & changesWhenLowercased) != 0 } ? normalized.lowercased() : normalized
        // Collected as UTF-8 (appending scalars to a string one by one cost as much as deciding them).
        var result: [UInt8] = []
        result.reserveCapacity(lowered.utf8.count)
        var pendingDash = false
        for scalar in lowered.unicodeScalars {
            let flags = flags(of: scalar)
            if (flags & dropped) != 0 { continue }
            if (flags & kept) != 0 {
                if pendingDash, !result.isEmpty { result.append(UInt8(ascii: "-")) }
                pendingDash = false
                UTF8.encode(scalar) { result.append($0) }
            } else {
                pendingDash = true
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static let kept: UInt8 = 1
    private static let dropped: UInt8 = 2
    private static let changesWhenLowercased: UInt8 = 4

    /// What the slug does with a scalar, and whether lower-casing changes it.
    private static func classify(_ scalar: Unicode.Scalar) -> UInt8 {
        let properties = scalar.properties
        var flags: UInt8 = properties.changesWhenLowercased ? changesWhenLowercased : 0
        if properties.generalCategory == .nonspacingMark, !isLatinCombining(scalar) { return flags | dropped }
        if properties.isAlphabetic || properties.numericType == .decimal || properties.generalCategory == .spacingMark
            || properties.generalCategory == .nonspacingMark || scalar == "_"
        {
            flags |= kept
        }
        return flags
    }

    /// `classify` of every scalar below U+0800 (Latin to Arabic and Syriac), made once
    /// from the same properties: three property lookups a scalar were most of a heading's cost.
    private static let flagsTable: [UInt8] = (0..<0x800).map { Unicode.Scalar($0).map(classify) ?? 0 }

    @inline(__always)
    private static func flags(of scalar: Unicode.Scalar) -> UInt8 {
        scalar.value < 0x800 ? flagsTable[Int(scalar.value)] : classify(scalar)
    }

    /// The same rule on bytes for pure-ASCII text (most headings and tags), or `nil`.
    private static func makeASCII(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingDash = false
        for byte in text.utf8 {
            guard byte < 0x80 else { return nil }
            var lowered = byte
            if (0x41...0x5A).contains(byte) { lowered = byte + 0x20 }
            if (0x61...0x7A).contains(lowered) || (0x30...0x39).contains(lowered) || lowered == 0x5F {
                if pendingDash, !bytes.isEmpty { bytes.append(0x2D) }
                pendingDash = false
                bytes.append(lowered)
            } else {
                pendingDash = true
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `text` is already a valid slug for a file name or id.
    public static func isValid(_ text: String) -> Bool {
        !text.isEmpty && make(text) == text
    }

    /// Combining marks that NFC could not compose into a Latin letter are kept.
    private static func isLatinCombining(_ scalar: Unicode.Scalar) -> Bool {
        (0x0300...0x036F).contains(scalar.value)
    }

    /// Percent-encodes a path for use in an `href` (keeps `/`).
    public static func urlPath(_ path: String) -> String {
        // Fast path: slugs of Latin text need no encoding.
        let safe = path.utf8.allSatisfy {
            (0x61...0x7A).contains($0) || (0x41...0x5A).contains($0) || (0x30...0x39).contains($0)
                || $0 == 0x2D || $0 == 0x2E || $0 == 0x5F || $0 == 0x2F || $0 == 0x7E
        }
        if safe { return path }
        return path.addingPercentEncoding(withAllowedCharacters: pathAllowed) ?? path
    }

    private static let pathAllowed: CharacterSet = {
        var set = CharacterSet.urlPathAllowed
        set.remove(charactersIn: "?#[]@!$&'()*+,;=:")
        return set
    }()
}
