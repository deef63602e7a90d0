import Foundation

/// Per-scalar normalization: case folding, accent folding, and the Arabic and
/// Hebrew orthographic normalizations. It depends on the scalar's script, not
/// on the locale (an Arabic word on an English page is normalized the same way),
/// except that Turkish keeps ç ğ ı ö ş ü until its stemmer has run.
enum ScalarNormalizer {
    /// The normalized form of a word part (for tests). ASCII apostrophes and
    /// quotes (the tokenizer's markers) pass through unchanged.
    static func normalize(_ scalars: [UInt32], turkish: Bool) -> [UInt32] {
        var out: [UInt32] = []
        for value in scalars { append(value, turkish: turkish, to: &out) }
        return out
    }

    /// Appends the normalized form of `value` to `out`.
    @inline(__always)
    static func append(_ value: UInt32, turkish: Bool, to out: inout [UInt32]) {
        if value < 0x80 {
            if value >= 0x41, value <= 0x5A {
                // Turkish: I → ı (İ → i is below).
                out.append(turkish && value == 0x49 ? 0x131 : value + 0x20)
            } else {
                out.append(value)
            }
            return
        }
        if turkish {
            switch value {
            case 0x130:  // İ
                out.append(0x69)
                return
            case 0xC7, 0xD6, 0xDC, 0x11E, 0x15E:  // Ç Ö Ü Ğ Ş
                out.append(value + (value < 0x100 ? 0x20 : 1))
                return
            case _ where isTurkishLetter(value):
                out.append(value)
                return
            default:
                break
            }
        }
        switch value {
        case 0x0600...0x06FF:
            appendArabic(value, to: &out)
        case 0x0590...0x05FF:
            appendHebrew(value, to: &out)
        case ..<0x2000:
            let cached = lowerFoldTable[Int(value)]
            if cached == slow {
                appendLowerFolded(value, to: &out)
            } else if cached != 0 {
                out.append(UInt32(truncatingIfNeeded: cached))
                if cached >> 32 != 0 { out.append(UInt32(cached >> 32)) }
            }
        default:
            appendLowerFolded(value, to: &out)
        }
    }

    /// Lower case, then folding, from Unicode's properties (the slow path).
    private static func appendLowerFolded(_ value: UInt32, to out: inout [UInt32]) {
        let properties = Unicode.Scalar(value)!.properties
        if properties.changesWhenLowercased {
            for lower in properties.lowercaseMapping.unicodeScalars { appendFolded(lower.value, turkish: false, to: &out) }
        } else {
            appendFolded(value, turkish: false, to: &out)
        }
    }

    /// `appendLowerFolded` of every scalar below U+2000 (Latin, Greek,
    /// Cyrillic…), which would otherwise ask Unicode's properties for each
    /// accented letter: 0 for nothing, else the first scalar in the low 32 bits
    /// and the second, if any, in the high 32 bits; `slow` for longer results.
    private static let lowerFoldTable: [UInt64] = (0..<0x2000).map { value in
        guard value >= 0x80, Unicode.Scalar(UInt32(value)) != nil else { return slow }
        var out: [UInt32] = []
        appendLowerFolded(UInt32(value), to: &out)
        switch out.count {
        case 0: return 0
        case 1: return UInt64(out[0])
        case 2: return UInt64(out[0]) | UInt64(out[1]) << 32
        default: return slow
        }
    }
    private static let slow = UInt64.max

    // MARK: - Latin and Greek

    /// ç ğ ı ö ş ü, which Turkish keeps through stemming.
    @inline(__always)
    static func isTurkishLetter(_ value: UInt32) -> Bool {
        switch value {
        case 0xE7, 0x11F, 0x131, 0xF6, 0x15F, 0xFC: return true
        default: return false
        }
    }

    /// Folds the Turkish letters kept for stemming: ç ğ ı ö ş ü → c g i o s u.
    static func foldTurkish(_ word: inout [UInt32]) {
        for index in word.indices {
            switch word[index] {
            case 0xE7: word[index] = 0x63
            case 0x11F: word[index] = 0x67
            case 0x131: word[index] = 0x69
            case 0xF6: word[index] = 0x6F
            case 0x15F: word[index] = 0x73
            case 0xFC: word[index] = 0x75
            default: break
            }
        }
    }

