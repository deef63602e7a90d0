/// HTML escaping for text we write into pages ourselves.
///
/// Byte loops over the string's contiguous UTF-8 rather than `String` or
/// `Character` APIs: every page escapes thousands of short texts, most of them
/// with nothing to escape, so the clean case returns the input itself and the
/// other copies clean runs whole. The five escaped characters are ASCII, so
/// a byte never splits a scalar.
public enum HTML {
    /// Escapes `&`, `<`, `>`, `"` and `'` (safe in text and in quoted attributes).
    public static func escape(_ text: String) -> String {
        UTF8Bytes.with(text) { bytes in
            let clean = ByteScan.skipClean(bytes, from: 0, ByteScan.mayNeedHTMLEscape)
            var extra = 0
            for byte in bytes[clean...] where needsEscape(byte) {
                if let entity = entity(byte) { extra += entity.utf8CodeUnitCount - 1 }
            }
            guard extra > 0 else { return text }
            return String(unsafeUninitializedCapacity: bytes.count + extra) { buffer in
                var position = 0
                for byte in bytes {
                    guard byte <= 0x3E, let entity = entity(byte) else {
                        buffer[position] = byte
                        position += 1
                        continue
                    }
                    entity.withUTF8Buffer { piece in
                        for unit in piece {
                            buffer[position] = unit
                            position += 1
                        }
                    }
                }
                return position
            }
        }
    }

    /// Appends `text` escaped as `escape` does, without an intermediate string.
    static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        UTF8Bytes.with(text) { appendEscaped($0, to: &output) }
    }

    /// Appends UTF-8 `bytes` escaped as `escape` does.
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var runStart = 0
        var index = 0
        while true {
            // Clean words are skipped eight bytes at a time; the byte test decides the rest.
            index = ByteScan.skipClean(bytes, from: index, ByteScan.mayNeedHTMLEscape)
            while index < bytes.count, !needsEscape(bytes[index]) { index += 1 }
            guard index < bytes.count, let entity = entity(bytes[index]) else { break }
            if runStart < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            entity.withUTF8Buffer { output.append(contentsOf: $0) }
            index += 1
            runStart = index
        }
        if runStart < bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }

    /// Whether `byte` is one of the five escaped ones: one shift and test against a
    /// mask instead of the `switch`, for the spaces and punctuation under 0x3F that
    /// every text is full of.
    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        let mask: UInt64 = (1 << 0x22) | (1 << 0x26) | (1 << 0x27) | (1 << 0x3C) | (1 << 0x3E)
        return byte < 64 && (mask >> UInt64(byte)) & 1 != 0
    }

    /// The entity of an escaped byte (all five are at most 0x3E), `nil` for any other byte.
    @inline(__always)
    static func entity(_ byte: UInt8) -> StaticString? {
        switch byte {
        case 0x26: "&amp;"
        case 0x3C: "&lt;"
        case 0x3E: "&gt;"
        case 0x22: "&quot;"
        case 0x27: "&#39;"
        default: nil
        }
    }
}

/// Contiguous UTF-8 access to a string.
enum UTF8Bytes {
    /// Calls `body` with the UTF-8 bytes of `text`: native strings (all of ours)
    /// lend their storage; a bridged one is copied first.
    @inline(__always)
    static func with<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = text
        copy.makeContiguousUTF8()
        return try copy.utf8.withContiguousStorageIfAvailable(body)!
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space (spaces, tabs, new lines).
    ///
    /// A scalar loop: Foundation's `trimmingCharacters(in:)` bridges through
    /// NSString on Linux and showed up in profiles of 10 000-entry builds.
    func trimmed() -> String {
        let scalars = unicodeScalars
        // Printable ASCII at both ends is not white space: nothing to trim.
        if let first = scalars.first, let last = scalars.last, (0x21...0x7E).contains(first.value), (0x21...0x7E).contains(last.value) {
            return String(self)
        }
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(self[first..<scalars.index(after: last)])
    }
}
