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

    static func writeCompact(_ value: JSONValue, into output: inout [UInt8]) {
        switch value {
        case let .array(items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeCompact(item, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case let .object(members):
            output.append(UInt8(ascii: "{"))
            for (index, (key, member)) in members.sorted(by: { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }).enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(key, into: &output)
                output.append(UInt8(ascii: ":"))
                writeCompact(member, into: &output)
            }
            output.append(UInt8(ascii: "}"))
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
            let sorted = members.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
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

    private static func pad(_ output: inout [UInt8], _ indent: Int) {
        output.append(contentsOf: repeatElement(0x20, count: indent * 2))
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// A JSON string: quotes, backslash and control characters escaped; `/` and non-ASCII kept.
    static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(0x22)
        for byte in text.utf8 {
            switch byte {
            case 0x22: output.append(contentsOf: [0x5C, 0x22])
            case 0x5C: output.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: output.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: output.append(contentsOf: [0x5C, 0x72])
            case 0x09: output.append(contentsOf: [0x5C, 0x74])
            case 0..<0x20:
                output.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            default: output.append(byte)
            }
        }
        output.append(0x22)
    }
}
