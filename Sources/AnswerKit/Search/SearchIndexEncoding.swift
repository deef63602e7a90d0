import Crypto
import Foundation

/// The bytes of the index files, shared by the full build (`SearchIndexBuilder`) and
/// the incremental one (`SearchIndexSnapshot`) so that both write the same bytes.
enum SearchIndexEncoding {
    /// The display record of a document without one (a retired entry).
    static let emptyDisplay = ["", "", "", "", ""]

    /// Per document, the BM25 length normalisation `1 − b + b × length / average`.
    static func norms(lengths: [Float], average: Double) -> [Double] {
        lengths.map { norm(length: $0, average: average) }
    }

    /// The normalisation of one document (the same arithmetic as `norms`).
    @inline(__always)
    static func norm(length: Float, average: Double) -> Double {
        1 - SearchIndexFormat.b + SearchIndexFormat.b * Double(length) / average
    }

    /// The inverse document frequency of a term in `df` of `count` documents.
    @inline(__always)
    static func idf(df: Int, count: Int) -> Double {
        log(1 + (Double(count) - Double(df) + 0.5) / (Double(df) + 0.5))
    }

    /// A posting's integer impact: BM25 × 100, rounded, at least 1.
    @inline(__always)
    static func impact(idf: Double, frequency: Float, norm: Double) -> Int {
        let k1 = SearchIndexFormat.k1
        let tf = Double(frequency)
        let score = idf * tf * (k1 + 1) / (tf + k1 * norm)
        return max(1, roundedHalfAway(score * SearchIndexFormat.impactScale))
    }

    /// `Int(x.rounded())` (half away from zero) without a call into libm's `round`, once
    /// per posting (millions at 10 000 entries): for 0 ≤ x < 2⁵², `x − trunc(x)` is exact
    /// (Sterbenz), so comparing it with ½ decides exactly as `round` does. The
    /// comparison is added as 0 or 1 rather than branched on: its outcome is a coin
    /// toss per posting, and a branch on it mispredicted half the time.
    @inline(__always)
    static func roundedHalfAway(_ x: Double) -> Int {
        guard x >= 0, x < 4_503_599_627_370_496 else { return Int(x.rounded()) }
        let whole = Int(x)
        let up = x - Double(whole) >= 0.5
        return whole &+ Int(truncatingIfNeeded: unsafeBitCast(up, to: UInt8.self))
    }

    /// Appends `["term",[docDelta,impact,…]]`: the postings of one term, `docs` sorted,
    /// as integer BM25F impacts among `count` documents.
    static func appendRecord(_ term: String, docs: [Int32], frequencies: [Float], norms: [Double], count: Int, into output: inout [UInt8]) {
        docs.withUnsafeBufferPointer { docs in
            frequencies.withUnsafeBufferPointer { frequencies in
                appendRecord(term, docs: docs, frequencies: frequencies, norms: norms, count: count, into: &output)
            }
        }
    }

    static func appendRecord(
        _ term: String, docs: UnsafeBufferPointer<Int32>, frequencies: UnsafeBufferPointer<Float>, norms: [Double], count: Int,
        into output: inout [UInt8]
    ) {
        let idf = idf(df: docs.count, count: count)
        output.append(UInt8(ascii: "["))
        JSONWriter.writeString(term, into: &output)
        output.append(contentsOf: ",[".utf8)
        // Postings are most of the bytes of the index: written through pointers, each
        // at most 2 × 10 digits and 2 commas (and 4 bytes of slack for `writeShortDecimal`).
        let postings = [UInt8](unsafeUninitializedCapacity: docs.count * 22 + 4) { buffer, written in
            norms.withUnsafeBufferPointer { norms in
                var position = 0
                var previous: Int32 = 0
                for index in 0..<docs.count {
                    let doc = docs[index]
                    let impact = impact(idf: idf, frequency: frequencies[index], norm: norms[Int(doc)])
                    if index > 0 {
                        buffer[position] = UInt8(ascii: ",")
                        position += 1
                    }
                    position = writeShortDecimal(UInt32(doc - previous), into: buffer, at: position)
                    buffer[position] = UInt8(ascii: ",")
                    position = writeShortDecimal(UInt32(clamping: impact), into: buffer, at: position + 1)
                    previous = doc
                }
                written = position
            }
        }
        output.append(contentsOf: postings)
        output.append(contentsOf: "]]".utf8)
    }

    /// `record` (as `appendRecord` wrote it) with the impact of its `index`th posting
    /// replaced by `impact`: when only one document's frequency or length changed,
    /// this is the new record, found without encoding the other postings again.
    static func replacingImpact(in record: [UInt8], term: String, index: Int, with impact: Int) -> [UInt8] {
        var header: [UInt8] = []
        JSONWriter.writeString(term, into: &header)
        return record.withUnsafeBufferPointer { bytes -> [UInt8] in
            // Postings start after `[`, the term and `,[`; the index-th starts after 2 × index commas.
            var start = header.count + 3
            var commas = 0
            while commas < 2 * index {
                if bytes[start] == UInt8(ascii: ",") { commas += 1 }
                start += 1
            }
            while bytes[start] != UInt8(ascii: ",") { start += 1 }
            start += 1
            var end = start
            while bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9") { end += 1 }
            let digits = [UInt8](unsafeUninitializedCapacity: 10) { buffer, written in
                written = writeDecimal(UInt32(clamping: impact), into: buffer, at: 0)
            }
            var patched: [UInt8] = []
            patched.reserveCapacity(bytes.count + digits.count)
            patched.append(contentsOf: bytes[..<start])
            patched.append(contentsOf: digits)
            patched.append(contentsOf: bytes[end...])
            return patched
        }
    }

