/// Light stemming for Arabic: Larkey's light10 as implemented by Lucene's
/// ArabicStemmer, plus two more tolerant readings as alternates.
///
/// Arabic attaches conjunctions, prepositions and the article in front of a
/// word (وبالحساب "and with the account") and pronouns behind it (طلبك "your
/// order"). light10 removes one of ال وال بال كال فال لل و from the front (و
/// only from words of four letters or more, the others when two letters remain)
/// and then each of ها ان ات ون ين يه ية ه ة ي from the end, in that order, when
/// two letters remain. It leaves single-letter prepositions (ب ل ك ف) and
/// possessive pronouns (ك كم هم نا…) alone, so light10 alone cannot match
/// لطلبك with طلب. The alternates can:
/// - pronouns: light10's prefix, then one pronoun suffix (كما هما كم كن هم هن نا
///   ها ك ه ي) when three letters remain, then a final ت when four letters
///   remain and it is not the plural ات (it is ة written before a pronoun:
///   بطاقتك → بطاق, like بطاقة), then light10's suffixes;
/// - clitics: the longest of the proclitic clusters [و ف]?[ب ك ل]?(ال)? (and لل)
///   when three letters remain, then as above.
/// Input is normalized (ة is already ه, so light10's ة suffixes never match
/// but are kept for fidelity).
enum ArabicStemmer {
    private static func letters(_ list: String) -> [[Unicode.Scalar]] {
        list.split(separator: " ").map { Array($0.unicodeScalars) }
    }

    static let light10Prefixes = letters("ال وال بال كال فال لل و")
    static let light10Suffixes = letters("ها ان ات ون ين يه ية ه ة ي")
    static let pronouns = letters("كما هما كم كن هم هن نا ها ك ه ي")
    static let proclitics = letters("وبال فبال وكال فكال ولل فلل وال فال بال كال لل ال وب فب ول فل وك فك و ف ب ل ك")

    /// Suffixes a query's unfinished last word may be completed with.
    static let completions = letters("ها ان ات ون ين يه ه ي كما هما كم كن هم هن نا ك")

    /// The light10 stem first, then the alternates that differ from it.
    static func stems(_ word: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        let light = light10Prefix(word)
        return [
            light10Suffix(light),
            light10Suffix(stripPronoun(light)),
            light10Suffix(stripPronoun(stripProclitic(word))),
        ]
    }

    static func light10Prefix(_ word: [Unicode.Scalar]) -> [Unicode.Scalar] {
        for prefix in light10Prefixes {
            let minimum = prefix.count == 1 ? 4 : prefix.count + 2
            if word.count >= minimum, word.starts(with: prefix) { return Array(word.dropFirst(prefix.count)) }
        }
        return word
    }

    static func light10Suffix(_ word: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var word = word
        for suffix in light10Suffixes where word.count >= suffix.count + 2 && word.hasSuffix(suffix) {
            word.removeLast(suffix.count)
        }
        return word
    }

    static func stripPronoun(_ word: [Unicode.Scalar]) -> [Unicode.Scalar] {
        for suffix in pronouns where word.count - suffix.count >= 3 && word.hasSuffix(suffix) {
            var stem = Array(word.dropLast(suffix.count))
            let teh: Unicode.Scalar = "\u{062A}"
            if stem.count >= 4, stem.last == teh, !stem.hasSuffix(["\u{0627}", teh]) { stem.removeLast() }
            return stem
        }
        return word
    }

    static func stripProclitic(_ word: [Unicode.Scalar]) -> [Unicode.Scalar] {
        for prefix in proclitics where word.count - prefix.count >= 3 && word.starts(with: prefix) {
            return Array(word.dropFirst(prefix.count))
        }
        return word
    }

    /// Clusters written apart from a following word in another script
    /// ("الـiPhone", "بالـ2024"); such a word is dropped.
    static let standaloneClitics = Set(proclitics)
}

extension Array where Element == Unicode.Scalar {
    func hasSuffix(_ suffix: [Unicode.Scalar]) -> Bool {
        count >= suffix.count && self[(count - suffix.count)...].elementsEqual(suffix)
    }
}
