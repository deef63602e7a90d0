@testable import AnswerKit
import Testing

/// `UTF8Check.isValid` must accept and refuse exactly what `String(validating:)` does.
@Suite struct UTF8CheckTests {
    static func agrees(_ bytes: [UInt8]) -> Bool {
        let mine = bytes.withUnsafeBufferPointer { UTF8Check.isValid($0) }
        return mine == (String(validating: bytes, as: UTF8.self) != nil)
    }

    @Test func edgesOfEveryLengthAgree() {
        let cases: [[UInt8]] = [
            [], Array("plain ASCII text, longer than eight bytes".utf8), Array("سلام שלום Ça İ 🎉".utf8),
            [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xDF, 0xBF], [0xC2], [0xC2, 0x41],
            [0xE0, 0x9F, 0x80], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF], [0xE1, 0x80],
            [0xF0, 0x8F, 0x80, 0x80], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
            [0xF0, 0x90, 0x80], [0xFF], [0xFE],
        ]
        for bytes in cases {
            #expect(Self.agrees(bytes), "\(bytes)")
            // The same after ASCII runs of every length (the eight-byte steps and their tails).
            for prefix in 0..<17 {
                #expect(Self.agrees(Array(repeating: 0x61, count: prefix) + bytes + Array("tail".utf8)), "\(prefix) + \(bytes)")
            }
        }
    }

    @Test func randomBytesAgree() {
        var generator = SplitMix(seed: 0x5EED)
        for _ in 0..<20_000 {
            let count = Int(generator.next() % 24)
            // Mostly bytes that start or continue sequences, so that many are valid.
            let pool: [UInt8] = [0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF]
            let bytes = (0..<count).map { _ in pool[Int(generator.next() % UInt64(pool.count))] }
            #expect(Self.agrees(bytes), "\(bytes)")
        }
    }

    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
