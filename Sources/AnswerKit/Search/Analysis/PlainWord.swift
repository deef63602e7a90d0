/// The UTF-8 bytes of a plain word of at most 32 bytes, packed into a
/// dictionary key that needs no allocation.
struct PlainWord: Hashable, Sendable {
    private var bytes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var count: UInt8

    init(_ word: UnsafeBufferPointer<UInt8>) {
        count = UInt8(word.count)
        var packed: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for index in word.indices {
            let value = UInt64(word[index]) << (8 * UInt64(index & 7))
            switch index >> 3 {
            case 0: packed.0 |= value
            case 1: packed.1 |= value
            case 2: packed.2 |= value
            default: packed.3 |= value
            }
        }
        bytes = packed
    }

    static func == (lhs: PlainWord, rhs: PlainWord) -> Bool {
        lhs.count == rhs.count && lhs.bytes == rhs.bytes
    }

    func hash(into hasher: inout Hasher) {
        // One combine instead of five: the key is mixed by multiplication first.
        hasher.combine(mixed)
    }

    /// The bytes mixed by multiplication: a fast hash, not seeded (for tables of
    /// words from the site's own text), best in its high bits.
    @inline(__always)
    var mixed: UInt64 {
        var mixed = bytes.0 &* 0x9E37_79B9_7F4A_7C15
        mixed = (mixed ^ bytes.1) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ bytes.2) &* 0x94D0_49BB_1331_11EB
        return (mixed ^ bytes.3 ^ UInt64(count)) &* 0x9E37_79B9_7F4A_7C15
    }
}
