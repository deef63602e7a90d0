// MARK: - The lower-fold table as changes

extension ScalarNormalizer {
    /// `lowerFoldTable` from its changes: every scalar from U+0080 to U+1FFF maps to
    /// itself unless listed. A change is `scalar << 32 | first << 16 | second`, where
    /// `first` and `second` are the result (0 for none; both 0: the scalar is dropped)
    /// and `first` = 0xFFFF marks a result of more than two scalars (`slow`).
    static func expandLowerFold(_ changes: [UInt64]) -> [UInt64] {
        var table = (0..<0x2000).map { $0 < 0x80 ? slow : UInt64($0) }
        for change in changes {
            let first = change >> 16 & 0xFFFF
            table[Int(change >> 32)] = first == 0xFFFF ? slow : first | (change & 0xFFFF) << 32
        }
        return table
    }

    /// The changes of `table`, as `expandLowerFold` reads them; `nil` when a result
    /// does not fit (a scalar past U+FFFF).
    static func lowerFoldChanges(of table: [UInt64]) -> [UInt64]? {
        var changes: [UInt64] = []
        for value in 0x80..<table.count where table[value] != UInt64(value) {
            let entry = table[value]
            let (first, second) = entry == slow ? (UInt64(0xFFFF), UInt64(0)) : (entry & 0xFFFF_FFFF, entry >> 32)
            guard first <= 0xFFFF, second <= 0xFFFF, entry == slow || first != 0xFFFF else { return nil }
            changes.append(UInt64(value) << 32 | first << 16 | second)
        }
        return changes
    }

    /// The table from this toolchain's Unicode data and Foundation's canonical
    /// decompositions: what `lowerFoldChanges` must expand to.
    static func computeLowerFoldTable() -> [UInt64] {
        (0..<0x2000).map { value in
            guard value >= 0x80, Unicode.Scalar(UInt32(value)) != nil else { return slow }
            var out: [UInt32] = []
            appendLowerFolded(UInt32(value), to: &out)
            switch out.count {
            case 0: return 0
            case 1: return UInt64(out[0])
            case 2: return UInt64(out[0]) | UInt64(out[1]) << 32
            default: return slow
            }
        }
    }
}
