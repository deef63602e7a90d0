/// A light English stemmer: steps 1a, 1b, 1c and 5 of the Snowball English
/// ("Porter2") algorithm, https://snowballstem.org/algorithms/english/stemmer.html.
///
/// It removes inflections (plurals, -ed, -ing, -ly after -ed/-ing, final -e) and
/// leaves derivational suffixes alone (steps 2–4: -ational, -ness, -ment…), so
/// "refunds", "refunded" and "refunding" all become "refund" while "general"
/// stays apart from "generate". The exception lists of Porter2 (skies, news,
/// dying…) are not included. Words must be ASCII a–z.
enum EnglishStemmer {
    /// Suffixes a query's unfinished last word may be completed with.
    static let completions = ["s", "es", "ies", "ed", "ied", "ing", "ingly", "edly"]

    static func stem(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard scalars.count > 2 else { return scalars }
        var word = Word(scalars.map { UInt8(truncatingIfNeeded: $0.value) })
        word.step1a()
        word.step1b()
        word.step1c()
        word.step5()
        return word.letters.map { Unicode.Scalar($0 == Word.markedY ? Word.y : $0) }
    }

    private struct Word {
        static let y = UInt8(ascii: "y")
        /// A consonant y (at the start or after a vowel), written Y by Porter2.
        static let markedY = UInt8(ascii: "Y")

        var letters: [UInt8]
        let r1: Int
        let r2: Int

        init(_ letters: [UInt8]) {
            var letters = letters
            for index in letters.indices where letters[index] == Self.y {
                if index == 0 || Self.isVowel(letters[index - 1]) { letters[index] = Self.markedY }
            }
            self.letters = letters
            var r1 = Self.region(letters, after: 0)
            for prefix in ["gener", "commun", "arsen"] where letters.starts(with: Array(prefix.utf8)) {
                r1 = prefix.utf8.count
            }
            self.r1 = r1
            self.r2 = Self.region(letters, after: r1)
        }

        static func isVowel(_ letter: UInt8) -> Bool {
            switch letter {
            case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"),
                 UInt8(ascii: "y"):
                return true
            default:
                return false
            }
        }

        /// The start of the region after the first non-vowel that follows a
        /// vowel at or after `start` (R1 from 0, R2 from R1).
        static func region(_ letters: [UInt8], after start: Int) -> Int {
            var index = start + 1
            while index < letters.count {
                if !isVowel(letters[index]) && isVowel(letters[index - 1]) { return index + 1 }
                index += 1
            }
            return letters.count
        }

        func ends(_ suffix: String) -> Bool { letters.count >= suffix.utf8.count && letters.suffix(suffix.utf8.count).elementsEqual(suffix.utf8) }

        func hasVowel(before end: Int) -> Bool { letters[..<max(0, end)].contains(where: Self.isVowel) }

        /// Porter2's short syllable at the end of `letters[..<end]`.
        func endsInShortSyllable(_ end: Int) -> Bool {
            if end == 2 { return Self.isVowel(letters[0]) && !Self.isVowel(letters[1]) }
            guard end >= 3 else { return false }
            let last = letters[end - 1]
            return !Self.isVowel(letters[end - 3]) && Self.isVowel(letters[end - 2]) && !Self.isVowel(last)
                && last != UInt8(ascii: "w") && last != UInt8(ascii: "x") && last != Self.markedY
        }

        mutating func step1a() {
            if ends("sses") {
                letters.removeLast(2)
            } else if ends("ied") || ends("ies") {
                letters.removeLast(letters.count > 4 ? 2 : 1)
            } else if ends("us") || ends("ss") {
                return
            } else if ends("s"), hasVowel(before: letters.count - 2) {
                letters.removeLast()
            }
        }

        mutating func step1b() {
            if ends("eedly") {
                if letters.count - 5 >= r1 { letters.removeLast(3) }
            } else if ends("eed") {
                if letters.count - 3 >= r1 { letters.removeLast() }
            } else if let suffix = ["ingly", "edly", "ing", "ed"].first(where: ends) {
                guard hasVowel(before: letters.count - suffix.utf8.count) else { return }
                letters.removeLast(suffix.utf8.count)
                if ends("at") || ends("bl") || ends("iz") {
                    letters.append(UInt8(ascii: "e"))
                } else if endsInDouble() {
                    letters.removeLast()
                } else if endsInShortSyllable(letters.count), r1 >= letters.count {
                    letters.append(UInt8(ascii: "e"))
                }
            }
        }

        func endsInDouble() -> Bool {
            guard letters.count >= 2, letters[letters.count - 1] == letters[letters.count - 2] else { return false }
            return "bdfgmnprt".utf8.contains(letters[letters.count - 1])
        }

        mutating func step1c() {
            let count = letters.count
            guard count > 2, letters[count - 1] == Self.y || letters[count - 1] == Self.markedY,
                  !Self.isVowel(letters[count - 2])
            else { return }
            letters[count - 1] = UInt8(ascii: "i")
        }

        mutating func step5() {
            let last = letters.count - 1
            if letters[last] == UInt8(ascii: "e") {
                if last >= r2 || (last >= r1 && !endsInShortSyllable(last)) { letters.removeLast() }
            } else if letters[last] == UInt8(ascii: "l") {
                if last >= r2, letters[last - 1] == UInt8(ascii: "l") { letters.removeLast() }
            }
        }
    }
}
