/// The UTF-8 bytes of a plain word of at most 32 bytes, packed into a
/// dictionary key that needs no allocation.
struct PlainWord: Hashable, Sendable {
    private var bytes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var length: UInt8

    init(_ word: UnsafeBufferPointer<UInt8>) {
        precondition(word.count <= 32)
        length = UInt8(word.count)
        guard let base = word.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        let count = word.count
        // Whole 8-byte words by unaligned loads, then the last few bytes (see
        // `packed(_:count:)`): the same packing as byte `i` shifted to bit `8 × (i % 8)`
        // of word `i / 8`, in a few loads instead of a loop per byte (this runs for
        // every piece of text the index build has not seen before).
        var packed: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &packed) { words in
            var offset = 0
            while count - offset >= 8 {
                words.storeBytes(of: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset, as: UInt64.self)
                offset += 8
            }
            if offset < count {
                let rest = count - offset
                let tail: UInt64
                if count >= 8 {
                    // The last 8 bytes of the word, of which the first `8 − rest` are already stored.
                    tail = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) >> UInt64(8 * (8 - rest))
                } else {
                    tail = Self.packed(raw, count: rest)
                }
                words.storeBytes(of: tail, toByteOffset: offset, as: UInt64.self)
            }
        }
        bytes = packed
    }

    /// `count` (≤ 8) bytes at `raw` as a little-endian integer, zero-padded: by two
    /// loads that may overlap (the overlapping bytes land on the same bits), read only
    /// inside the `count` bytes.
    @inline(__always)
    static func packed(_ raw: UnsafeRawPointer, count: Int) -> UInt64 {
        switch count {
        case 4...8:
            let low = UInt64(raw.loadUnaligned(as: UInt32.self))
            let high = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            return low | high << UInt64(8 * (count - 4))
        case 2...3:
            let low = UInt64(raw.loadUnaligned(as: UInt16.self))
            let high = UInt64(raw.loadUnaligned(fromByteOffset: count - 2, as: UInt16.self))
            return low | high << UInt64(8 * (count - 2))
        case 1:
            return UInt64(raw.load(as: UInt8.self))
        default:
            return 0
        }
    }

    /// The number of bytes.
    var count: Int { Int(length) }

    /// The first 8 bytes, packed as `packed(_:count:)` packs them.
    var head: UInt64 { bytes.0 }

    static func == (lhs: PlainWord, rhs: PlainWord) -> Bool {
        lhs.length == rhs.length && lhs.bytes == rhs.bytes
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
        return (mixed ^ bytes.3 ^ UInt64(length)) &* 0x9E37_79B9_7F4A_7C15
    }
}
