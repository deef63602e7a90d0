import Foundation

/// Hash tables for the index build's per-thread caches (see `SearchTermCounter`):
/// plain words → their terms, and term scalars → term ids.
///
/// Written by hand because they are looked up once per word of every entry (about
/// 10 million times for 10 000 entries) and `Dictionary` costs several times more
/// there: its keys are hashed with per-process seeded SipHash (`Hasher`), and a
/// variable-length key would be an array (allocated, reference counted). These
/// are flat open-addressing tables with linear probing and a multiplicative hash
/// of the key's bytes, which is enough for keys taken from the site's own text
/// (the worst an author can do to the table is slow down their own build). Neither
/// swift-collections nor the standard library has a table with a custom hash.
/// `SearchTermTablesTests` compares both with `Dictionary` on random keys.

/// The size of the tables below: slots for `capacity` keys at most 5/8 full, as a power of two.
enum TableSize {
    static func bits(for capacity: Int) -> Int {
        var bits = 4
        while (1 << bits) * 5 < max(capacity, 1) * 8 { bits += 1 }
        return bits
    }
}

/// Byte strings of at most 32 bytes (`PlainWord`) → any `Int32` but `Int32.min`.
struct PlainWordTable {
    private struct Slot {
        var key: PlainWord
        /// `empty` for an empty slot.
        var value: Int32
    }

    private static var empty: Int32 { .min }
    private var slots: [Slot]
    /// The hash's top `bits` bits choose the slot.
    private var shift: UInt64
    private(set) var count = 0

    /// A table for about `capacity` keys before it grows.
    init(capacity: Int = 1024) {
        let bits = TableSize.bits(for: capacity)
        slots = Array(repeating: Slot(key: PlainWord(UnsafeBufferPointer(start: nil, count: 0)), value: Self.empty), count: 1 << bits)
        shift = UInt64(64 - bits)
    }


    /// The value of `key`, or nil.
    @inline(__always)
    func value(_ key: PlainWord) -> Int32? {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var index = Int(truncatingIfNeeded: key.mixed >> shift)
            while true {
                let slot = slots[index]
                if slot.value == Self.empty { return nil }
                if slot.key == key { return slot.value }
                index = (index + 1) & mask
            }
        }
    }

    /// Adds `key` (not in the table) with `value` (not `Int32.min`).
    mutating func insert(_ key: PlainWord, _ value: Int32) {
        precondition(value != Self.empty)
        if (count + 1) * 8 > slots.count * 5 { grow() }
        count += 1
        let shift = self.shift
        slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            var index = Int(truncatingIfNeeded: key.mixed >> shift)
            while slots[index].value != Self.empty { index = (index + 1) & mask }
            slots[index] = Slot(key: key, value: value)
        }
    }

    mutating func removeAll() {
        guard count > 0 else { return }
        for index in slots.indices { slots[index].value = Self.empty }
        count = 0
    }

    private mutating func grow() {
        let old = slots
        self = PlainWordTable(capacity: old.count * 2)
        for slot in old where slot.value != Self.empty { insert(slot.key, slot.value) }
    }
}

/// Byte strings of at most 32 bytes → any `Int32` but `Int32.min`, looked up by
/// their bytes: those of at most 8 bytes (about 95 % of the pieces of text in the
/// benchmark corpus, and most words of any text) in a table of 16-byte slots, the
/// others in a `PlainWordTable` (40-byte slots).
///
/// Split because the index build looks up every piece of text here and the
/// lookups are mostly cache misses: with tens of thousands of distinct pieces per
/// locale, 40-byte slots made a table of megabytes (more than a core's L2 cache),
/// and the load of the slot was most of the time the counter spent per piece.
struct WordBytesTable {
    private var short = ShortWordTable()
    private var long = PlainWordTable()

    init(capacity: Int = 1024) {
        short = ShortWordTable(capacity: capacity)
        long = PlainWordTable(capacity: max(capacity / 8, 16))
    }

    var count: Int { short.count + long.count }

    /// The value of `bytes` (at most 32), or nil.
    @inline(__always)
    func value(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        if bytes.count <= 8 {
            guard let base = bytes.baseAddress else { return short.value(0, count: 0) }
            return short.value(PlainWord.packed(UnsafeRawPointer(base), count: bytes.count), count: bytes.count)
        }
        return long.value(PlainWord(bytes))
    }

    /// Adds `key` (not in the table) with `value` (not `Int32.min`).
    mutating func insert(_ key: PlainWord, _ value: Int32) {
        if key.count <= 8 {
            short.insert(key.head, count: key.count, value)
        } else {
            long.insert(key, value)
        }
    }

    mutating func removeAll() {
        short.removeAll()
        long.removeAll()
    }
}

/// Byte strings of at most 8 bytes, packed little-endian into a `UInt64` with
/// their length (`PlainWord.packed`) → any `Int32` but `Int32.min`.
struct ShortWordTable {
    private struct Slot {
        var key: UInt64
        /// `empty` for an empty slot.
        var value: Int32
        var count: Int32
    }

    private static var empty: Int32 { .min }
    private var slots: [Slot]
    private var shift: UInt64
    private(set) var count = 0

    init(capacity: Int = 1024) {
        let bits = TableSize.bits(for: capacity)
        slots = Array(repeating: Slot(key: 0, value: Self.empty, count: 0), count: 1 << bits)
        shift = UInt64(64 - bits)
    }

