/// The script of a word, which decides where words split and which stemmer applies.
enum WordScript: Equatable, Sendable {
    case arabic, hebrew, han, other

    /// The script of a letter, digit or mark. Digits are `.other` in every
    /// script, so "ال100" splits into "ال" and "100".
    static func of(_ scalar: Unicode.Scalar, info: ScalarInfo) -> WordScript {
        if info.contains(.digit) { return .other }
        switch scalar.value {
        case 0x0590...0x05FF, 0xFB1D...0xFB4F:
            return .hebrew
        case 0x0600...0x06FF, 0x0750...0x077F, 0x0870...0x08FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF:
            return .arabic
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF:
            return .han
        default:
            return .other
        }
    }
}

/// A word as written, split at compound joiners, not yet normalized.
struct RawWord {
    /// The parts of the word between compound joiners ("wi-fi" → "wi", "fi").
    /// Apostrophes inside a part are kept as `Tokenizer.apostrophe`, Hebrew
    /// gershayim as `Tokenizer.hebrewQuote`.
    var segments: [[Unicode.Scalar]]
    var script: WordScript
    /// The next word follows with no space: the script changed ("الـiPhone") or
    /// a hyphen joined two scripts ("ה-iPhone").
    var attachedToNext: Bool
    /// The word runs to the end of the text: a query's last word may still be
    /// being typed.
    var isOpen: Bool
}

/// Splits prepared (NFKC) text into words.
///
/// A word is a run of letters, digits and marks (general categories L, N, M) in
/// one script. Inside a word, a single joiner between two word characters of the
/// same script is kept:
/// - apostrophes ' ’ ʼ and Hebrew geresh ׳ (handled per language later);
/// - " and Hebrew gershayim ״ between Hebrew letters (צה"ל);
/// - compound joiners - ‐ ‑ ־ . _ (wi-fi, example.com, order_id, NB-48213);
/// - , ٫ ٬ between digits (1,000).
/// Format characters (ZWJ, ZWNJ, soft hyphen, bidi marks) and variation
/// selectors are skipped. Everything else separates words, including @ and #
/// (so "@answerkit" is the word "answerkit"). Every Han ideograph is a word of
/// its own, since Chinese and Japanese do not separate words with spaces.
enum Tokenizer {
    static let apostrophe: Unicode.Scalar = "'"
    static let hebrewQuote: Unicode.Scalar = "\""

    /// The words of `text`, in order.
    static func words(in text: String) -> [RawWord] {
        var builder = Builder()
        for scalar in text.unicodeScalars { builder.feed(scalar) }
        builder.finish(attached: false, open: builder.pending == nil)
        return builder.words
    }

    enum Joiner {
        case apostrophe, hebrewQuote, compound, digitSeparator

        init?(_ scalar: Unicode.Scalar) {
            switch scalar.value {
            case 0x27, 0x2019, 0x02BC, 0x05F3: self = .apostrophe
            case 0x22, 0x05F4: self = .hebrewQuote
            case 0x2D, 0x2010, 0x2011, 0x05BE, 0x2E, 0x5F: self = .compound
            case 0x2C, 0x066B, 0x066C: self = .digitSeparator
            default: return nil
            }
        }
    }

    private struct Builder {
        var words: [RawWord] = []
        var segments: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        var script: WordScript = .other
        var pending: Joiner?
        /// The facts about the last letter or digit of the current word.
        var lastInfo: ScalarInfo = []

        mutating func feed(_ scalar: Unicode.Scalar) {
            let info = ScalarInfo.of(scalar)
            if info.contains(.ignorable) { return }
            // Joiners first: U+02BC ʼ is a letter by category.
            if let joiner = Joiner(scalar) {
                if !current.isEmpty, pending == nil {
                    pending = joiner
                } else {
                    finish(attached: false, open: false)
                }
                return
            }
            if info.contains(.mark) {
                // A mark belongs to the letter before it; without one it is dropped.
                if !current.isEmpty, pending == nil { current.append(scalar) }
                return
            }
            guard info.contains(.word) else {
                finish(attached: false, open: false)
                return
            }
            let script = WordScript.of(scalar, info: info)
            if current.isEmpty {
                start(scalar, script, info)
            } else if let joiner = pending {
                pending = nil
                if script == self.script, script != .han, allows(joiner, after: info) {
                    switch joiner {
                    case .apostrophe: current.append(Tokenizer.apostrophe)
                    case .hebrewQuote: current.append(Tokenizer.hebrewQuote)
                    case .compound, .digitSeparator:
                        segments.append(current)
                        current.removeAll(keepingCapacity: true)
                    }
                    current.append(scalar)
                    lastInfo = info
                } else {
                    let crossesScripts = joiner == .compound && script != self.script
                        && script != .han && self.script != .han
                    finish(attached: crossesScripts, open: false)
                    start(scalar, script, info)
                }
            } else if script != self.script || script == .han {
                finish(attached: script != .han && self.script != .han, open: false)
                start(scalar, script, info)
            } else {
                current.append(scalar)
                lastInfo = info
            }
        }

        private func allows(_ joiner: Joiner, after info: ScalarInfo) -> Bool {
            switch joiner {
            case .apostrophe, .compound: return true
            case .hebrewQuote: return script == .hebrew
            case .digitSeparator: return lastInfo.contains(.digit) && info.contains(.digit)
            }
        }

        private mutating func start(_ scalar: Unicode.Scalar, _ script: WordScript, _ info: ScalarInfo) {
            self.script = script
            current.append(scalar)
            lastInfo = info
        }

        mutating func finish(attached: Bool, open: Bool) {
            pending = nil
            if !current.isEmpty {
                segments.append(current)
                current.removeAll(keepingCapacity: true)
            }
            guard !segments.isEmpty else { return }
            words.append(RawWord(segments: segments, script: script, attachedToNext: attached, isOpen: open))
            segments.removeAll(keepingCapacity: true)
        }
    }
}
