/// Hebrew attaches up to four one-letter words to the front of the next word:
/// ו (and), ה (the), ב (in), ל (to), מ (from), ש (that), כ (as), as in וכשהלקוח
/// "and when the customer". Whether a leading letter is such a prefix or part of
/// the word (הזמנה "order" starts with a root ה) cannot be told without a
/// dictionary, so the analyzer keeps the whole word as the primary term and adds
/// every plausible prefix-stripped form as an alternate.
///
/// A cluster is plausible when it follows Hebrew's order: ו only first; ה only
/// last, and not right after ב ל כ (which absorb the article); after ש any of
/// ה ב ל מ כ; after מ only ש or ה; after כ only ש. At least three letters
/// must remain, which keeps two-letter words (יד, דף) from matching noise.
enum HebrewPrefixes {
    /// Follows `ScalarNormalizer` (final letters are already base forms).
    private static let vav: Unicode.Scalar = "\u{05D5}"
    private static let he: Unicode.Scalar = "\u{05D4}"
    private static let bet: Unicode.Scalar = "\u{05D1}"
    private static let lamed: Unicode.Scalar = "\u{05DC}"
    private static let mem: Unicode.Scalar = "\u{05DE}"
    private static let shin: Unicode.Scalar = "\u{05E9}"
    private static let kaf: Unicode.Scalar = "\u{05DB}"

    static let maximumPrefixLength = 4
    static let minimumRemainder = 3

    /// The word, then the word without each plausible prefix cluster, shortest cluster first.
    static func terms(_ word: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        var result = [word]
        let longest = min(maximumPrefixLength, word.count - minimumRemainder)
        guard longest >= 1 else { return result }
        for length in 1...longest {
            guard isCluster(word[..<length]) else { break }
            result.append(Array(word[length...]))
        }
        return result
    }

    /// Whether `letters` is a plausible prefix cluster.
    static func isCluster(_ letters: ArraySlice<Unicode.Scalar>) -> Bool {
        var previous: Unicode.Scalar?
        for letter in letters {
            if !allowed(letter, after: previous) { return false }
            previous = letter
        }
        return previous != nil
    }

    private static func allowed(_ letter: Unicode.Scalar, after previous: Unicode.Scalar?) -> Bool {
        guard let previous else { return [vav, he, bet, lamed, mem, shin, kaf].contains(letter) }
        switch previous {
        case vav: return [he, bet, lamed, mem, shin, kaf].contains(letter)
        case shin: return [he, bet, lamed, mem, kaf].contains(letter)
        case mem: return letter == shin || letter == he
        case kaf: return letter == shin
        default: return false
        }
    }

    /// A cluster written apart from a following word in another script
    /// ("ה-iPhone", "ב-2024"); such a word is dropped.
    static func isStandaloneCluster(_ word: [Unicode.Scalar]) -> Bool {
        word.count <= maximumPrefixLength && isCluster(word[...])
    }
}