    @inline(__always)
    private static func hash(_ key: UInt64, count: Int) -> UInt64 {
        ((key ^ UInt64(count) << 59) &* 0x9E37_79B9_7F4A_7C15 ^ key >> 29) &* 0xBF58_476D_1CE4_E5B9
    }

    /// The value of the `count` bytes packed in `key`, or nil.
    @inline(__always)
    func value(_ key: UInt64, count: Int) -> Int32? {
        let shift = self.shift
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var index = Int(truncatingIfNeeded: Self.hash(key, count: count) >> shift)
            while true {
                let slot = slots[index]
                if slot.value == Self.empty { return nil }
                if slot.key == key, Int(slot.count) == count { return slot.value }
                index = (index + 1) & mask
            }
        }
    }

    /// Adds `key` of `count` bytes (not in the table) with `value` (not `Int32.min`).
    mutating func insert(_ key: UInt64, count: Int, _ value: Int32) {
        precondition(value != Self.empty && count <= 8)
        if (self.count + 1) * 8 > slots.count * 5 { grow() }
        self.count += 1
        let shift = self.shift
        slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            var index = Int(truncatingIfNeeded: Self.hash(key, count: count) >> shift)
            while slots[index].value != Self.empty { index = (index + 1) & mask }
            slots[index] = Slot(key: key, value: value, count: Int32(count))
        }
    }

    mutating func removeAll() {
        guard count > 0 else { return }
        for index in slots.indices { slots[index].value = Self.empty }
        count = 0
    }

    private mutating func grow() {
        let old = slots
        self = ShortWordTable(capacity: old.count * 2)
        for slot in old where slot.value != Self.empty { insert(slot.key, count: Int(slot.count), slot.value) }
    }
}

/// Terms as Unicode scalar values (any length) → a non-negative `Int32`. The keys
/// are copied into one array.
struct ScalarTermTable {
    private struct Slot {
        /// -1 for an empty slot.
        var value: Int32
        var hash: UInt32
        /// Where the key is in `keys`.
        var start: Int32
        var length: Int32
    }

    private var slots: [Slot]
    private var keys: [UInt32] = []
    private var shift: UInt64
    private(set) var count = 0

    init(capacity: Int = 1024) {
        let bits = TableSize.bits(for: capacity)
        slots = Array(repeating: Slot(value: -1, hash: 0, start: 0, length: 0), count: 1 << bits)
        shift = UInt64(64 - bits)
    }

    /// A multiplicative hash of the scalars (FNV-1a-like steps, then a final mix);
    /// its top bits choose the slot, its low 32 bits are kept to compare first.
    @inline(__always)
    static func hash(_ term: UnsafeBufferPointer<UInt32>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(term.count)
        for value in term { hash = (hash ^ UInt64(value)) &* 0x0000_0100_0000_01B3 }
        hash ^= hash >> 29
        return hash &* 0xBF58_476D_1CE4_E5B9
    }

    /// The value of `term`, or nil.
    @inline(__always)
    func value(_ term: UnsafeBufferPointer<UInt32>) -> Int32? {
        let hash = Self.hash(term)
        let check = UInt32(truncatingIfNeeded: hash)
        return slots.withUnsafeBufferPointer { slots in
            keys.withUnsafeBufferPointer { keys in
                let mask = slots.count - 1
                var index = Int(truncatingIfNeeded: hash >> shift)
                while true {
                    let slot = slots[index]
                    if slot.value < 0 { return nil }
                    if slot.hash == check, Int(slot.length) == term.count,
                       memcmp(keys.baseAddress! + Int(slot.start), term.baseAddress!, term.count * 4) == 0 {
                        return slot.value
                    }
                    index = (index + 1) & mask
                }
            }
        }
    }

    /// Adds `term` (not empty, not in the table) with `value` (≥ 0).
    mutating func insert(_ term: UnsafeBufferPointer<UInt32>, _ value: Int32) {
        precondition(value >= 0 && !term.isEmpty)
        let start = Int32(keys.count)
        keys.append(contentsOf: term)
        place(Slot(value: value, hash: 0, start: start, length: Int32(term.count)), hash: Self.hash(term))
    }

    private mutating func place(_ slot: Slot, hash: UInt64) {
        if (count + 1) * 8 > slots.count * 5 { grow() }
        count += 1
        var slot = slot
        slot.hash = UInt32(truncatingIfNeeded: hash)
        let shift = self.shift
        slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            var index = Int(truncatingIfNeeded: hash >> shift)
            while slots[index].value >= 0 { index = (index + 1) & mask }
            slots[index] = slot
        }
    }

    mutating func removeAll() {
        guard count > 0 else { return }
        for index in slots.indices { slots[index].value = -1 }
        keys.removeAll(keepingCapacity: true)
        count = 0
    }

    private mutating func grow() {
        let bits = 64 - Int(shift) + 1
        let old = slots
        let keys = self.keys
        slots = Array(repeating: Slot(value: -1, hash: 0, start: 0, length: 0), count: 1 << bits)
        shift = UInt64(64 - bits)
        count = 0
        keys.withUnsafeBufferPointer { keys in
            for slot in old where slot.value >= 0 {
                let term = UnsafeBufferPointer(rebasing: keys[Int(slot.start)..<Int(slot.start + slot.length)])
                place(slot, hash: Self.hash(term))
            }
        }
    }
}
