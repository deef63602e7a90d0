/// The constants and orderings that the index writer, the `search` command and
/// the browser client (templates/assets/search.js) must share. See FORMAT.md.
public enum SearchIndexFormat {
    /// Bumped whenever the files or the ranking change incompatibly.
    public static let version = 1
    /// Field weights (BM25F-style: a term in the title counts as three in the body).
    public static let titleWeight = 3.0
    public static let tagWeight = 2.0
    public static let headingWeight = 1.5
    public static let bodyWeight = 1.0
    /// BM25 parameters (Robertson & Zaragoza's usual defaults).
    public static let k1 = 1.2
    public static let b = 0.75
    /// Postings are written as integer impacts: BM25 score × 100, at least 1.
    public static let impactScale = 100.0
    /// Shard boundaries depend on the terms, not on running byte totals (see
    /// `endsShard(bytes:adding:hash:)`), so that an edit rewrites only the shards
    /// around its terms. A shard is at least `shardMinimumBytes` long (except the
    /// last) and passes `shardMaximumBytes` only by its last term; past the minimum,
    /// it ends after about `shardCutBytes` more. Shards average about 16.4 KB of
    /// JSON, about 6 KB once gzipped, so a two-word query fetches ~12 KB of postings.
    public static let shardMinimumBytes = 14_336
    public static let shardMaximumBytes = 32_768
    public static let shardCutBytes: UInt64 = 2_048
    /// Display records (title, URL, category, excerpt) per docs file.
    public static let docsPerChunk = 8
    /// Characters of body text kept for the result excerpt.
    public static let excerptLength = 220

    /// Query-time weights of the ways an index term can match a query word.
    public static let alternateWeight = 0.9
    public static let prefixWeight = 0.7
    public static let fuzzyWeight = 0.5
    /// Prefix matching needs this many characters (UTF-16 units) of the last word;
    /// typo tolerance (one edit) needs this many in the word.
    public static let minimumPrefix = 2
    public static let minimumFuzzy = 5
    /// At most this many index terms extend the last word; at most this many
    /// shards are fetched for it.
    public static let maximumPrefixTerms = 64
    public static let maximumPrefixShards = 3
    /// Only the first words of a query count (a pasted paragraph must stay fast).
    public static let maximumQueryWords = 12

    // MARK: - Rules shared by full and incremental builds

    /// The average document length that BM25 normalises by: the exact mean of the
    /// locale's document lengths (0 for retired entries), rounded to two significant
    /// digits (an integer below 100, a multiple of 10 below 1 000, …), at least 1.
    ///
    /// Quantised so that editing one entry almost never moves it (which would change
    /// every impact of the locale); its relative error (≤ 5 %) acts like a slightly
    /// different `b`. Lengths are multiples of 0.5, so the `Double` sum is exact in
    /// any order and only IEEE division and rounding are involved.
    public static func averageLength(total: Double, count: Int) -> Double {
        guard count > 0 else { return 1 }
        let exact = total / Double(count)
        var step = 1.0
        while exact >= step * 100 { step *= 10 }
        return max((exact / step).rounded() * step, 1)
    }

    /// Whether a shard that has grown to `bytes` (its opening bracket, its records and
    /// the commas between them) ends after its last term, which added `adding` bytes
    /// (its record and the comma or bracket before it) and whose `fnv1a32` is `hash`.
    ///
    /// Content-defined, like rsync's or restic's chunk boundaries: past the minimum,
    /// a term ends the shard when `hash / 2³² < adding / shardCutBytes`, as if each
    /// byte had a 1 in `shardCutBytes` chance but decided by the term alone, so that
    /// shards average the same size whatever the size of records, and a change in one
    /// shard cannot move the boundaries of shards far from it.
    @inline(__always)
    public static func endsShard(bytes: Int, adding: Int, hash: UInt32) -> Bool {
        bytes >= shardMaximumBytes || (bytes >= shardMinimumBytes && UInt64(hash) * shardCutBytes < UInt64(adding) << 32)
    }

    /// 32-bit FNV-1a of the UTF-8 bytes: stable across processes and platforms
    /// (Swift's `Hasher` is seeded per process).
    public static func fnv1a32(_ text: String) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in text.utf8 {
            hash = (hash ^ UInt32(byte)) &* 0x0100_0193
        }
        return hash
    }

    /// JavaScript's string order (UTF-16 code units), used for terms everywhere so
    /// that the client's binary search over shard boundaries agrees with the writer.
    @inline(__always)
    public static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf16.lexicographicallyPrecedes(b.utf16)
    }

    /// `precedes` on the UTF-8 bytes of two strings, without iterating UTF-16 views
    /// (several times faster, for sorting every term of a locale). UTF-8 order is
    /// code point order, which is UTF-16 order except between a scalar above U+FFFF
    /// (a surrogate pair, D800–DBFF first) and one in U+E000–U+FFFF.
    static func precedes(utf8 a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let common = min(a.count, b.count)
        var index = 0
        while index < common, a[index] == b[index] { index += 1 }
        if index == common { return a.count < b.count }
        // The first scalars that differ start at the same offset in both.
        var start = index
        while start > 0, a[start] & 0xC0 == 0x80 { start -= 1 }
        let x = scalar(a, at: start), y = scalar(b, at: start)
        if (x >= 0x10000) != (y >= 0x10000), min(x, y) >= 0xE000 { return x > y }
        return x < y
    }

    /// The scalar starting at `index` of valid UTF-8.
    private static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32 {
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return lead }
        if lead < 0xE0 { return (lead & 0x1F) << 6 | UInt32(bytes[index + 1]) & 0x3F }
        if lead < 0xF0 {
            return (lead & 0x0F) << 12 | (UInt32(bytes[index + 1]) & 0x3F) << 6 | UInt32(bytes[index + 2]) & 0x3F
        }
        return (lead & 0x07) << 18 | (UInt32(bytes[index + 1]) & 0x3F) << 12 | (UInt32(bytes[index + 2]) & 0x3F) << 6
            | UInt32(bytes[index + 3]) & 0x3F
    }
}
