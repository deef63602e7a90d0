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
        return makeTabled(normalized) ?? makeGeneral(normalized)
    }

    /// The rule itself, for NFC text: lower-case, then keep letters and digits, drop
    /// tashkeel and niqqud, and make a single `-` of everything else.
    static func makeGeneral(_ normalized: String) -> String {
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

    /// `makeGeneral` for NFC text whose scalars are all below U+0800 (Latin, Greek,
    /// Cyrillic, Hebrew, Arabic: nearly every heading of the five locales) and lower-case
    /// to one scalar each, from a table of each scalar's lower-case form and that form's
    /// flags; `nil` for anything else. `String.lowercased()` maps scalar by scalar
    /// (`lowercaseMapping`), so this is the same rule; it was a quarter of a slug's cost.
    private static func makeTabled(_ normalized: String) -> String? {
        var result: [UInt8] = []
        result.reserveCapacity(normalized.utf8.count)
        var pendingDash = false
        for scalar in normalized.unicodeScalars {
            guard scalar.value < 0x800 else { return nil }
            let entry = loweredTable[Int(scalar.value)]
            guard entry != multiScalar else { return nil }
            let flags = UInt8(truncatingIfNeeded: entry >> 24)
            if (flags & dropped) != 0 { continue }
            if (flags & kept) != 0 {
                if pendingDash, !result.isEmpty { result.append(UInt8(ascii: "-")) }
                pendingDash = false
                UTF8.encode(Unicode.Scalar(entry & 0xFF_FFFF)!) { result.append($0) }
            } else {
                pendingDash = true
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// For each scalar below U+0800: its lower-case scalar (low 24 bits) and that
    /// scalar's flags (high 8 bits), or `multiScalar` when it lower-cases to several
    /// scalars (U+0130 İ → i + U+0307).
    private static let loweredTable: [UInt32] = (0..<0x800).map { value in
        guard let scalar = Unicode.Scalar(value) else { return multiScalar }
        let mapping = scalar.properties.lowercaseMapping.unicodeScalars
        guard mapping.count == 1, let lowered = mapping.first else { return multiScalar }
        return UInt32(flags(of: lowered) & (kept | dropped)) << 24 | lowered.value
    }
    private static let multiScalar = UInt32.max

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
        UTF8Bytes.with(text) { bytes -> String? in
            // Any byte of 0x80 or above: not ASCII (checked first, eight bytes a step,
            // so that text that is not ASCII costs little here).
            var index = 0
            if let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                while index + 8 <= bytes.count {
                    if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return nil }
                    index += 8
                }
            }
            while index < bytes.count {
                if bytes[index] >= 0x80 { return nil }
                index += 1
            }
            return String(unsafeUninitializedCapacity: bytes.count) { output in
                var count = 0
                var pendingDash = false
                for byte in bytes {
                    var lowered = byte
                    if (0x41...0x5A).contains(byte) { lowered = byte + 0x20 }
                    if (0x61...0x7A).contains(lowered) || (0x30...0x39).contains(lowered) || lowered == 0x5F {
                        if pendingDash, count > 0 {
                            output[count] = 0x2D
                            count += 1
                        }
                        pendingDash = false
                        output[count] = lowered
                        count += 1
                    } else {
                        pendingDash = true
                    }
                }
                return count
            }
        }
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
