/// The script of a word, which decides where words split and which stemmer applies.
enum WordScript: Equatable, Sendable {
    case arabic, hebrew, han, other

    /// The script of a letter or digit. Digits are `.other` in every script, so
    /// "ال100" splits into "ال" and "100".
    @inline(__always)
    static func of(_ value: UInt32, info: UInt8) -> WordScript {
        if value < 0x0590 || info & ScalarInfo.digit != 0 { return .other }
        switch value {
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

/// Receives the words of a text, as the tokenizer finds them.
protocol WordSink {
    /// A word: `scalars` (not yet normalized), split into parts at compound
    /// joiners starting at `segmentStarts` (the first is 0). Apostrophes inside
    /// a part are `Tokenizer.apostrophe`, Hebrew gershayim `Tokenizer.hebrewQuote`.
    /// `attached`: the next word follows with no space, in another script
    /// ("الـiPhone", "ה-iPhone"). `open`: the word runs to the end of the text,
    /// so a query's user may still be typing it.
    mutating func word(_ scalars: [UInt32], segmentStarts: [Int], script: WordScript, attached: Bool, open: Bool)

    /// See `ScalarSink.plainWord(_:)`: the word is neither attached nor part
    /// of a compound, and the sink's next `word` call, if false, is this word.
    mutating func plainWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool

    /// See `ScalarSink.takesPieces` and `ScalarSink.piece(_:)`: the sink's `word`
    /// calls until the next `piece` call (or the end of the text), if false, are
    /// the words of this piece.
    static var takesPieces: Bool { get }
    mutating func piece(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool
}

extension WordSink {
    mutating func plainWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { false }
    static var takesPieces: Bool { false }
    mutating func piece(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { false }
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
/// selectors are skipped; a mark with no letter before it is dropped.
/// Everything else separates words, including @ and # (so "@answerkit" is the
/// word "answerkit"). Every Han ideograph is a word of its own, since Chinese and
/// Japanese do not separate words with spaces.
struct Tokenizer<Sink: WordSink>: ScalarSink {
    static var apostrophe: UInt32 { 0x27 }
    static var hebrewQuote: UInt32 { 0x22 }

    var sink: Sink
    private var scalars: [UInt32] = []
    private var segmentStarts: [Int] = []
    private var script: WordScript = .other
    private var pending: Joiner?
    /// The flags of the last letter or digit of the current word.
    private var lastInfo: UInt8 = 0

    init(sink: Sink) {
        self.sink = sink
        scalars.reserveCapacity(64)
    }

    enum Joiner: Sendable {
        case apostrophe, hebrewQuote, compound, digitSeparator

        @inline(__always)
        init?(_ value: UInt32) {
            switch value {
            case 0x27, 0x2019, 0x02BC, 0x05F3: self = .apostrophe
            case 0x22, 0x05F4: self = .hebrewQuote
            case 0x2D, 0x2010, 0x2011, 0x05BE, 0x2E, 0x5F: self = .compound
            case 0x2C, 0x066B, 0x066C: self = .digitSeparator
            default: return nil
            }
        }
    }

    @inline(__always)
    mutating func feed(_ value: UInt32, _ info: UInt8) {
        // The common case first: another ASCII letter or digit of a Latin word.
        if value < 0x80, info & ScalarInfo.word != 0, pending == nil, script == .other, !scalars.isEmpty {
            scalars.append(value)
            lastInfo = info
            return
        }
        feedSlowly(value, info)
    }

    private mutating func feedSlowly(_ value: UInt32, _ info: UInt8) {
        if info & ScalarInfo.ignorable != 0 { return }
        // Joiners first: U+02BC ʼ is a letter by category.
        if let joiner = Joiner(value) {
            if !scalars.isEmpty, pending == nil {
                pending = joiner
            } else {
                finish(attached: false, open: false)
            }
            return
        }
        if info & ScalarInfo.mark != 0 {
            // A mark belongs to the letter before it; without one it is dropped.
            if !scalars.isEmpty, pending == nil { scalars.append(value) }
            return
        }
        guard info & ScalarInfo.word != 0 else {
            finish(attached: false, open: false)
            return
        }
        let script = WordScript.of(value, info: info)
        if scalars.isEmpty {
            start(value, script, info)
        } else if let joiner = pending {
            pending = nil
            if script == self.script, script != .han, allows(joiner, after: info) {
                switch joiner {
                case .apostrophe: scalars.append(Self.apostrophe)
                case .hebrewQuote: scalars.append(Self.hebrewQuote)
                case .compound, .digitSeparator: segmentStarts.append(scalars.count)
                }
                scalars.append(value)
                lastInfo = info
            } else {
                let crossesScripts = joiner == .compound && script != self.script
                    && script != .han && self.script != .han
                finish(attached: crossesScripts, open: false)
                start(value, script, info)
            }
        } else if script != self.script || script == .han {
            finish(attached: script != .han && self.script != .han, open: false)
            start(value, script, info)
        } else {
            scalars.append(value)
            lastInfo = info
        }
    }

    /// Between pieces of text the tokenizer holds no word, so the sink may
    /// answer a plain word itself.
    mutating func plainWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        sink.plainWord(bytes)
    }

    static var takesPieces: Bool { Sink.takesPieces }

    mutating func piece(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        sink.piece(bytes)
    }

    /// Ends the text: the last word is open unless a joiner trails it.
    mutating func finishText() {
        finish(attached: false, open: pending == nil)
    }

    private func allows(_ joiner: Joiner, after info: UInt8) -> Bool {
        switch joiner {
        case .apostrophe, .compound: return true
        case .hebrewQuote: return script == .hebrew
        case .digitSeparator: return lastInfo & ScalarInfo.digit != 0 && info & ScalarInfo.digit != 0
        }
    }

    private mutating func start(_ value: UInt32, _ script: WordScript, _ info: UInt8) {
        self.script = script
        segmentStarts.append(0)
        scalars.append(value)
        lastInfo = info
    }

    private mutating func finish(attached: Bool, open: Bool) {
        pending = nil
        guard !scalars.isEmpty else { return }
        sink.word(scalars, segmentStarts: segmentStarts, script: script, attached: attached, open: open)
        scalars.clear()
        segmentStarts.clear()
    }
}

extension Tokenizer: Sendable where Sink: Sendable {}

/// A word as the tokenizer found it (for tests).
struct RawWord: Equatable {
    var segments: [[UInt32]]
    var script: WordScript
    var attached: Bool
    var open: Bool

    /// The words of `text`, prepared.
    static func words(in text: String) -> [RawWord] {
        struct Collector: WordSink {
            var words: [RawWord] = []
            mutating func word(_ scalars: [UInt32], segmentStarts: [Int], script: WordScript, attached: Bool, open: Bool) {
                let ends = segmentStarts.dropFirst() + [scalars.count]
                let segments = zip(segmentStarts, ends).map { Array(scalars[$0..<$1]) }
                words.append(RawWord(segments: segments, script: script, attached: attached, open: open))
            }
        }
        var tokenizer = Tokenizer(sink: Collector())
        TextPreparation.feed(text, into: &tokenizer)
        tokenizer.finishText()
        return tokenizer.sink.words
    }
}
