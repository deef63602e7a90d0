import Foundation

/// URL- and id-safe slugs that keep non-Latin scripts readable.
///
/// "Comment ça marche ?" → `comment-ça-marche`, "كيف أسترد أموالي؟" →
/// `كيف-أسترد-أموالي`, "איך מחזירים?" → `איך-מחזירים`: letters and digits of
/// every script stay (lower-cased, NFC); Arabic tashkeel and Hebrew niqqud
/// (nonspacing marks) are dropped so the same word always gives the same slug;
/// everything else becomes a single `-`.
public enum Slug {
    /// The slug of `text`; empty when `text` has no letter or digit.
    public static func make(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var pendingDash = false
        for scalar in text.precomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            let properties = scalar.properties
            if properties.generalCategory == .nonspacingMark, !isLatinCombining(scalar) { continue }
            if properties.isAlphabetic || properties.numericType == .decimal || properties.generalCategory == .spacingMark
                || properties.generalCategory == .nonspacingMark || scalar == "_"
            {
                if pendingDash, !result.isEmpty { result.append("-") }
                pendingDash = false
                result.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return String(result)
    }

    /// Whether `text` is already a valid slug for a file name or id.
    public static func isValid(_ text: String) -> Bool {
        !text.isEmpty && make(text) == text
    }

    /// Combining marks that NFC could not compose into a Latin letter are kept.
    private static func isLatinCombining(_ scalar: Unicode.Scalar) -> Bool {
        (0x0300...0x036F).contains(scalar.value)
    }

    /// Percent-encodes a path for use in an `href` (keeps `/`).
    public static func urlPath(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: pathAllowed) ?? path
    }

    private static let pathAllowed: CharacterSet = {
        var set = CharacterSet.urlPathAllowed
        set.remove(charactersIn: "?#[]@!$&'()*+,;=:")
        return set
    }()
}
