import Foundation

// MARK: - Computing the table

extension ScalarInfo {
    /// Marks the analyzer deletes that never take part in a canonical
    /// composition: Arabic harakat and Quranic marks, Hebrew niqqud and
    /// cantillation (Hebrew compositions are composition exclusions). Their
    /// presence alone does not force the NFKC pass. U+0653–0655 (madda and
    /// hamza above/below) are not here: they compose with alef, waw and yeh.
    private static func isInertDeletedMark(_ value: UInt32) -> Bool {
        switch value {
        case 0x0610...0x061A, 0x064B...0x0652, 0x0656...0x065F, 0x0670, 0x06D6...0x06DC, 0x06DF...0x06E4,
             0x06E7...0x06E8, 0x06EA...0x06ED, 0x0591...0x05C7:
            return true
        default:
            return false
        }
    }

    /// The table from this toolchain's Unicode data and Foundation's NFKC (~30 ms):
    /// what `runs` must expand to.
    static func computeTable() -> [UInt8] {
        // NFKC of every non-ASCII BMP scalar in one Foundation call: the scalars
        // are separated by newlines, which never compose or reorder, so the
        // output splits back into one piece per input scalar.
        var all = String.UnicodeScalarView()
        var values: [UInt32] = []
        for value in UInt32(0x80)..<0x10000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            all.append(scalar)
            all.append("\n")
            values.append(value)
        }
        let original = String(all)
        let pieces = original.precomposedStringWithCompatibilityMapping.unicodeScalars
            .split(separator: "\n", omittingEmptySubsequences: false)
        let originals = original.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        var changes = Set<UInt32>()
        for (index, value) in values.enumerated() where pieces.count != originals.count
            || !pieces[index].elementsEqual(originals[index]) {
            changes.insert(value)
        }
        var table = [UInt8](repeating: 0, count: 0x10000)
        for value in UInt32(0)..<0x10000 {
            var info = category(value)
            if value >= 0x80 {
                let composesWithNeighbour =
                    (info & mark != 0 && !isInertDeletedMark(value)) || (0x1160...0x11FF).contains(value)
                if changes.contains(value) || composesWithNeighbour || info & symbol != 0 { info |= unstable }
            }
            table[Int(value)] = info
        }
        return table
    }
}
