@testable import AnswerKit
import Testing

/// The index's impacts are rounded without libm; they must equal `Int(x.rounded())`.
@Suite struct ImpactRoundingTests {
    @Test func agreesWithRoundedOnEdgesAndRandomValues() {
        var values: [Double] = [0, 0.5, 1.5, 2.5, 0.49999999999999994, 1.4999999999999998, 2.5.nextDown, 2.5.nextUp, 1e9 + 0.5, 4_503_599_627_370_495.5, 4.6e15]
        for power in 1..<52 {
            let edge = Double(1 << power) - 0.5
            values += [edge, edge.nextDown, edge.nextUp]
        }
        var state: UInt64 = 0x1234_5678
        for _ in 0..<100_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append(Double(state >> 11) / Double(1 << 53) * 10_000)
        }
        for x in values {
            #expect(SearchIndexEncoding.roundedHalfAway(x) == Int(x.rounded()), "\(x)")
        }
    }

    /// Postings' numbers are written four digits at a time below 10 000.
    @Test func shortDecimalsAgreeWithDescription() {
        var values: [UInt32] = [0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 1001, 9999, 10_000, 10_001, 99_999, 123_456_789, .max]
        var state: UInt64 = 42
        for _ in 0..<50_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append(UInt32(truncatingIfNeeded: state >> 33) % (state & 1 == 0 ? 10_000 : .max))
        }
        for value in values {
            // Two numbers in a row, the second at a position the first left, in a buffer
            // with and without the slack the short path needs.
            for slack in [0, 4] {
                let text = "\(value),\(value)"
                let bytes = [UInt8](unsafeUninitializedCapacity: text.utf8.count + slack) { buffer, written in
                    var position = SearchIndexEncoding.writeShortDecimal(value, into: buffer, at: 0)
                    buffer[position] = UInt8(ascii: ",")
                    position = SearchIndexEncoding.writeShortDecimal(value, into: buffer, at: position + 1)
                    written = position
                }
                #expect(String(decoding: bytes, as: UTF8.self) == text)
            }
        }
    }
}
