import Foundation

/// Receives the scalars of prepared text, with their `ScalarInfo` flags.
protocol ScalarSink {
    mutating func feed(_ value: UInt32, _ info: UInt8)
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
                var end = start
                var unstable = false
                while end < bytes.count, !isASCIIWhitespace(bytes[end]) {
                    if bytes[end] < 0x80 {
                        end += 1
                    } else {
                        let (value, length) = decode(bytes, at: end)
                        if ScalarInfo.of(value, in: table) & ScalarInfo.unstable != 0 { unstable = true }
                        end += length
                    }
                }
                if unstable {
                    let piece = normalized(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                    for scalar in piece.unicodeScalars { sink.feed(scalar.value, ScalarInfo.of(scalar.value, in: table)) }
                } else {
                    var index = start
                    while index < end {
                        let (value, length) = bytes[index] < 0x80 ? (UInt32(bytes[index]), 1) : decode(bytes, at: index)
                        sink.feed(value, ScalarInfo.of(value, in: table))
                        index += length
                    }
                }
                if end < bytes.count { sink.feed(UInt32(bytes[end]), 0) }
                start = end + 1
            }
        }
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
