/// A light Turkish stemmer for nouns: plural, possessive, case and copula
/// suffixes, in every vowel-harmony variant.
///
/// Turkish stacks suffixes (sipariş-ler-iniz-de), so the stemmer strips the
/// longest matching suffix from the end again and again. Each suffix states
/// what must precede it, which is how Turkish phonology separates readings:
/// vowel-initial suffixes (-ım, -ı, -a, -ınız) follow a consonant, buffered ones
/// (-sı, -yı, -ya, -nın, -mız) follow a vowel, and the pronominal n (-nı, -na,
/// -nda) follows the 3rd person possessive -ı/-i/-u/-ü. At least three letters, one of
/// them a vowel, must remain (four after the pronominal n, which needs a stem
/// and a possessive vowel before it). Repeating until nothing matches makes a word and
/// its inflected forms end at the same stem even where a stem happens to end
/// like a suffix (iade → iad, iadesi → iade → iad). Finally a final b d g ğ of
/// a stem of three letters or more becomes p t k k (hesabım → hesab → hesap),
/// as Snowball Turkish does.
///
/// Words are in Turkish lower case (I → ı, İ → i) with ç ğ ı ö ş ü kept; the
/// caller folds those afterwards, so queries typed without Turkish letters
/// match.
enum TurkishStemmer {
    enum Context { case any, vowel, highVowel, consonant }

    /// (suffix, what must precede it), longest first.
    static let suffixes: [([Unicode.Scalar], Context)] = {
        var table: [(String, Context)] = []
        func add(_ context: Context, _ list: String) {
            for suffix in list.split(separator: " ") { table.append((String(suffix), context)) }
        }
        // Plural; 3rd person plural possessive; locative, ablative, relative;
        // instrumental; copula.
        add(.any, "lar ler ları leri da de ta te dan den tan ten daki deki taki teki la le dır dir dur dür tır tir tur tür")
        // After a vowel: 1sg possessive -m; 1pl/2pl possessive; 3sg possessive
        // -sı; accusative -yı; dative -ya; genitive -nın; instrumental -yla.
        add(.vowel, "m mız miz muz müz nız niz nuz nüz sı si su sü yı yi yu yü ya ye nın nin nun nün yla yle")
        // After the 3sg possessive (-ı/-sı): the pronominal n of accusative,
        // dative, locative, ablative (siparişini, hesabına, iadesinde).
        add(.highVowel, "nı ni nu nü na ne nda nde ndan nden ndaki ndeki")
        // After a consonant: 1sg, 1pl, 2sg/genitive, 2pl possessive; 3sg
        // possessive or accusative; dative.
        add(.consonant, "ım im um üm ımız imiz umuz ümüz ın in un ün ınız iniz unuz ünüz ı i u ü a e")
        return table
            .map { (Array($0.0.unicodeScalars), $0.1) }
            .enumerated()
            .sorted { $0.element.0.count != $1.element.0.count ? $0.element.0.count > $1.element.0.count : $0.offset < $1.offset }
            .map(\.element)
    }()

    /// Suffixes a query's unfinished last word may be completed with.
    static var completions: [[Unicode.Scalar]] { suffixes.map(\.0) }

    static let vowels: Set<Unicode.Scalar> = ["a", "e", "ı", "i", "o", "ö", "u", "ü"]
    static let highVowels: Set<Unicode.Scalar> = ["ı", "i", "u", "ü"]

    /// The stems of a word: after a vowel, -sı/-si/-su/-sü is ambiguous with a
    /// stem ending in s (or ş typed without its cedilla) followed by -ı: "adresi"
    /// is adres + i, "iadesi" is iade + si, "siparisi" is sipariş + i. Both
    /// readings are returned when they differ, the -sı reading first.
    static func stems(_ word: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        [stem(word, buffered3sg: true), stem(word, buffered3sg: false)]
    }

    static func stem(_ word: [Unicode.Scalar], buffered3sg: Bool) -> [Unicode.Scalar] {
        var end = word.count
        strip: while true {
            for (suffix, context) in suffixes {
                let start = end - suffix.count
                // After the 3sg possessive vowel, a stem of three letters must precede it.
                guard start >= (context == .highVowel ? 4 : 3), word[start..<end].elementsEqual(suffix) else { continue }
                if !buffered3sg, suffix.count == 2, suffix[0] == "s" { continue }
                let before = word[start - 1]
                switch context {
                case .any: break
                case .vowel: guard vowels.contains(before) else { continue }
                case .highVowel: guard highVowels.contains(before) else { continue }
                case .consonant: guard !vowels.contains(before) else { continue }
                }
                guard word[..<start].contains(where: vowels.contains) else { continue }
                end = start
                continue strip
            }
            break
        }
        var stem = Array(word[..<end])
        guard stem.count >= 3 else { return stem }
        switch stem.last {
        case "b": stem[stem.count - 1] = "p"
        case "d": stem[stem.count - 1] = "t"
        case "g", "ğ": stem[stem.count - 1] = "k"
        default: break
        }
        return stem
    }
}
