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
    static let light10Prefixes = AffixList("ال وال بال كال فال لل و")
    static let light10Suffixes = AffixList("ها ان ات ون ين يه ية ه ة ي")
    static let pronouns = AffixList("كما هما كم كن هم هن نا ها ك ه ي")
    static let proclitics = AffixList("وبال فبال وكال فكال ولل فلل وال فال بال كال لل ال وب فب ول فل وك فك و ف ب ل ك")
    /// The proclitic clusters that end with the article (ال, or لل for ل + ال).
    static let articleClusters = AffixList("وبال فبال وكال فكال ولل فلل وال فال بال كال لل ال")

    /// Suffixes a query's unfinished last word may be completed with.
    static let completions = [UInt32].words("ها ان ات ون ين يه ه ي كما هما كم كن هم هن نا ك")

    private static let teh: UInt32 = 0x062A
    private static let alef: UInt32 = 0x0627

    /// Adds the light10 stem, then the pronoun and clitic alternates.
    /// `scratch` is working storage.
    static func stems(_ word: ArraySlice<UInt32>, into terms: inout TermList, scratch: inout [UInt32]) {
        scratch.clear()
        scratch.append(contentsOf: word)
        light10Prefix(&scratch)
        let prefixEnd = word.count - scratch.count
        light10Suffix(&scratch)
        terms.add(scratch[...])

        scratch.clear()
        scratch.append(contentsOf: word.dropFirst(prefixEnd))
        stripPronoun(&scratch)
        light10Suffix(&scratch)
        terms.add(scratch[...])

        scratch.clear()
        scratch.append(contentsOf: word)
        stripProclitic(&scratch)
        stripPronoun(&scratch)
        light10Suffix(&scratch)
        terms.add(scratch[...])
    }

    static func light10Prefix(_ word: inout [UInt32]) {
        let prefixes = light10Prefixes
        for index in 0..<prefixes.count {
            let length = prefixes.length(index)
            if word.count >= (length == 1 ? 4 : length + 2), prefixes.isPrefix(index, of: word) {
                word.removeFirst(length)
                return
            }
        }
    }

    static func light10Suffix(_ word: inout [UInt32]) {
        let suffixes = light10Suffixes
        for index in 0..<suffixes.count {
            let length = suffixes.length(index)
            if word.count >= length + 2, suffixes.isSuffix(index, of: word, end: word.count) { word.removeLast(length) }
        }
    }

    static func stripPronoun(_ word: inout [UInt32]) {
        let suffixes = pronouns
        for index in 0..<suffixes.count {
            let length = suffixes.length(index)
            guard word.count - length >= 3, suffixes.isSuffix(index, of: word, end: word.count) else { continue }
            word.removeLast(length)
            let count = word.count
            if count >= 4, word[count - 1] == teh, word[count - 2] != alef { word.removeLast() }
            return
        }
    }

    static func stripProclitic(_ word: inout [UInt32]) {
        let prefixes = proclitics
        for index in 0..<prefixes.count where word.count - prefixes.length(index) >= 3 && prefixes.isPrefix(index, of: word) {
            word.removeFirst(prefixes.length(index))
            return
        }
    }

    /// A word being typed without its article cluster, when at least one letter
    /// follows it: "الك" is the start of الكتاب, so its stem starts with ك.
    static func withoutTypedArticle(_ word: ArraySlice<UInt32>) -> ArraySlice<UInt32>? {
        let clusters = articleClusters
        for index in 0..<clusters.count where word.count > clusters.length(index) && clusters.isPrefix(index, of: word) {
            return word.dropFirst(clusters.length(index))
        }
        return nil
    }

    /// Whether a word is only a proclitic cluster: written apart from a
    /// following word in another script ("الـiPhone", "بالـ2024"), it is dropped.
    static func isStandaloneClitic(_ word: ArraySlice<UInt32>) -> Bool {
        proclitics.firstIndex(of: word) != nil
    }
}
