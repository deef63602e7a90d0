@testable import AnswerKit
import Testing

/// `TextPreparation.pieceEnd` finds whitespace eight bytes at a time; it must agree
/// with a byte-by-byte search, wherever the whitespace and control bytes fall.
@Suite struct PieceEndTests {
    static func reference(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count, !(bytes[index] == 0x20 || (0x09...0x0D).contains(bytes[index])) { index += 1 }
        return index
    }

    @Test func agreesWithByteByByteSearch() {
        // Whitespace, control characters below 0x21 that are not whitespace, the
        // bytes around 0x21 and 0x80, and UTF-8 of Arabic, Hebrew and Turkish.
        let alphabet: [UInt8] = [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x00, 0x01, 0x08, 0x0E, 0x1F, 0x21, 0x22, 0x41, 0x7F, 0x80, 0xA1, 0xD8, 0xD7, 0xC4, 0xFF]
        var state: UInt64 = 0x9E37_79B9
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        for _ in 0..<20_000 {
            let length = next() % 40
            // Mostly letters, so that runs longer than eight bytes occur.
            let bytes = (0..<length).map { _ in next() % 4 == 0 ? alphabet[next() % alphabet.count] : UInt8(0x61 + next() % 26) }
            for start in 0...length {
                let found = bytes.withUnsafeBufferPointer { TextPreparation.pieceEnd($0, from: start) }
                #expect(found == Self.reference(bytes, from: start), "\(bytes) from \(start)")
            }
        }
        #expect([UInt8]().withUnsafeBufferPointer { TextPreparation.pieceEnd($0, from: 0) } == 0)
    }
}
