import Foundation

/// The path of a request, decoded into file-name segments, or refused.
///
/// Works on the raw request target (still percent-encoded) rather than on
/// FlyingFox's `HTTPRequest.path`, which Foundation has already standardized:
/// decoding ourselves means `%2e%2e`, `%2f` and `%5c` are seen for what they
/// are instead of being turned into `..`, `/` or `\` after the dot segments
/// were removed. Browsers normalize `..` before sending, so a request that
/// still has one is refused rather than resolved.
public struct RequestPath: Sendable, Equatable {
    /// Decoded segments, none empty, none `.` or `..`, none containing `/`, `\` or NUL.
    public var segments: [String]
    /// Whether the request ended in `/` (a folder was asked for).
    public var isDirectory: Bool

    public init(segments: [String], isDirectory: Bool) {
        self.segments = segments
        self.isDirectory = isDirectory
    }

    /// Decodes a raw, percent-encoded path such as `/help/en/tags/%D8%B1%D8%AF/`.
    ///
    /// Returns `nil` for anything that could name a file outside the folder it
    /// is resolved in, or that is not a well-formed path: no leading `/`, a
    /// `.` or `..` segment (encoded or not), an encoded `/`, a backslash, a NUL
    /// or other control character, malformed percent-encoding or invalid UTF-8.
    /// Empty segments (`//`) are dropped, as static servers do.
    public static func decode(_ raw: String) -> RequestPath? {
        guard raw.hasPrefix("/") else { return nil }
        var segments: [String] = []
        for part in raw.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            guard let bytes = percentDecoded(part) else { return nil }
            guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") }) else {
                return nil
            }
            guard let segment = String(bytes: bytes, encoding: .utf8), segment != ".", segment != ".." else { return nil }
            segments.append(segment)
        }
        return RequestPath(segments: segments, isDirectory: raw.hasSuffix("/") || segments.isEmpty)
    }

    /// `%XX` sequences turned into bytes; `nil` when a `%` is not followed by two hex digits.
    static func percentDecoded(_ encoded: some Collection<UInt8>) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encoded.count)
        var iterator = encoded.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The segments after `basePath` (`/help/` → drops a leading `help`), or `nil` when the path is outside it.
    public func relative(to basePath: String) -> RequestPath? {
        let base = basePath.split(separator: "/").map(String.init)
        guard segments.starts(with: base) else { return nil }
        let rest = Array(segments.dropFirst(base.count))
        return RequestPath(segments: rest, isDirectory: isDirectory)
    }
}
