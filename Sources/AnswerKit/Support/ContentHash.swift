import Crypto
import Foundation

/// SHA-256 digests, as lower-case hex, for change detection and cache busting.
public enum ContentHash {
    /// The hex SHA-256 of `data`.
    public static func sha256(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// The hex SHA-256 of the UTF-8 of `text`.
    public static func sha256(_ text: String) -> String {
        sha256(Data(text.utf8))
    }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
