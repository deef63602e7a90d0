@testable import AnswerKit
import Testing

/// The analyzer's checked-in Unicode tables are what this toolchain's Unicode
/// data gives; when not, run `scripts/generate-unicode-tables.sh`.
@Suite struct UnicodeTableTests {
    @Test func scalarInfoRunsMatchComputedTable() {
        let computed = ScalarInfo.computeTable()
        let table = ScalarInfo.table
        #expect(table.count == 0x10000)
        let differing = (0..<min(table.count, computed.count)).filter { table[$0] != computed[$0] }
        let sample = differing.prefix(10).map { "U+\(String($0, radix: 16, uppercase: true)): \(table[$0]) ≠ \(computed[$0])" }
        #expect(differing.isEmpty, "\(differing.count) scalars differ (\(sample.joined(separator: ", "))); run scripts/generate-unicode-tables.sh")
    }

    @Test func runsRoundTrip() {
        let table = (0..<0x10000).map { UInt8(truncatingIfNeeded: $0 / 300 % 7) }
        #expect(ScalarInfo.expand(ScalarInfo.runs(of: table)) == table)
        #expect(ScalarInfo.runs(of: ScalarInfo.table) == ScalarInfo.runs)
    }
}