    /// Removes diacritics: combining marks are dropped, precomposed Latin and
    /// Greek letters become their base letter, and a few letters without a
    /// decomposition are spelled out (ß → ss, œ → oe, ø → o, ı → i…).
    private static func appendFolded(_ value: UInt32, turkish: Bool, to out: inout [UInt32]) {
        if value < 0x80 {
            out.append(value)
            return
        }
        if isDiacriticMark(value) { return }
        if turkish, isTurkishLetter(value) {
            out.append(value)
            return
        }
        switch value {
        case 0xDF: out.append(contentsOf: [0x73, 0x73])  // ß → ss
        case 0xE6: out.append(contentsOf: [0x61, 0x65])  // æ → ae
        case 0x153: out.append(contentsOf: [0x6F, 0x65])  // œ → oe
        case 0xFE: out.append(contentsOf: [0x74, 0x68])  // þ → th
        case 0xF8: out.append(0x6F)  // ø → o
        case 0x111, 0xF0: out.append(0x64)  // đ ð → d
        case 0x127: out.append(0x68)  // ħ → h
        case 0x131: out.append(0x69)  // ı → i
        case 0x142: out.append(0x6C)  // ł → l
        case 0x167: out.append(0x74)  // ŧ → t
        case 0x3C2: out.append(0x3C3)  // ς → σ
        default: out.append(foldTable.base(of: value) ?? value)
        }
    }

    /// Combining diacritical marks (and their supplements and extensions).
    @inline(__always)
    static func isDiacriticMark(_ value: UInt32) -> Bool {
        switch value {
        case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F: return true
        default: return false
        }
    }

    /// Base letters of precomposed Latin and Greek letters, from their canonical
    /// decomposition (the browser builds the same table with
    /// `String.prototype.normalize("NFD")`).
    static let foldTable = FoldTable()

    struct FoldTable: Sendable {
        static let ranges: [ClosedRange<UInt32>] = [0xC0...0x24F, 0x370...0x3FF, 0x1E00...0x1FFF]
        /// Base letter by `value - 0xC0`, 0 for none.
        private let bases: [UInt32]

        init() {
            var bases = [UInt32](repeating: 0, count: 0x2000 - 0xC0)
            for range in Self.ranges {
                for value in range {
                    guard let scalar = Unicode.Scalar(value) else { continue }
                    let decomposed = Array(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars)
                    guard decomposed.count > 1, decomposed[0].properties.isLetterCategory,
                          decomposed.dropFirst().allSatisfy({ isDiacriticMark($0.value) })
                    else { continue }
                    bases[Int(value - 0xC0)] = decomposed[0].value
                }
            }
            self.bases = bases
        }

        @inline(__always)
        func base(of value: UInt32) -> UInt32? {
            guard value >= 0xC0, value < 0x2000 else { return nil }
            let base = bases[Int(value - 0xC0)]
            return base == 0 ? nil : base
        }
    }

    // MARK: - Arabic

    /// Lucene's ArabicNormalizer plus digits and the Persian keyboard's letters:
    /// harakat, Quranic marks and tatweel deleted; أ إ آ ٱ → ا, ة → ه, ى → ي,
    /// ؤ → و, ئ → ي, ک → ك, ی → ي, ۀ → ه; Arabic-Indic and Persian digits → 0–9.
    @inline(__always)
    private static func appendArabic(_ value: UInt32, to out: inout [UInt32]) {
        switch value {
        case 0x0610...0x061A, 0x064B...0x065F, 0x0670, 0x06D6...0x06DC, 0x06DF...0x06E8, 0x06EA...0x06ED, 0x0640:
            return
        case 0x0622, 0x0623, 0x0625, 0x0671: out.append(0x0627)
        case 0x0629, 0x06C0: out.append(0x0647)
        case 0x0649, 0x0626, 0x06CC: out.append(0x064A)
        case 0x0624: out.append(0x0648)
        case 0x06A9: out.append(0x0643)
        case 0x0660...0x0669: out.append(value - 0x0660 + 0x30)
        case 0x06F0...0x06F9: out.append(value - 0x06F0 + 0x30)
        default: out.append(value)
        }
    }

    // MARK: - Hebrew

    /// Niqqud and cantillation deleted; final letters ך ם ן ף ץ → כ מ נ פ צ.
    @inline(__always)
    private static func appendHebrew(_ value: UInt32, to out: inout [UInt32]) {
        switch value {
        case 0x0591...0x05BD, 0x05BF, 0x05C1, 0x05C2, 0x05C4, 0x05C5, 0x05C7: return
        case 0x05DA, 0x05DD, 0x05DF, 0x05E3, 0x05E5: out.append(value + 1)
        default: out.append(value)
        }
    }
}

extension Unicode.Scalar.Properties {
    /// General category L*.
    var isLetterCategory: Bool {
        switch generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }
}
