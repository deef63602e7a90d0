import Foundation

/// A 64-bit hash that gives the same value in every process, for what a build
/// keeps on disk for the next one (`PageKeys`, the inputs digest, content digests;
/// see `PersistedMemory`).
///
/// Not `Hasher`: its seed is random per process, so its values mean nothing to the
/// next `answerkit build`. Not SHA-256: these keys only tell a build whether what a
/// page reads changed (an accidental 64-bit collision is far less likely than a
/// disk error, and nothing here is adversarial), and they are taken over every
/// entry's summary and every content file's bytes (~100 MB at 10 000 entries), where
/// SHA-256's speed and per-call cost would show. The rounds are xxHash64's (a
/// multiply-rotate-multiply per 8-byte word, then its avalanche), on one lane:
/// not bit-compatible with xxHash, and needing no compatibility.
///
/// Values are fed in a canonical encoding: integers as 8 little-endian bytes,
/// strings and byte runs length-first (so `("ab", "c")` and `("a", "bc")` differ),
/// optionals with a presence byte.
struct StableHasher {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    private var state: UInt64 = StableHasher.prime5
    private var length: UInt64 = 0

    init() {}

    @inline(__always)
    private mutating func mix(_ word: UInt64) {
        var lane = word &* Self.prime2
        lane = (lane << 31) | (lane >> 33)
        lane = lane &* Self.prime1
        state ^= lane
        state = ((state << 27) | (state >> 37)) &* Self.prime1 &+ Self.prime4
        length &+= 8
    }

    mutating func combine(_ value: UInt64) { mix(value) }
    mutating func combine(_ value: Int) { mix(UInt64(bitPattern: Int64(value))) }
    mutating func combine(_ value: Bool) { mix(value ? 1 : 0) }

    mutating func combine(bytes: UnsafeRawBufferPointer) {
        mix(UInt64(bytes.count))
        var offset = 0
        while offset + 8 <= bytes.count {
            mix(bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian)
            offset += 8
        }
        if offset < bytes.count {
            var tail: UInt64 = 0
            for index in offset..<bytes.count { tail |= UInt64(bytes[index]) << (8 * UInt64(index - offset)) }
            mix(tail)
        }
    }

    mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    mutating func combine(_ data: Data) {
        data.withUnsafeBytes { combine(bytes: $0) }
    }

    mutating func combine(_ text: String?) {
        combine(text != nil)
        if let text { combine(text) }
    }

    mutating func combine(_ strings: [String]) {
        combine(strings.count)
        for string in strings { combine(string) }
    }

    mutating func combine(_ key: EntryKey) {
        combine(key.locale)
        combine(key.category)
        combine(key.slug)
    }

    mutating func combine(_ day: Day?) {
        combine(day != nil)
        if let day { combine(day.year * 10_000 + day.month * 100 + day.day) }
    }

    mutating func combine(_ stamp: FileStamp?) {
        combine(stamp != nil)
        if let stamp {
            combine(Int(stamp.size))
            combine(stamp.seconds)
            combine(stamp.nanoseconds)
            combine(stamp.inode)
        }
    }

    /// The hash (xxHash64's avalanche), as an `Int` like the keys it replaces.
    func finalize() -> Int {
        var hash = state &+ length
        hash ^= hash >> 33
        hash = hash &* Self.prime2
        hash ^= hash >> 29
        hash = hash &* Self.prime3
        hash ^= hash >> 32
        return Int(bitPattern: UInt(hash))
    }

    /// The hash of `bytes` alone (content digests).
    static func hash(bytes: UnsafeRawBufferPointer) -> Int {
        var hasher = StableHasher()
        hasher.combine(bytes: bytes)
        return hasher.finalize()
    }
}
