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
    static let maximumPrefixLength = 4
    static let minimumRemainder = 3

    /// Adds the word, then the word without each plausible prefix cluster,
    /// shortest cluster first. Follows `ScalarNormalizer` (final letters are
    /// already base forms).
    static func terms(_ word: ArraySlice<UInt32>, into terms: inout TermList) {
        terms.add(word)
        let longest = min(maximumPrefixLength, word.count - minimumRemainder)
        guard longest >= 1 else { return }
        var previous: UInt32 = 0
        for length in 1...longest {
            let letter = word[word.startIndex + length - 1]
            guard allowed(letter, after: previous) else { return }
            previous = letter
            terms.add(word.dropFirst(length))
        }
    }

    /// Whether `word` is only a plausible prefix cluster: written apart from a
    /// following word in another script ("ה-iPhone", "ב-2024"), it is dropped.
    static func isStandaloneCluster(_ word: ArraySlice<UInt32>) -> Bool {
        guard !word.isEmpty, word.count <= maximumPrefixLength else { return false }
        var previous: UInt32 = 0
        for letter in word {
            guard allowed(letter, after: previous) else { return false }
            previous = letter
        }
        return true
    }

    /// ו ה ב ל מ ש כ may start a cluster (`previous` 0); ו is followed by any of
    /// the others, ש by ה ב ל מ כ, מ by ש or ה, כ by ש; ה ב ל end a cluster.
    private static func allowed(_ letter: UInt32, after previous: UInt32) -> Bool {
        let vav: UInt32 = 0x05D5, he: UInt32 = 0x05D4, bet: UInt32 = 0x05D1, lamed: UInt32 = 0x05DC
        let mem: UInt32 = 0x05DE, shin: UInt32 = 0x05E9, kaf: UInt32 = 0x05DB
        switch previous {
        case 0: return letter == vav || letter == he || letter == bet || letter == lamed || letter == mem
            || letter == shin || letter == kaf
        case vav: return letter == he || letter == bet || letter == lamed || letter == mem || letter == shin || letter == kaf
        case shin: return letter == he || letter == bet || letter == lamed || letter == mem || letter == kaf
        case mem: return letter == shin || letter == he
        case kaf: return letter == shin
        default: return false
        }
    }
}
