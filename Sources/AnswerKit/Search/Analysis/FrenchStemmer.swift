/// A light French stemmer in the spirit of Savoy's "UniNE" light stemmer
/// (Lucene's FrenchLightStemmer) and the inflectional part of Snowball French.
///
/// Runs on accent-folded ASCII a–z words, in four steps:
/// 1. plural: -aux → -al (chevaux → cheval, not -eaux), else a final -x or -s
///    (not -ss) is removed when more than three letters remain;
/// 2. two frequent derivations, when four letters remain: -ement (remboursement
///    → rembours) or -ation (annulation → annul);
/// 3. the first of -ee, -ez, -er, -e that leaves at least three letters
///    (commandée, commandez, commander, commande → command);
/// 4. a final doubled consonant other than s is undoubled (appell → appel).
enum FrenchStemmer {
    /// Suffixes a query's unfinished last word may be completed with.
    static let completions = [UInt32].words("s x e es ee ees ez er ement ements ation ations")

    /// Stems `word` in place.
    static func stem(_ word: inout [UInt32]) {
        if word.count > 5, word.hasSuffix("aux"), word[word.count - 4] != 0x65 {
            word.removeLast(2)
            word.append(0x6C)  // l
        } else if word.count > 3, word.hasSuffix("x") {
            word.removeLast()
        } else if word.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss") {
            word.removeLast()
        }
        if word.count >= 9, word.hasSuffix("ement") || word.hasSuffix("ation") {
            word.removeLast(5)
        }
        if word.hasSuffix("ee"), word.count >= 5 {
            word.removeLast(2)
        } else if word.hasSuffix("ez") || word.hasSuffix("er"), word.count >= 5 {
            word.removeLast(2)
        } else if word.hasSuffix("e"), word.count >= 4 {
            word.removeLast()
        }
        let count = word.count
        if count >= 4, word[count - 1] == word[count - 2], !isVowelOrS(word[count - 1]) {
            word.removeLast()
        }
    }

    private static func isVowelOrS(_ letter: UInt32) -> Bool {
        switch letter {
        case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x79, 0x73: return true  // a e i o u y s
        default: return false
        }
    }
}
