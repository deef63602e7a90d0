import Foundation

/// What the analyzer needs to know about one Unicode scalar, as bit flags,
/// precomputed for the Basic Multilingual Plane.
///
/// `Unicode.Scalar.Properties.generalCategory` costs ~60 ns per call; a 64 KiB
/// table makes classifying a scalar a single load, which matters when the index
/// build runs over tens of megabytes. Scalars outside the BMP (emoji, rare
/// ideographs, math alphanumerics) are classified on the fly.
///
/// Computing the table from Unicode's properties and Foundation's NFKC takes
/// ~30 ms, as long as a whole `answerkit reply`; so it is computed once at
/// development time (`ScalarInfo+Derivation.swift`) and checked in as runs
/// (`ScalarInfo+Runs.swift`, written by `scripts/generate-unicode-tables.sh`),
/// which expand in microseconds. `UnicodeTableTests` fails when the checked-in
/// runs differ from what this toolchain's Unicode data gives.
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

    /// The flags of every BMP scalar (0 for surrogates), expanded from `runs`.
    static let table: [UInt8] = expand(runs)

    /// The table from its runs: each run is `first scalar << 8 | flags` and lasts
    /// until the next run's first scalar (the last one until U+FFFF).
    static func expand(_ runs: [UInt32]) -> [UInt8] {
        var table = [UInt8](repeating: 0, count: 0x10000)
        table.withUnsafeMutableBufferPointer { table in
            for (index, run) in runs.enumerated() {
                let end = index + 1 < runs.count ? Int(runs[index + 1] >> 8) : table.count
                UnsafeMutableBufferPointer(rebasing: table[Int(run >> 8)..<end]).update(repeating: UInt8(truncatingIfNeeded: run))
            }
        }
        return table
    }

    /// The runs of `table`, as `expand` reads them.
    static func runs(of table: [UInt8]) -> [UInt32] {
        var runs: [UInt32] = []
        for (value, info) in table.enumerated() where value == 0 || info != table[value - 1] {
            runs.append(UInt32(value) << 8 | UInt32(info))
        }
        return runs
    }

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
}
