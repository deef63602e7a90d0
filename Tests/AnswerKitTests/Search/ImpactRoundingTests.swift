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
}