    /// Writes `value` in decimal at `position`; returns the position after it.
    @inline(__always)
    static func writeDecimal(_ value: UInt32, into buffer: UnsafeMutableBufferPointer<UInt8>, at position: Int) -> Int {
        var digits = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        var value = value
        var index = position + digits - 1
        while index >= position {
            buffer[index] = UInt8(truncatingIfNeeded: value % 10) &+ 48
            value /= 10
            index -= 1
        }
        return position + digits
    }

    /// `writeDecimal`, without a branch for values below 10 000 (nearly every gap
    /// between documents and every impact): the four digits are made at once and
    /// stored as one 4-byte word, moved so that its leading zeros fall off, and
    /// `position` moves by the number of digits. Written 4 bytes at a time, so
    /// `buffer` needs 4 bytes after the last digit it holds (left uninitialized).
    /// A loop over digits mispredicts its exit about once per number.
    @inline(__always)
    static func writeShortDecimal(_ value: UInt32, into buffer: UnsafeMutableBufferPointer<UInt8>, at position: Int) -> Int {
        guard value < 10_000, position + 4 <= buffer.count, let base = buffer.baseAddress else {
            return writeDecimal(value, into: buffer, at: position)
        }
        let digits = 1 + (value >= 10 ? 1 : 0) + (value >= 100 ? 1 : 0) + (value >= 1000 ? 1 : 0)
        // Most significant digit in the lowest byte (the first in memory).
        let ascii = (value / 1000 | (value / 100 % 10) << 8 | (value / 10 % 10) << 16 | (value % 10) << 24) | 0x3030_3030
        UnsafeMutableRawPointer(base + position).storeBytes(of: (ascii >> UInt32(8 * (4 - digits))).littleEndian, as: UInt32.self)
        return position + digits
    }

    /// `d<c>.json`: the display records of one chunk of documents.
    static func displayChunk(_ records: ArraySlice<[String]?>) -> [UInt8] {
        JSONWriter.compactBytes(.array(records.map { .array(($0 ?? emptyDisplay).map(JSONValue.string)) }))
    }

    /// `manifest.json`; `digests` are those of the shards, then of the display chunks.
    static func manifest(locale: String, docs: Int, boundaries: [String], digests: [FileDigest]) -> [UInt8] {
        var hasher = SHA256()
        for digest in digests { digest.feed(&hasher) }
        let manifest: JSONValue = .object([
            ("version", .int(SearchIndexFormat.version)),
            ("locale", .string(locale)),
            ("docs", .int(docs)),
            ("chunk", .int(SearchIndexFormat.docsPerChunk)),
            ("hash", .string(hasher.finalize().prefix(6).map { String(format: "%02x", $0) }.joined())),
            ("shards", .array(boundaries.map(JSONValue.string))),
        ])
        return JSONWriter.compactBytes(manifest)
    }

    /// Paths of the files under the output folder.
    static func shardPath(_ locale: String, _ number: Int) -> String { "search/\(locale)/t\(number).json" }
    static func chunkPath(_ locale: String, _ number: Int) -> String { "search/\(locale)/d\(number).json" }
    static func manifestPath(_ locale: String) -> String { "search/\(locale)/manifest.json" }
}

/// Decides where shards end as terms are appended (see `SearchIndexFormat.endsShard`).
struct ShardCutter {
    /// Bytes of the current shard: `[`, its records and the commas between them.
    private(set) var bytes = 0

    /// Appends a term whose record is `size` bytes and whose `fnv1a32` is `hash`; true
    /// when the shard ends after it.
    @inline(__always)
    mutating func append(size: Int, hash: UInt32) -> Bool {
        bytes += 1 + size
        guard SearchIndexFormat.endsShard(bytes: bytes, adding: 1 + size, hash: hash) else { return false }
        bytes = 0
        return true
    }
}

/// The SHA-256 of one index file, kept to tell which files an update changes and to
/// recompute the manifest's hash without reading the files again.
struct FileDigest: Hashable, Sendable {
    private let words: (UInt64, UInt64, UInt64, UInt64)

    /// The SHA-256 of `bytes`.
    init<Bytes: DataProtocol>(of bytes: Bytes) {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        SHA256.hash(data: bytes).withUnsafeBytes { digest in
            withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: digest) }
        }
        self.words = words
    }

    /// Adds the 32 bytes of the digest to `hasher` (the manifest's hash).
    func feed(_ hasher: inout SHA256) {
        withUnsafeBytes(of: words) { hasher.update(bufferPointer: $0) }
    }

    /// Lower-case hexadecimal, 64 digits.
    var hex: String {
        withUnsafeBytes(of: words) { $0.map { String(format: "%02x", $0) }.joined() }
    }

    static func == (a: FileDigest, b: FileDigest) -> Bool {
        a.words == b.words
    }

    func hash(into hasher: inout Hasher) {
        withUnsafeBytes(of: words) { hasher.combine(bytes: $0) }
    }
}
