#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A JSON value for hand-assembled documents.
public enum JSONValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])
    /// Already-serialized JSON, written verbatim (it must have been written at the same indentation).
    case raw([UInt8])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        JSONWriter.bytes(lhs) == JSONWriter.bytes(rhs)
    }
}

/// Writes JSON with sorted keys and two-space indentation, byte-deterministic.
///
/// Hand-written because Foundation's `JSONEncoder` with `.sortedKeys` took
/// longer to write the six snippet bundles of a 10 000-entry site than
/// rendering all its Markdown; this writer streams into one byte buffer.
public enum JSONWriter {
    /// The document as UTF-8, ending in a newline.
    public static func bytes(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        write(value, into: &output, indent: 0)
        output.append(0x0A)
        return output
    }

    /// The document without any whitespace (search index files: bytes matter there).
    public static func compactBytes(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        writeCompact(value, into: &output)
        output.append(0x0A)
        return output
    }

    /// `scriptSafe` also escapes `<`, `>`, `&`, U+2028 and U+2029 in strings (see `StructuredData.scriptSafe`).
    static func writeCompact(_ value: JSONValue, into output: inout [UInt8], scriptSafe: Bool = false) {
        switch value {
        case let .array(items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeCompact(item, into: &output, scriptSafe: scriptSafe)
            }
            output.append(UInt8(ascii: "]"))
        case let .object(members):
            output.append(UInt8(ascii: "{"))
            for (index, (key, member)) in members.sorted(by: { keyPrecedes($0.0, $1.0) }).enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(key, into: &output, scriptSafe: scriptSafe)
                output.append(UInt8(ascii: ":"))
                writeCompact(member, into: &output, scriptSafe: scriptSafe)
            }
            output.append(UInt8(ascii: "}"))
        case let .string(text):
            writeString(text, into: &output, scriptSafe: scriptSafe)
        case let .raw(bytes) where scriptSafe:
            StructuredData.appendScriptSafe(bytes[...], to: &output)
        default:
            write(value, into: &output, indent: 0)
        }
    }

    /// `value` as it would appear nested `indent` levels deep in a document (for `.raw`).
    public static func bytes(_ value: JSONValue, indent: Int) -> [UInt8] {
        var output: [UInt8] = []
        write(value, into: &output, indent: indent)
        return output
    }

    static func write(_ value: JSONValue, into output: inout [UInt8], indent: Int) {
        switch value {
        case let .string(text): writeString(text, into: &output)
        case let .int(number): output.append(contentsOf: String(number).utf8)
        case let .bool(flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null: output.append(contentsOf: "null".utf8)
        case let .raw(bytes): output.append(contentsOf: bytes)
        case let .array(items):
            guard !items.isEmpty else { return output.append(contentsOf: "[]".utf8) }
            output.append(contentsOf: "[\n".utf8)
            for (index, item) in items.enumerated() {
                pad(&output, indent + 1)
                write(item, into: &output, indent: indent + 1)
                output.append(contentsOf: (index + 1 < items.count ? ",\n" : "\n").utf8)
            }
            pad(&output, indent)
            output.append(UInt8(ascii: "]"))
        case let .object(members):
            guard !members.isEmpty else { return output.append(contentsOf: "{}".utf8) }
            output.append(contentsOf: "{\n".utf8)
            let sorted = members.sorted { keyPrecedes($0.0, $1.0) }
            for (index, (key, member)) in sorted.enumerated() {
                pad(&output, indent + 1)
                writeString(key, into: &output)
                output.append(contentsOf: ": ".utf8)
                write(member, into: &output, indent: indent + 1)
                output.append(contentsOf: (index + 1 < sorted.count ? ",\n" : "\n").utf8)
            }
            pad(&output, indent)
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Bytewise order of keys (UTF-8 code units), by `memcmp`: the generic
    /// `lexicographicallyPrecedes` over two `UTF8View`s was most of sorting a snippet's keys.
    static func keyPrecedes(_ a: String, _ b: String) -> Bool {
        UTF8Bytes.with(a) { x in
            UTF8Bytes.with(b) { y in
                let common = min(x.count, y.count)
                if common > 0, let p = x.baseAddress, let q = y.baseAddress {
                    let order = memcmp(p, q, common)
                    if order != 0 { return order < 0 }
                }
                return x.count < y.count
            }
        }
    }

    private static func pad(_ output: inout [UInt8], _ indent: Int) {
        output.append(contentsOf: repeatElement(0x20, count: indent * 2))
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// What `writeString` does with each byte: 0 copies it, 1 escapes it, 2 escapes it
    /// in script-safe strings only (`<`, `>`, `&`, and 0xE2, which may start U+2028/U+2029).
    private static let escapeClass: [UInt8] = (0...255).map { byte in
        if byte < 0x20 || byte == 0x22 || byte == 0x5C { return 1 }
        return byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0xE2 ? 2 : 0
    }

    /// A JSON string: quotes, backslash and control characters escaped; `/` and non-ASCII kept.
    ///
    /// Runs of bytes that need no escape (nearly all of them) are copied whole.
    /// With `scriptSafe`, `<`, `>`, `&`, U+2028 and U+2029 become `\u` escapes too.
    static func writeString(_ text: String, into output: inout [UInt8], scriptSafe: Bool = false) {
        output.append(0x22)
        let escaped: UInt8 = scriptSafe ? 2 : 1
        UTF8Bytes.with(text) { bytes in
            escapeClass.withUnsafeBufferPointer { escapeClass in
                var runStart = 0
                var index = 0
                while index < bytes.count {
                    // Words with no byte to escape are skipped eight bytes at a time.
                    index = ByteScan.skipClean(bytes, from: index) { ByteScan.mayNeedJSONEscape($0, scriptSafe: scriptSafe) }
                    guard index < bytes.count else { break }
                    let byte = bytes[index]
                    let kind = escapeClass[Int(byte)]
                    if kind == 0 || kind > escaped {
                        index += 1
                        continue
                    }
                    var width = 1
                    if byte == 0xE2 {
                        // U+2028/U+2029 (E2 80 A8/A9); any other scalar starting with E2 stays as it is.
                        guard index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 else {
                            index += 1
                            continue
                        }
                        width = 3
                    }
                    if runStart < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
                    output.append(0x5C)
                    switch byte {
                    case 0x22, 0x5C: output.append(byte)
                    case 0x0A: output.append(UInt8(ascii: "n"))
                    case 0x0D: output.append(UInt8(ascii: "r"))
                    case 0x09: output.append(UInt8(ascii: "t"))
                    case 0xE2: output.append(contentsOf: (bytes[index + 2] == 0xA8 ? "u2028" : "u2029").utf8)
                    default:
                        // Other control characters, and `<` `>` `&` in script-safe strings.
                        output.append(contentsOf: "u00".utf8)
                        output.append(hex[Int(byte >> 4)])
                        output.append(hex[Int(byte & 0x0F)])
                    }
                    index += width
                    runStart = index
                }
                if runStart < bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
            }
        }
        output.append(0x22)
    }
}
