import Foundation

/// What the analyzer needs to know about one Unicode scalar, as bit flags,
/// precomputed for the Basic Multilingual Plane.
///
/// `Unicode.Scalar.Properties.generalCategory` costs ~60 ns per call; a 64 KiB
/// table built once makes classifying a scalar a single load, which matters when
/// the index build runs over tens of megabytes. Scalars outside the BMP (emoji,
/// rare ideographs, math alphanumerics) are classified on the fly.
enum ScalarInfo {
    /// A letter or number (general category L or N): part of a word.
    static let word: UInt8 = 1 << 0
    /// A combining mark (M): part of the word it follows.
    static let mark: UInt8 = 1 << 1
    /// Skipped as if absent: format characters (Cf: ZWJ, ZWNJ, soft hyphen,
    /// bidi controls), variation selectors and the combining grapheme joiner.
    static let ignorable: UInt8 = 1 << 2
    /// A decimal digit (Nd), in any script.
    static let digit: UInt8 = 1 << 3
    /// A symbol (S*) or U+2139 ℹ: replaced by a space before NFKC, so that
    /// ™ → "TM", Ⓜ → "M" or 🄰 → "A" never glue letters onto a word.
    static let symbol: UInt8 = 1 << 4
    /// Text containing this scalar may change under NFKC (or the symbol
    /// replacement). Text without any is already what NFKC would give, up to
    /// the order of marks the analyzer deletes anyway.
    static let unstable: UInt8 = 1 << 5

    /// The flags of every BMP scalar (0 for surrogates).
    static let table: [UInt8] = buildTable()

    /// The flags of `value`, given `table`.
    @inline(__always)
    static func of(_ value: UInt32, in table: [UInt8]) -> UInt8 {
        value < 0x10000 ? table[Int(value)] : category(value) | unstable
    }

    /// The category-derived flags (everything but `unstable`).
    static func category(_ value: UInt32) -> UInt8 {
        if (0xFE00...0xFE0F).contains(value) || (0xE0100...0xE01EF).contains(value) || value == 0x034F {
            return ignorable
        }
        if value == 0x2139 { return symbol }
        guard let scalar = Unicode.Scalar(value) else { return 0 }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .letterNumber, .otherNumber:
            return word
        case .decimalNumber:
            return word | digit
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return mark
        case .format:
            return ignorable
        case .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return symbol
        default:
            return 0
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
        // NFKC of every non-ASCII BMP scalar in one Foundation call: the scalars
        // are separated by newlines, which never compose or reorder, so the
        // output splits back into one piece per input scalar.
        var all = String.UnicodeScalarView()
        var values: [UInt32] = []
        for value in UInt32(0x80)..<0x10000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            all.append(scalar)
            all.append("\n")
            values.append(value)
        }
        let original = String(all)
        let pieces = original.precomposedStringWithCompatibilityMapping.unicodeScalars
            .split(separator: "\n", omittingEmptySubsequences: false)
        let originals = original.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        var changes = Set<UInt32>()
        for (index, value) in values.enumerated() where pieces.count != originals.count
            || !pieces[index].elementsEqual(originals[index]) {
            changes.insert(value)
        }
        var table = [UInt8](repeating: 0, count: 0x10000)
        for value in UInt32(0)..<0x10000 {
            var info = category(value)
            if value >= 0x80 {
                let composesWithNeighbour =
                    (info & mark != 0 && !isInertDeletedMark(value)) || (0x1160...0x11FF).contains(value)
                if changes.contains(value) || composesWithNeighbour || info & symbol != 0 { info |= unstable }
            }
            table[Int(value)] = info
        }
        return table
    }
}
