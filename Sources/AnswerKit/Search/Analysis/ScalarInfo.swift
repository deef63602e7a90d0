import Foundation

/// What the analyzer needs to know about one Unicode scalar, precomputed for the
/// Basic Multilingual Plane.
///
/// `Unicode.Scalar.Properties.generalCategory` costs ~60 ns per call; a 64 KiB
/// table built once makes classifying a scalar a single load, which matters when
/// the index build runs over tens of megabytes. Scalars outside the BMP (emoji,
/// rare ideographs, math alphanumerics) are classified on the fly.
struct ScalarInfo: OptionSet, Sendable {
    let rawValue: UInt8

    /// A letter or number (general category L or N): part of a word.
    static let word = ScalarInfo(rawValue: 1 << 0)
    /// A combining mark (M): part of the word it follows.
    static let mark = ScalarInfo(rawValue: 1 << 1)
    /// Skipped as if absent: format characters (Cf: ZWJ, ZWNJ, soft hyphen,
    /// bidi controls), variation selectors and the combining grapheme joiner.
    static let ignorable = ScalarInfo(rawValue: 1 << 2)
    /// A decimal digit (Nd), in any script.
    static let digit = ScalarInfo(rawValue: 1 << 3)
    /// A symbol (S*) or U+2139 ℹ: replaced by a space before NFKC, so that
    /// ™ → "TM", Ⓜ → "M" or 🄰 → "A" never glue letters onto a word.
    static let symbol = ScalarInfo(rawValue: 1 << 4)
    /// The text may differ after NFKC (and after the symbol replacement) if it
    /// contains this scalar. Text without any such scalar is already in the
    /// form NFKC would give, up to the order of marks the analyzer deletes anyway.
    static let unstable = ScalarInfo(rawValue: 1 << 5)

    /// The facts about `scalar`.
    @inline(__always)
    static func of(_ scalar: Unicode.Scalar) -> ScalarInfo {
        let value = scalar.value
        if value < 0x10000 { return ScalarInfo(rawValue: bmp[Int(value)]) }
        // Outside the BMP the NFKC check is not cached: assume it may change.
        return category(scalar).union(.unstable)
    }

    private static let bmp: [UInt8] = buildTable()

    /// The category-derived facts (everything but `unstable`).
    private static func category(_ scalar: Unicode.Scalar) -> ScalarInfo {
        let value = scalar.value
        if (0xFE00...0xFE0F).contains(value) || (0xE0100...0xE01EF).contains(value) || value == 0x034F {
            return .ignorable
        }
        if value == 0x2139 { return .symbol }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .letterNumber, .otherNumber:
            return .word
        case .decimalNumber:
            return [.word, .digit]
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return .mark
        case .format:
            return .ignorable
        case .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return .symbol
        default:
            return []
        }
    }

    /// Marks the analyzer deletes that never take part in a canonical
    /// composition: Arabic harakat and Quranic marks, Hebrew niqqud and
    /// cantillation (Hebrew compositions are composition exclusions). Their
    /// presence alone does not force the NFKC pass. U+0653–0655 (madda and
    /// hamza above/below) are not here: they compose with alef, waw and yeh.
    private static func isInertDeletedMark(_ value: UInt32) -> Bool {
        switch value {
        case 0x0610...0x061A, 0x064B...0x0652, 0x0656...0x065F, 0x0670, 0x06D6...0x06DC, 0x06DF...0x06E4,
             0x06E7...0x06E8, 0x06EA...0x06ED, 0x0591...0x05C7:
            return true
        default:
            return false
        }
    }

    private static func buildTable() -> [UInt8] {
        var table = [UInt8](repeating: 0, count: 0x10000)
        // NFKC of every BMP scalar in one Foundation call: the scalars are
        // separated by newlines, which never compose or reorder, so the output
        // splits back into one piece per input scalar.
        var all = String.UnicodeScalarView()
        var values: [UInt32] = []
        for value in UInt32(0x80)..<0x10000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            all.append(scalar)
            all.append("\n")
            values.append(value)
        }
        let original = String(all)
        let normalized = original.precomposedStringWithCompatibilityMapping
        let pieces = normalized.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        let originals = original.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        let piecesAlign = pieces.count == originals.count
        for value in UInt32(0)..<0x10000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            var info = category(scalar)
            if value >= 0x80 {
                let changes: Bool
                if piecesAlign, let index = values.firstIndexSorted(of: value) {
                    changes = !pieces[index].elementsEqual(originals[index])
                } else {
                    changes = true
                }
                let composesWithNeighbour =
                    (info.contains(.mark) && !isInertDeletedMark(value)) || (0x1160...0x11FF).contains(value)
                if changes || composesWithNeighbour || info.contains(.symbol) { info.insert(.unstable) }
            }
            table[Int(value)] = info.rawValue
        }
        return table
    }
}

extension Array where Element == UInt32 {
    /// Binary search in a sorted array.
    fileprivate func firstIndexSorted(of value: UInt32) -> Int? {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if self[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low < count && self[low] == value ? low : nil
    }
}
