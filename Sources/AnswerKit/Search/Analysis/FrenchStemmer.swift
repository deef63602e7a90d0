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
    static let completions = ["s", "x", "e", "es", "ee", "ees", "ez", "er", "ement", "ements", "ation", "ations"]

    static func stem(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var word = scalars
        func ends(_ suffix: String) -> Bool {
            word.count >= suffix.unicodeScalars.count && word.suffix(suffix.unicodeScalars.count).elementsEqual(suffix.unicodeScalars)
        }
        if word.count > 5, ends("aux"), word[word.count - 4] != "e" {
            word.removeLast(2)
            word.append("l")
        } else if word.count > 3, ends("x") {
            word.removeLast()
        } else if word.count > 3, ends("s"), !ends("ss") {
            word.removeLast()
        }
        if word.count >= 9, ends("ement") || ends("ation") {
            word.removeLast(5)
        }
        for suffix in ["ee", "ez", "er", "e"] where ends(suffix) && word.count - suffix.unicodeScalars.count >= 3 {
            word.removeLast(suffix.unicodeScalars.count)
            break
        }
        if word.count >= 4, word[word.count - 1] == word[word.count - 2], !"aeiouys".unicodeScalars.contains(word[word.count - 1]) {
            word.removeLast()
        }
        return word
    }
}
