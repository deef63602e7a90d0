import Foundation

/// One locale's search postings in the build cache: what `SearchIndexSnapshot.update`
/// needs to rewrite only the index files an edit changes, in a later process.
///
/// Kept beside the Search code's types rather than in them (an extension of its
/// internal state): the postings are copied as their bytes (8 per posting), the
/// encoded records as they were written. The term-id table is made again on load.
extension SearchLocaleIndex: CacheCodable {
    func encode(to writer: CacheWriter) {
        writer.array(keys)
        writer.strings(terms)
        if docs.count == terms.count {
            writer.array(docs, writer.numbers)
            writer.array(frequencies, writer.numbers)
        } else {
            // Kept flat (`write(locale:keep:flat:emit:)`): the same bytes, term by term.
            encodeFlat(postings.docs, writer: writer)
            encodeFlat(postings.frequencies, writer: writer)
        }
        writer.numbers(lengths)
        writer.array(display) { record in writer.optional(record, writer.strings) }
        writer.optional(written) { written in
            writer.numbers(written.order)
            writer.array(written.records, writer.bytes)
            writer.numbers(written.hashes)
            writer.double(written.average)
            writer.array(written.shards) { shard in
                writer.int(Int(shard.first))
                writer.int(Int(shard.last))
                writer.digest(shard.digest)
            }
            writer.array(written.chunks, writer.digest)
            writer.bytes(written.manifest)
        }
        let forward = self.forward.sorted { $0.key < $1.key }
        writer.array(forward) { item in
            writer.int(Int(item.key))
            writer.numbers(item.value)
        }
    }

    /// Each term's run of `values` (grouped `postings`), as `writer.array(_:writer.numbers)`
    /// writes the per-term arrays; terms past the postings' have none.
    private func encodeFlat<T: BitwiseCopyable>(_ values: [T], writer: CacheWriter) {
        writer.varint(UInt64(terms.count))
        values.withUnsafeBufferPointer { values in
            for term in terms.indices {
                let range = term < postings.termCount ? postings.range(term) : 0..<0
                writer.bytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: values[range])))
            }
        }
    }

    init(from reader: CacheReader) throws(CacheError) {
        self.init(keys: try reader.array(EntryKey.self))
        terms = try reader.strings()
        docs = try reader.array { () throws(CacheError) in try reader.numbers(Int32.self) }
        frequencies = try reader.array { () throws(CacheError) in try reader.numbers(Float.self) }
        let lengths = try reader.numbers(Float.self)
        let display = try reader.array { () throws(CacheError) in try reader.optional { () throws(CacheError) in try reader.strings() } }
        guard docs.count == terms.count, frequencies.count == terms.count, lengths.count == keys.count, display.count == keys.count,
            zip(docs, frequencies).allSatisfy({ $0.count == $1.count })
        else { throw CacheError("the cache's search postings are inconsistent") }
        self.lengths = lengths
        self.display = display
        written = try reader.optional { () throws(CacheError) -> Written in
            var written = Written()
            written.order = try reader.numbers(Int32.self)
            written.records = try reader.array { () throws(CacheError) in try reader.bytes() }
            written.hashes = try reader.numbers(UInt32.self)
            written.average = try reader.double()
            written.shards = try reader.array { () throws(CacheError) in
                Shard(first: Int32(try reader.int()), last: Int32(try reader.int()), digest: try reader.digest())
            }
            written.chunks = try reader.array { () throws(CacheError) in try reader.digest() }
            written.manifest = try reader.bytes()
            return written
        }
        forward = try Dictionary(
            reader.array { () throws(CacheError) in (Int32(try reader.int()), try reader.numbers(Int32.self)) }, uniquingKeysWith: { a, _ in a })
        termIDs.reserveCapacity(terms.count)
        for (id, term) in terms.enumerated() { termIDs[Term(term)] = Int32(id) }
    }
}

/// `FileDigest` keeps its 32 bytes private; the cache copies them as they are.
extension CacheWriter {
    func digest(_ digest: FileDigest) {
        withUnsafeBytes(of: digest) { bytes in
            for word in 0..<4 { raw(bytes.loadUnaligned(fromByteOffset: word * 8, as: UInt64.self)) }
        }
    }
}

extension CacheReader {
    func digest() throws(CacheError) -> FileDigest {
        precondition(MemoryLayout<FileDigest>.size == 32, "FileDigest is no longer its 32 bytes: update the build cache's coding")
        let words = (try raw(), try raw(), try raw(), try raw())
        return unsafeBitCast(words, to: FileDigest.self)
    }
}
