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
        let bits = Self.bits(for: capacity)
        slots = Array(repeating: Slot(key: PlainWord(UnsafeBufferPointer(start: nil, count: 0)), value: Self.empty), count: 1 << bits)
        shift = UInt64(64 - bits)
    }

    /// At most 5/8 full.
    private static func bits(for capacity: Int) -> Int {
        var bits = 4
        while (1 << bits) * 5 < max(capacity, 1) * 8 { bits += 1 }
        return bits
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
        var bits = 4
        while (1 << bits) * 5 < max(capacity, 1) * 8 { bits += 1 }
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
