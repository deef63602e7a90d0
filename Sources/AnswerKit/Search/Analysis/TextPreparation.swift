import Foundation

/// The first step of analysis: symbols become spaces, then the text is put in
/// Unicode Normalization Form KC.
///
/// NFKC folds compatibility forms to their plain equivalents: fullwidth
/// ＡＢＣ１２３ → ABC123, ligatures ﬁ → fi, superscripts ² → 2, Arabic and
/// Hebrew presentation forms ﻻ → لا, ﬠ → ע, and composes decomposed accents.
/// Symbols are replaced first because NFKC would turn some of them into letters
/// glued to the previous word (AnswerKit™ → AnswerKitTM). The browser does the
/// same with `text.replace(/[\p{S}\u2139]/gu, " ").normalize("NFKC")`.
enum TextPreparation {
    /// `text` with symbols replaced by spaces, in NFKC.
    ///
    /// Fast paths, which give the same result: ASCII text is returned as is
    /// (it is NFKC, and its symbols separate words anyway), and so is text in
    /// which no scalar is `ScalarInfo.unstable`. Only the rest pays for
    /// Foundation's NFKC (about 40 MB/s).
    static func prepare(_ text: String) -> String {
        var ascii = true
        for byte in text.utf8 where byte >= 0x80 {
            ascii = false
            break
        }
        if ascii { return text }
        var unstable = false
        var symbols = false
        for scalar in text.unicodeScalars where scalar.value >= 0x80 {
            let info = ScalarInfo.of(scalar)
            if info.contains(.unstable) { unstable = true }
            if info.contains(.symbol) {
                symbols = true
                break
            }
        }
        guard unstable else { return text }
        var source = text
        if symbols {
            var view = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                view.append(scalar.value >= 0x80 && ScalarInfo.of(scalar).contains(.symbol) ? " " : scalar)
            }
            source = String(view)
        }
        // NFC after NFKC changes nothing in a correct implementation, but
        // Foundation on Linux leaves marks that come from a compatibility
        // decomposition uncomposed (ｶﾞ → カ + U+3099 instead of ガ), which the
        // browser's normalize("NFKC") composes.
        return source.precomposedStringWithCompatibilityMapping.precomposedStringWithCanonicalMapping
    }
}
