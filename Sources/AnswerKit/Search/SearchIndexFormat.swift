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
    /// A shard closes once its JSON passes this many bytes (a term never splits);
    /// about 6 KB once gzipped, so a two-word query fetches ~12 KB of postings.
    public static let shardBytes = 16_384
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

    /// JavaScript's string order (UTF-16 code units), used for terms everywhere so
    /// that the client's binary search over shard boundaries agrees with the writer.
    @inline(__always)
    public static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf16.lexicographicallyPrecedes(b.utf16)
    }
}
