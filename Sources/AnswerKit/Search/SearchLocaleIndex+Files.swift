import Foundation

extension SearchLocaleIndex {
    /// Makes the records of the terms in `edits` again; returns, per term id, whether
    /// its record changed.
    mutating func encode(_ edits: [Int32: TermEdit], average: Double) -> [Bool] {
        var dirty = [Bool](repeating: false, count: terms.count)
        var norms: [Double] = []
        var record: [UInt8] = []
        for (id, edit) in edits {
            let id = Int(id)
            switch edit {
            case let .impact(of: doc) where !written!.records[id].isEmpty:
                let index = Self.lowerBound(docs[id], doc)
                let impact = SearchIndexEncoding.impact(
                    idf: SearchIndexEncoding.idf(df: docs[id].count, count: keys.count), frequency: frequencies[id][index],
                    norm: SearchIndexEncoding.norm(length: lengths[Int(doc)], average: average))
                record = SearchIndexEncoding.replacingImpact(in: written!.records[id], term: terms[id], index: index, with: impact)
            default:
                record.removeAll(keepingCapacity: true)
                if !docs[id].isEmpty {
                    if norms.isEmpty { norms = SearchIndexEncoding.norms(lengths: lengths, average: average) }
                    SearchIndexEncoding.appendRecord(terms[id], docs: docs[id], frequencies: frequencies[id], norms: norms, count: keys.count, into: &record)
                }
            }
            guard record != written!.records[id] else { continue }
            written!.records[id] = record.compacted()
            dirty[id] = true
        }
        return dirty
    }

    /// Cuts the shards again from the records; writes those whose bytes changed and
    /// deletes those past the new count. Returns the new boundaries and digests.
    mutating func cutShards(locale: String, dirty: [Bool], files: inout [OutputFile], delete: inout [String]) -> ([String], [FileDigest]) {
        let order = written!.order
        let records = written!.records
        let hashes = written!.hashes
        // Spans of live terms (positions in `order`); a changed term (even one that
        // now has no documents) marks the span being built as dirty. Read through
        // pointers: no reference counting per term.
        var spans: [(first: Int, last: Int, dirty: Bool)] = []
        order.withUnsafeBufferPointer { order in
            records.withUnsafeBufferPointer { records in
                hashes.withUnsafeBufferPointer { hashes in
                    dirty.withUnsafeBufferPointer { dirty in
                        var cutter = ShardCutter()
                        var first = -1, last = -1, spanDirty = false
                        for position in order.indices {
                            let id = Int(order[position])
                            if dirty[id] { spanDirty = true }
                            let size = records[id].count
                            guard size > 0 else { continue }
                            if first < 0 { first = position }
                            last = position
                            if cutter.append(size: size, hash: hashes[id]) {
                                spans.append((first, last, spanDirty))
                                first = -1
                                spanDirty = false
                            }
                        }
                        if first >= 0 { spans.append((first, last, spanDirty)) }
                    }
                }
            }
        }

        let old = written!.shards
        var shards: [Shard] = []
        shards.reserveCapacity(spans.count)
        var bytes: [UInt8] = []
        for (number, span) in spans.enumerated() {
            let firstID = order[span.first], lastID = order[span.last]
            if !span.dirty, number < old.count, old[number].first == firstID, old[number].last == lastID {
                shards.append(old[number])
                continue
            }
            bytes.removeAll(keepingCapacity: true)
            for id in order[span.first...span.last] where !records[Int(id)].isEmpty {
                bytes.append(bytes.isEmpty ? UInt8(ascii: "[") : UInt8(ascii: ","))
                bytes.append(contentsOf: records[Int(id)])
            }
            bytes.append(contentsOf: "]\n".utf8)
            let digest = FileDigest(of: bytes)
            shards.append(Shard(first: firstID, last: lastID, digest: digest))
            if number < old.count, old[number].digest == digest { continue }
            files.append(OutputFile(path: SearchIndexEncoding.shardPath(locale, number), contents: Data(bytes)))
        }
        for number in spans.count..<max(old.count, spans.count) {
            delete.append(SearchIndexEncoding.shardPath(locale, number))
        }
        written!.shards = shards
        return (shards.map { terms[Int($0.first)] }, shards.map(\.digest))
    }

    /// Re-encodes the display chunks `numbers`; writes those that changed and deletes
    /// chunks past the end.
    mutating func updateChunks(_ numbers: [Int], locale: String, files: inout [OutputFile], delete: inout [String]) {
        let size = SearchIndexFormat.docsPerChunk
        let count = (keys.count + size - 1) / size
        var chunks = written!.chunks
        for number in count..<max(chunks.count, count) {
            delete.append(SearchIndexEncoding.chunkPath(locale, number))
        }
        chunks = Array(chunks.prefix(count))
        for number in numbers where number < count {
            let bytes = SearchIndexEncoding.displayChunk(display[(number * size)..<min(number * size + size, keys.count)])
            let digest = FileDigest(of: bytes)
            if number < chunks.count {
                guard chunks[number] != digest else { continue }
                chunks[number] = digest
            } else {
                // Renumbering lists every chunk in order, so new ones come in order.
                chunks.append(digest)
            }
            files.append(OutputFile(path: SearchIndexEncoding.chunkPath(locale, number), contents: Data(bytes)))
        }
        written!.chunks = chunks
    }
}
