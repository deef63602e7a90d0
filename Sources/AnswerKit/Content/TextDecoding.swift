import Foundation

/// Turns file bytes into text the pipeline can trust.
///
/// Accepts a UTF-8 byte order mark and CRLF (or lone CR) line endings, which
/// editors on Windows write, and normalises them away so that every later
/// stage sees `\n` and the same line numbers the writer's editor shows.
public enum TextDecoding {
    /// Decodes UTF-8, or reports the line and column of the first invalid byte.
    public static func decode(_ data: Data, path: String) -> Result<String, Diagnostic> {
        // Straight from the file's buffer: no copy into an array, and `memchr` for the
        // carriage return (a byte loop over `String.UTF8View` cost as much as validating).
        let decoded: String? = data.withUnsafeBytes { raw in
            String(validating: withoutByteOrderMark(raw.bindMemory(to: UInt8.self)), as: UTF8.self)
        }
        guard let text = decoded else {
            var bytes = [UInt8](data)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            return .failure(invalidUTF8(bytes, path: path))
        }
        let hasCarriageReturn = UTF8Bytes.with(text) { bytes in bytes.baseAddress.map { memchr($0, 0x0D, bytes.count) != nil } ?? false }
        guard hasCarriageReturn else { return .success(text) }
        return .success(text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"))
    }

    /// `bytes` after a UTF-8 byte order mark, if they start with one.
    static func withoutByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? UnsafeBufferPointer(rebasing: bytes[3...]) : bytes
    }

    /// Locates the first byte that is not valid UTF-8.
    private static func invalidUTF8(_ bytes: [UInt8], path: String) -> Diagnostic {
        // Find the longest valid prefix by decoding scalar by scalar.
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var validPrefix: [UInt8] = []
        var consumed = 0
        loop: while true {
            let before = consumed
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar):
                consumed += UTF8.width(scalar)
                validPrefix.append(contentsOf: bytes[before..<consumed])
            case .emptyInput, .error:
                break loop
            }
        }
        let prefix = String(decoding: validPrefix, as: UTF8.self)
        let lines = prefix.split(separator: "\n", omittingEmptySubsequences: false)
        let line = lines.count
        let column = (lines.last?.unicodeScalars.count ?? 0) + 1
        let byte = consumed < bytes.count ? String(format: "0x%02X", bytes[consumed]) : "end of file"
        return .error(
            "invalid-utf8", at: SourceLocation(path: path, line: line, column: column),
            "file is not valid UTF-8 (byte \(byte))", notes: ["save the file as UTF-8 in your editor"])
    }
}
