import Foundation

/// Per-scalar normalization: case folding, accent folding, and the Arabic and
/// Hebrew orthographic normalizations. It depends on the scalar's script, not
/// on the locale (an Arabic word on an English page is normalized the same way),
/// except that Turkish keeps ç ğ ı ö ş ü until its stemmer has run.
enum ScalarNormalizer {
    /// The normalized form of a word part. ASCII apostrophes and quotes (the
    /// tokenizer's markers) pass through unchanged.
    static func normalize(_ scalars: [Unicode.Scalar], turkish: Bool) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(scalars.count)
        for scalar in scalars { append(scalar, turkish: turkish, to: &out) }
        return out
    }

    /// The Turkish letters that `normalize(_:turkish: true)` keeps.
    static let turkishLetters: Set<Unicode.Scalar> = ["ç", "ğ", "ı", "ö", "ş", "ü"]

    /// Folds the Turkish letters kept for stemming: ç ğ ı ö ş ü → c g i o s u.
    static func foldTurkish(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        scalars.map { scalar in
            switch scalar {
            case "ç": "c"
            case "ğ": "g"
            case "ı": "i"
            case "ö": "o"
            case "ş": "s"
            case "ü": "u"
            default: scalar
            }
        }
    }

    static func append(_ scalar: Unicode.Scalar, turkish: Bool, to out: inout [Unicode.Scalar]) {
        let value = scalar.value
        if value < 0x80 {
            if (0x41...0x5A).contains(value) {
                // Turkish: I → ı (İ → i is below).
                out.append(turkish && value == 0x49 ? "ı" : Unicode.Scalar(value + 0x20)!)
            } else {
                out.append(scalar)
            }
            return
        }
        switch value {
        case 0x0600...0x06FF:
            appendArabic(scalar, to: &out)
        case 0x0590...0x05FF:
            appendHebrew(scalar, to: &out)
        case 0x130 where turkish:
            out.append("i")
        default:
            if scalar.properties.changesWhenLowercased {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                    appendFolded(lower, turkish: turkish, to: &out)
                }
            } else {
                appendFolded(scalar, turkish: turkish, to: &out)
            }
        }
    }

    // MARK: - Latin and Greek

    /// Removes diacritics: combining marks are dropped, precomposed Latin and
    /// Greek letters become their base letter, and a few letters without a
    /// decomposition are spelled out (ß → ss, œ → oe, ø → o, ı → i…).
    private static func appendFolded(_ scalar: Unicode.Scalar, turkish: Bool, to out: inout [Unicode.Scalar]) {
        let value = scalar.value
        if value < 0x80 {
            out.append(scalar)
            return
        }
        if isDiacriticMark(value) { return }
        if turkish, turkishLetters.contains(scalar) {
            out.append(scalar)
            return
        }
        switch value {
        case 0xDF: out.append(contentsOf: ["s", "s"] as [Unicode.Scalar])
        case 0xE6: out.append(contentsOf: ["a", "e"] as [Unicode.Scalar])
        case 0x153: out.append(contentsOf: ["o", "e"] as [Unicode.Scalar])
        case 0xFE: out.append(contentsOf: ["t", "h"] as [Unicode.Scalar])
        case 0xF8: out.append("o")
        case 0x111, 0xF0: out.append("d")
        case 0x127: out.append("h")
        case 0x131: out.append("i")
        case 0x142: out.append("l")
        case 0x167: out.append("t")
        case 0x3C2: out.append("σ")
        default: out.append(foldTable.base(of: scalar) ?? scalar)
        }
    }

    /// Combining diacritical marks (and their supplements and extensions).
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

        func base(of scalar: Unicode.Scalar) -> Unicode.Scalar? {
            let value = scalar.value
            guard value >= 0xC0, value < 0x2000, bases[Int(value - 0xC0)] != 0 else { return nil }
            return Unicode.Scalar(bases[Int(value - 0xC0)])
        }
    }

    // MARK: - Arabic

    /// Lucene's ArabicNormalizer plus digits and the Persian keyboard's letters:
    /// harakat, Quranic marks and tatweel deleted; أ إ آ ٱ → ا, ة → ه, ى → ي,
    /// ؤ → و, ئ → ي, ک → ك, ی → ي, ۀ → ه; Arabic-Indic and Persian digits → 0–9.
    private static func appendArabic(_ scalar: Unicode.Scalar, to out: inout [Unicode.Scalar]) {
        let value = scalar.value
        switch value {
        case 0x0610...0x061A, 0x064B...0x065F, 0x0670, 0x06D6...0x06DC, 0x06DF...0x06E8, 0x06EA...0x06ED, 0x0640:
            return
        case 0x0622, 0x0623, 0x0625, 0x0671: out.append("\u{0627}")
        case 0x0629, 0x06C0: out.append("\u{0647}")
        case 0x0649, 0x0626, 0x06CC: out.append("\u{064A}")
        case 0x0624: out.append("\u{0648}")
        case 0x06A9: out.append("\u{0643}")
        case 0x0660...0x0669: out.append(Unicode.Scalar(value - 0x0660 + 0x30)!)
        case 0x06F0...0x06F9: out.append(Unicode.Scalar(value - 0x06F0 + 0x30)!)
        default: out.append(scalar)
        }
    }

    // MARK: - Hebrew

    /// Niqqud and cantillation deleted; final letters ך ם ן ף ץ → כ מ נ פ צ.
    private static func appendHebrew(_ scalar: Unicode.Scalar, to out: inout [Unicode.Scalar]) {
        let value = scalar.value
        switch value {
        case 0x0591...0x05BD, 0x05BF, 0x05C1, 0x05C2, 0x05C4, 0x05C5, 0x05C7: return
        case 0x05DA, 0x05DD, 0x05DF, 0x05E3, 0x05E5: out.append(Unicode.Scalar(value + 1)!)
        default: out.append(scalar)
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
