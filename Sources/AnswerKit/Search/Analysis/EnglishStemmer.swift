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
    static let completions = [UInt32].words("s es ies ed ied ing ingly edly")

    private static let y: UInt32 = 0x79
    /// A consonant y (at the start or after a vowel), written Y by Porter2.
    private static let markedY: UInt32 = 0x59
    private static let e: UInt32 = 0x65
    /// Porter2 sets R1 after these prefixes.
    private static let r1Exceptions = AffixList("gener commun arsen")

    /// Stems `word` in place.
    static func stem(_ word: inout [UInt32]) {
        guard word.count > 2 else { return }
        for index in word.indices where word[index] == y && (index == 0 || isVowel(word[index - 1])) {
            word[index] = markedY
        }
        var r1 = region(word, after: 0)
        for index in 0..<r1Exceptions.count where r1Exceptions.isPrefix(index, of: word) { r1 = r1Exceptions.length(index) }
        let r2 = region(word, after: r1)
        step1a(&word)
        step1b(&word, r1: r1)
        step1c(&word)
        step5(&word, r1: r1, r2: r2)
        for index in word.indices where word[index] == markedY { word[index] = y }
    }

    @inline(__always)
    private static func isVowel(_ letter: UInt32) -> Bool {
        switch letter {
        case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x79: return true  // a e i o u y
        default: return false
        }
    }

    /// The start of the region after the first non-vowel that follows a vowel
    /// at or after `start` (R1 from 0, R2 from R1).
    private static func region(_ word: [UInt32], after start: Int) -> Int {
        var index = start + 1
        while index < word.count {
            if !isVowel(word[index]) && isVowel(word[index - 1]) { return index + 1 }
            index += 1
        }
        return word.count
    }

    private static func hasVowel(_ word: [UInt32], before end: Int) -> Bool {
        var index = 0
        while index < end {
            if isVowel(word[index]) { return true }
            index += 1
        }
        return false
    }

    /// Porter2's short syllable at the end of `word[..<end]`.
    private static func endsInShortSyllable(_ word: [UInt32], _ end: Int) -> Bool {
        if end == 2 { return isVowel(word[0]) && !isVowel(word[1]) }
        guard end >= 3 else { return false }
        let last = word[end - 1]
        return !isVowel(word[end - 3]) && isVowel(word[end - 2]) && !isVowel(last)
            && last != 0x77 && last != 0x78 && last != markedY  // w x Y
    }

    private static func step1a(_ word: inout [UInt32]) {
        if word.hasSuffix("sses") {
            word.removeLast(2)
        } else if word.hasSuffix("ied") || word.hasSuffix("ies") {
            word.removeLast(word.count > 4 ? 2 : 1)
        } else if word.hasSuffix("us") || word.hasSuffix("ss") {
            return
        } else if word.hasSuffix("s"), hasVowel(word, before: word.count - 2) {
            word.removeLast()
        }
    }

    private static func step1b(_ word: inout [UInt32], r1: Int) {
        if word.hasSuffix("eedly") {
            if word.count - 5 >= r1 { word.removeLast(3) }
            return
        }
        if word.hasSuffix("eed") {
            if word.count - 3 >= r1 { word.removeLast() }
            return
        }
        let length: Int
        if word.hasSuffix("ingly") { length = 5 } else if word.hasSuffix("edly") { length = 4 } else if word.hasSuffix("ing") {
            length = 3
        } else if word.hasSuffix("ed") { length = 2 } else { return }
        guard hasVowel(word, before: word.count - length) else { return }
        word.removeLast(length)
        let count = word.count
        if word.hasSuffix("at") || word.hasSuffix("bl") || word.hasSuffix("iz") {
            word.append(e)
        } else if count >= 2, word[count - 1] == word[count - 2], isDoubleLetter(word[count - 1]) {
            word.removeLast()
        } else if endsInShortSyllable(word, count), r1 >= count {
            word.append(e)
        }
    }

    /// b d f g m n p r t, the letters Porter2 undoubles.
    private static func isDoubleLetter(_ letter: UInt32) -> Bool {
        switch letter {
        case 0x62, 0x64, 0x66, 0x67, 0x6D, 0x6E, 0x70, 0x72, 0x74: return true
        default: return false
        }
    }

    private static func step1c(_ word: inout [UInt32]) {
        let count = word.count
        guard count > 2, word[count - 1] == y || word[count - 1] == markedY, !isVowel(word[count - 2]) else { return }
        word[count - 1] = 0x69  // i
    }

    private static func step5(_ word: inout [UInt32], r1: Int, r2: Int) {
        let last = word.count - 1
        if word[last] == e {
            if last >= r2 || (last >= r1 && !endsInShortSyllable(word, last)) { word.removeLast() }
        } else if word[last] == 0x6C {  // l
            if last >= r2, word[last - 1] == 0x6C { word.removeLast() }
        }
    }
}
