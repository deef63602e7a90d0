import Foundation

/// Receives the scalars of prepared text, with their `ScalarInfo` flags.
protocol ScalarSink {
    mutating func feed(_ value: UInt32, _ info: UInt8)

    /// Offered before the scalars of a whitespace-delimited piece of text that
    /// holds exactly one plain word, `bytes` (letters and digits of one script,
    /// nothing to normalize with NFKC, possibly between punctuation): true when
    /// the sink knows its terms already, and the piece is then not fed.
    mutating func plainWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool

    /// Whether the sink is offered every whitespace-delimited piece of text first
    /// (`piece(_:)`).
    static var takesPieces: Bool { get }

    /// Offered, when `takesPieces`, before anything else of each non-empty piece of
    /// text between ASCII whitespace, `bytes`: true when the sink knows its words
    /// already, and the piece is then neither scanned nor fed. (A piece's words
    /// depend on its bytes alone: whitespace ends words, and the sink holds no word
    /// when a piece starts.)
    mutating func piece(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool
}

extension ScalarSink {
    mutating func plainWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { false }
    static var takesPieces: Bool { false }
    mutating func piece(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { false }
}

/// The first step of analysis: symbols become spaces, then the text is put in
/// Unicode Normalization Form KC.
///
/// NFKC folds compatibility forms to their plain equivalents: fullwidth
/// ＡＢＣ１２３ → ABC123, ligatures ﬁ → fi, superscripts ² → 2, Arabic and
/// Hebrew presentation forms ﻻ → لا, ﬠ → ע, and composes decomposed accents.
/// Symbols are replaced first because NFKC would turn some of them into letters
/// glued to the previous word (AnswerKit™ → AnswerKitTM). The browser does the
/// same with `text.replace(/[\p{S}\u2139]/gu, " ").normalize("NFKC")`.
///
/// Foundation's NFKC runs at about 40 MB/s, so it is applied only where it can
/// change something: the text is cut at ASCII whitespace (which NFKC never
/// composes, reorders or changes, so normalizing the pieces equals normalizing
/// the whole), and only pieces containing a `ScalarInfo.unstable` scalar are
/// normalized. The rest (all ASCII text, most Arabic, Hebrew, French and
/// Turkish words) is decoded straight from its UTF-8 bytes.
enum TextPreparation {
    /// Feeds the prepared scalars of `text` to `sink`.
    static func feed<Sink: ScalarSink>(_ text: String, into sink: inout Sink) {
        let table = ScalarInfo.table
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            while start < bytes.count {
                if Sink.takesPieces {
                    let end = pieceEnd(bytes, from: start)
                    // Skipped whole, with the whitespace after it: the sink holds no
                    // word before or after it, so that whitespace would change nothing.
                    if end > start, sink.piece(UnsafeBufferPointer(rebasing: bytes[start..<end])) {
                        start = end + 1
                        continue
                    }
                }
                let piece = scan(bytes, from: start, table: table)
                if let core = piece.plainWord, sink.plainWord(UnsafeBufferPointer(rebasing: bytes[core])) {
                    // Answered by the sink.
                } else if piece.unstable {
                    let text = normalized(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<piece.end]), as: UTF8.self))
                    for scalar in text.unicodeScalars { sink.feed(scalar.value, ScalarInfo.of(scalar.value, in: table)) }
                } else {
                    var index = start
                    while index < piece.end {
                        let (value, length) = bytes[index] < 0x80 ? (UInt32(bytes[index]), 1) : decode(bytes, at: index)
                        sink.feed(value, ScalarInfo.of(value, in: table))
                        index += length
                    }
                }
                if piece.end < bytes.count { sink.feed(UInt32(bytes[piece.end]), 0) }
                start = piece.end + 1
            }
        }
    }

    /// A piece of text between ASCII whitespace.
    private struct Piece {
        /// Where it ends (exclusive): at whitespace or the end of the text.
        var end: Int
        /// Whether it holds a scalar that NFKC or the symbol replacement may change.
        var unstable = false
        /// The bytes of its only word, when it is one plain word (≤ 32 bytes):
        /// letters and digits of one script, neither Han nor U+02BC ʼ, no marks
        /// or format characters, with only punctuation before and after it.
        var plainWord: Range<Int>?
    }

    /// Finds the end of the piece starting at `start`, and what it holds.
    @inline(__always)
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, table: [UInt8]) -> Piece {
        var piece = Piece(end: start)
        var plain = true
        var coreStart = -1
        var coreEnd = -1
        var coreScript = WordScript.other
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if isASCIIWhitespace(byte) { break }
                if plain {
                    let isAlphanumeric = (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                    if isAlphanumeric {
                        if coreStart < 0 {
                            coreStart = index
                            coreScript = .other
                        } else if coreEnd < index || coreScript != .other {
                            plain = false
                        }
                        coreEnd = index + 1
                    }
                }
                index += 1
                continue
            }
            let (value, length) = decode(bytes, at: index)
            let info = ScalarInfo.of(value, in: table)
            if info & ScalarInfo.unstable != 0 { piece.unstable = true }
            if plain {
                if info & (ScalarInfo.mark | ScalarInfo.ignorable) != 0 || value == 0x02BC {
                    plain = false
                } else if info & ScalarInfo.word != 0 {
                    let script = WordScript.of(value, info: info)
                    if script == .han {
                        plain = false
                    } else if coreStart < 0 {
                        coreStart = index
                        coreScript = script
                    } else if coreEnd < index || coreScript != script {
                        plain = false
                    }
                    coreEnd = index + length
                }
            }
            index += length
        }
        piece.end = index
        if plain, !piece.unstable, coreStart >= 0, coreEnd - coreStart <= 32 { piece.plainWord = coreStart..<coreEnd }
        return piece
    }

    /// The prepared text as a string (for tests and debugging).
    static func prepare(_ text: String) -> String {
        struct Collector: ScalarSink {
            var view = String.UnicodeScalarView()
            mutating func feed(_ value: UInt32, _ info: UInt8) { view.append(Unicode.Scalar(value)!) }
        }
        var collector = Collector()
        feed(text, into: &collector)
        return String(collector.view)
    }

    /// Symbols replaced by spaces, then NFKC.
    private static func normalized(_ piece: String) -> String {
        var view = String.UnicodeScalarView()
        for scalar in piece.unicodeScalars {
            let isSymbol = scalar.value >= 0x80 && ScalarInfo.of(scalar.value, in: ScalarInfo.table) & ScalarInfo.symbol != 0
            view.append(isSymbol ? " " : scalar)
        }
        // NFC after NFKC changes nothing in a correct implementation, but
        // Foundation on Linux leaves marks that come from a compatibility
        // decomposition uncomposed (ｶﾞ → カ + U+3099 instead of ガ), which the
        // browser's normalize("NFKC") composes.
        return String(view).precomposedStringWithCompatibilityMapping.precomposedStringWithCanonicalMapping
    }

    /// The index of the first ASCII whitespace byte at or after `start`, or the end
    /// of `bytes`: looked for eight bytes at a time (a piece of text is a few bytes
    /// long, and this runs for each of the millions in a large site).
    ///
    /// In a word `w` of 8 bytes, `(w − 0x21…21) & ~w & 0x80…80` has the top bit set
    /// in the byte of the first byte below 0x21 (and maybe in later ones, through
    /// borrows, which are not used): that byte is whitespace, or a rare control
    /// character, after which the search goes on.
    @inline(__always)
    static func pieceEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        let raw = UnsafeRawPointer(base)
        var index = start
        while bytes.count - index >= 8 {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let below = (word &- 0x2121_2121_2121_2121) & ~word & 0x8080_8080_8080_8080
            if below == 0 {
                index += 8
                continue
            }
            index += below.trailingZeroBitCount / 8
            if isASCIIWhitespace(bytes[index]) { return index }
            index += 1
        }
        while index < bytes.count, !isASCIIWhitespace(bytes[index]) { index += 1 }
        return index
    }

    @inline(__always)
    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// The scalar starting at `index` of valid UTF-8 (a Swift string), and its length in bytes.
    @inline(__always)
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = UInt32(bytes[index])
        if lead < 0xE0 {
            return ((lead & 0x1F) << 6 | UInt32(bytes[index + 1]) & 0x3F, 2)
        } else if lead < 0xF0 {
            return ((lead & 0x0F) << 12 | (UInt32(bytes[index + 1]) & 0x3F) << 6 | UInt32(bytes[index + 2]) & 0x3F, 3)
        }
        return ((lead & 0x07) << 18 | (UInt32(bytes[index + 1]) & 0x3F) << 12 | (UInt32(bytes[index + 2]) & 0x3F) << 6
            | UInt32(bytes[index + 3]) & 0x3F, 4)
    }
}
