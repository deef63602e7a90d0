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

    @Test func lowerFoldChangesMatchComputedTable() {
        let computed = ScalarNormalizer.computeLowerFoldTable()
        let table = ScalarNormalizer.lowerFoldTable
        #expect(table.count == 0x2000)
        let differing = (0..<min(table.count, computed.count)).filter { table[$0] != computed[$0] }
        let sample = differing.prefix(10).map { "U+\(String($0, radix: 16, uppercase: true))" }
        #expect(differing.isEmpty, "\(differing.count) scalars differ (\(sample.joined(separator: ", "))); run scripts/generate-unicode-tables.sh")
    }

    @Test func runsRoundTrip() {
        let table = (0..<0x10000).map { UInt8(truncatingIfNeeded: $0 / 300 % 7) }
        #expect(ScalarInfo.expand(ScalarInfo.runs(of: table)) == table)
        #expect(ScalarInfo.runs(of: ScalarInfo.table) == ScalarInfo.runs)
    }

    @Test func lowerFoldChangesRoundTrip() {
        let slow = ScalarNormalizer.slow
        var table = (0..<0x2000).map { $0 < 0x80 ? slow : UInt64($0) }
        table[0xC0] = 0x61
        table[0xC6] = 0x61 | 0x65 << 32
        table[0x301] = 0
        table[0x1F80] = slow
        #expect(ScalarNormalizer.lowerFoldChanges(of: table).map(ScalarNormalizer.expandLowerFold) == table)
        table[0x100] = 0x1_0000
        #expect(ScalarNormalizer.lowerFoldChanges(of: table) == nil)
    }
}
