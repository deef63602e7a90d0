/// Words are arrays of Unicode scalar values while they are analyzed: indexing
/// is O(1), and the stemmers edit them in place without allocating.
extension Array where Element == UInt32 {
    /// The scalar values of `text`.
    init(scalarsOf text: String) {
        self = text.unicodeScalars.map(\.value)
    }

    /// The words of a space-separated list.
    static func words(_ list: String) -> [[UInt32]] {
        list.split(separator: " ").map { Self(scalarsOf: String($0)) }
    }

    @inline(__always)
    func hasSuffix(_ suffix: [UInt32]) -> Bool {
        guard count >= suffix.count else { return false }
        let offset = count - suffix.count
        for index in suffix.indices where self[offset + index] != suffix[index] { return false }
        return true
    }

    @inline(__always)
    func hasPrefix(_ prefix: [UInt32]) -> Bool {
        guard count >= prefix.count else { return false }
        for index in prefix.indices where self[index] != prefix[index] { return false }
        return true
    }

    /// Whether the word ends with the ASCII letters of `suffix`.
    @inline(__always)
    func hasSuffix(_ suffix: StaticString) -> Bool {
        let length = suffix.utf8CodeUnitCount
        guard count >= length else { return false }
        let offset = count - length
        let start = suffix.utf8Start
        for index in 0..<length where self[offset + index] != UInt32(start[index]) { return false }
        return true
    }

    /// Every scalar is an ASCII letter a–z.
    var isASCIILetters: Bool {
        allSatisfy { $0 >= 0x61 && $0 <= 0x7A }
    }

    /// The string of these scalar values, encoded straight to UTF-8.
    var string: String { self[...].string }
}

extension ArraySlice where Element == UInt32 {
    /// The string of these scalar values, encoded straight to UTF-8.
    var string: String {
        var length = 0
        for value in self { length += value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x10000 ? 3 : 4 }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var index = 0
            for value in self {
                if value < 0x80 {
                    buffer[index] = UInt8(value)
                    index += 1
                } else if value < 0x800 {
                    buffer[index] = UInt8(0xC0 | value >> 6)
                    buffer[index + 1] = UInt8(0x80 | value & 0x3F)
                    index += 2
                } else if value < 0x10000 {
                    buffer[index] = UInt8(0xE0 | value >> 12)
                    buffer[index + 1] = UInt8(0x80 | value >> 6 & 0x3F)
                    buffer[index + 2] = UInt8(0x80 | value & 0x3F)
                    index += 3
                } else {
                    buffer[index] = UInt8(0xF0 | value >> 18)
                    buffer[index + 1] = UInt8(0x80 | value >> 12 & 0x3F)
                    buffer[index + 2] = UInt8(0x80 | value >> 6 & 0x3F)
                    buffer[index + 3] = UInt8(0x80 | value & 0x3F)
                    index += 4
                }
            }
            return index
        }
    }
}

extension Array {
    /// Empties the array, keeping its capacity. Cheaper than
    /// `removeAll(keepingCapacity: true)` for the short buffers reused per word.
    @inline(__always)
    mutating func clear() {
        if count > 32 {
            removeAll(keepingCapacity: true)
        } else {
            while !isEmpty { removeLast() }
        }
    }
}
