/// Word-at-a-time scans for the few bytes an escaper must act on.
///
/// Escaping loops (page HTML, JSON-LD, the search client's JSON) spend most of
/// their time confirming that bytes need nothing; testing eight bytes per step
/// with the classic "has a zero byte" bit trick (Hacker's Delight 6-1) made
/// those scans about twice as fast as a table or mask test per byte. A scan
/// only skips words that surely hold no wanted byte; the byte loops after it
/// decide the rest exactly, so a fast path can never change what is written.
/// (Swift's generic `SIMD16` compares were far slower than this here.)
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of a byte lane is set when `word` holds a byte equal to
    /// `byte` (lanes above such a byte may be set too: only zero/non-zero is exact).
    @inline(__always)
    private static func lanes(_ word: UInt64, equalTo byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highs
    }

    /// Non-zero when `word` holds a byte below `limit` (at most 0x80).
    @inline(__always)
    private static func lanes(_ word: UInt64, below limit: UInt8) -> UInt64 {
        (word &- ones &* UInt64(limit)) & ~word & highs
    }

    /// Whether `word` may hold one of HTML's five escaped bytes `"` `&` `'` `<` `>`.
    ///
    /// `&` (0x26) and `'` (0x27) differ in the lowest bit, `<` (0x3C) and `>` (0x3E)
    /// in the second, so setting that bit folds each pair into one compare.
    @inline(__always)
    static func mayNeedHTMLEscape(_ word: UInt64) -> Bool {
        lanes(word, equalTo: 0x22) | lanes(word | ones, equalTo: 0x27) | lanes(word | (ones &<< 1), equalTo: 0x3E) != 0
    }

    /// Whether `word` may hold a byte a JSON string escapes: a control character,
    /// `"` or `\`, and with `scriptSafe` also `<`, `>`, `&` and 0xE2 (the lead
    /// byte of U+2028/U+2029).
    @inline(__always)
    static func mayNeedJSONEscape(_ word: UInt64, scriptSafe: Bool) -> Bool {
        var found = lanes(word, below: 0x20) | lanes(word, equalTo: 0x22) | lanes(word, equalTo: 0x5C)
        if scriptSafe {
            found |= lanes(word, equalTo: 0x26) | lanes(word | (ones &<< 1), equalTo: 0x3E) | lanes(word, equalTo: 0xE2)
        }
        return found != 0
    }

    /// The first index from `start` whose 8-byte word `mayNeed` flags (or the
    /// last whole word's end): every byte before it needs no escape.
    @inline(__always)
    static func skipClean(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, _ mayNeed: (UInt64) -> Bool) -> Int {
        guard let base = bytes.baseAddress else { return start }
        let raw = UnsafeRawPointer(base)
        var index = start
        while index + 8 <= bytes.count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            if mayNeed(word) { break }
            index += 8
        }
        return index
    }
}
