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

    /// The suffixes, longest first, with what must precede each.
    static let suffixes: AffixList = table.list
    static let contexts: [Context] = table.contexts

    private static let table: (list: AffixList, contexts: [Context]) = {
        var entries: [([UInt32], Context)] = []
        func add(_ context: Context, _ list: String) {
            for suffix in [UInt32].words(list) { entries.append((suffix, context)) }
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
        // Stable sort, longest first.
        let sorted = entries.enumerated()
            .sorted { $0.element.0.count != $1.element.0.count ? $0.element.0.count > $1.element.0.count : $0.offset < $1.offset }
            .map(\.element)
        return (AffixList(sorted.map(\.0)), sorted.map(\.1))
    }()

    /// Suffixes a query's unfinished last word may be completed with.
    static let completions: [[UInt32]] = (0..<suffixes.count).map { Array(suffixes.affix($0)) }

    /// The suffix indices (longest first) by their last letter, so that each
    /// step only tests the suffixes that can match.
    private static let byLastLetter: [(letter: UInt32, indices: [Int])] = {
        var groups: [(letter: UInt32, indices: [Int])] = []
        for index in 0..<suffixes.count {
            let letter = suffixes.affix(index).last!
            if let group = groups.firstIndex(where: { $0.letter == letter }) {
                groups[group].indices.append(index)
            } else {
                groups.append((letter, [index]))
            }
        }
        return groups
    }()

    @inline(__always)
    static func isVowel(_ letter: UInt32) -> Bool {
        switch letter {
        case 0x61, 0x65, 0x131, 0x69, 0x6F, 0xF6, 0x75, 0xFC: return true  // a e ı i o ö u ü
        default: return false
        }
    }

    @inline(__always)
    static func isHighVowel(_ letter: UInt32) -> Bool {
        switch letter {
        case 0x131, 0x69, 0x75, 0xFC: return true  // ı i u ü
        default: return false
        }
    }

    /// Stems `word` in place. `buffered3sg: false` skips -sı/-si/-su/-sü: after
    /// a vowel they are ambiguous with a stem ending in s (or ş typed without
    /// its cedilla) followed by -ı ("adresi" is adres + i, "iadesi" is iade +
    /// si, "siparisi" is sipariş + i), so the analyzer keeps both readings.
    static func stem(_ word: inout [UInt32], buffered3sg: Bool) {
        let suffixes = self.suffixes
        let contexts = self.contexts
        let groups = byLastLetter
        var end = word.count
        strip: while end > 3 {
            guard let group = groups.first(where: { $0.letter == word[end - 1] }) else { break }
            for index in group.indices {
                let length = suffixes.length(index)
                let start = end - length
                let context = contexts[index]
                // After the 3sg possessive vowel, a stem of three letters must precede it.
                guard start >= (context == .highVowel ? 4 : 3), suffixes.isSuffix(index, of: word, end: end) else { continue }
                if !buffered3sg, length == 2, word[start] == 0x73 { continue }
                let before = word[start - 1]
                switch context {
                case .any: break
                case .vowel: guard isVowel(before) else { continue }
                case .highVowel: guard isHighVowel(before) else { continue }
                case .consonant: guard !isVowel(before) else { continue }
                }
                guard word[..<start].contains(where: isVowel) else { continue }
                end = start
                continue strip
            }
            break
        }
        word.removeLast(word.count - end)
        guard end >= 3 else { return }
        switch word[end - 1] {
        case 0x62: word[end - 1] = 0x70  // b → p
        case 0x64: word[end - 1] = 0x74  // d → t
        case 0x67, 0x11F: word[end - 1] = 0x6B  // g ğ → k
        default: break
        }
    }
}
