import Foundation

/// The search index of a whole site as last written, kept by `answerkit serve` so
/// that an edit rewrites only the index files it changes.
///
/// Made by `SearchIndexBuilder.snapshot()` (with `keepPostings`) after a full build;
/// `update(entries:changed:)` then yields exactly the bytes a new full build over the
/// same entries would write, as the files to write and the paths to delete.
///
/// Memory: the postings (8 bytes each), every term's encoded record (about the size
/// of the locale's shard files) and 32 bytes per file.
public struct SearchIndexSnapshot: Sendable {
    var locales: [String: SearchLocaleIndex]
    var analyzers: [String: Analyzer.Pool]

    init(locales: [String: SearchLocaleIndex], analyzers: [String: Analyzer.Pool]) {
        self.locales = locales
        self.analyzers = analyzers
    }

    /// Every index file as last written (paths under the output folder), with the
    /// lower-case hexadecimal SHA-256 of its bytes.
    public var digests: [String: String] {
        var digests: [String: String] = [:]
        for (locale, index) in locales {
            guard let written = index.written else { continue }
            for (number, shard) in written.shards.enumerated() {
                digests[SearchIndexEncoding.shardPath(locale, number)] = shard.digest.hex
            }
            for (number, chunk) in written.chunks.enumerated() {
                digests[SearchIndexEncoding.chunkPath(locale, number)] = chunk.hex
            }
            digests[SearchIndexEncoding.manifestPath(locale)] = FileDigest(of: written.manifest).hex
        }
        return digests
    }

    /// Brings the index up to date and returns what changed on disk.
    ///
    /// - Parameters:
    ///   - entries: every published entry now, in site order: the list a full build
    ///     passes to `SearchIndexBuilder(entries:)`. Entries no longer listed are
    ///     removed; retired ones (`SearchIndexBuilder.indexes`) keep their document
    ///     number without terms.
    ///   - changed: the documents of the entries added or edited, as a full build
    ///     would pass them to `SearchIndexBuilder.add`. Every indexed entry the
    ///     snapshot has no document for (new, or no longer retired) must be here;
    ///     documents of retired or unlisted entries are ignored.
    /// - Returns: the files whose bytes differ from the last state (paths relative to
    ///   the output folder, `search/<locale>/…`) and the paths of files that no longer exist.
    public mutating func update(entries: [Entry], changed: [EntryKey: SearchDocument]) -> (write: [OutputFile], delete: [String]) {
        var keys: [String: [EntryKey]] = [:]
        var indexed: [String: [Bool]] = [:]
        // Field by field (reading whole entries copied all their fields), a run of
        // entries of the same locale at a time.
        var index = 0
        while index < entries.count {
            let locale = entries[index].key.locale
            var run: [EntryKey] = []
            var flags: [Bool] = []
            while index < entries.count, entries[index].key.locale == locale {
                run.append(entries[index].key)
                flags.append(SearchIndexBuilder.indexes(entries[index].status))
                index += 1
            }
            keys[locale, default: []] += run
            indexed[locale, default: []] += flags
        }
        var write: [OutputFile] = []
        var delete: [String] = []
        for locale in Set(locales.keys).union(keys.keys).sorted() {
            guard let list = keys[locale] else {
                delete += locales.removeValue(forKey: locale)?.paths(locale: locale) ?? []
                continue
            }
            let analyzer = analyzers[locale] ?? Analyzer.Pool(Analyzer(locale: locale))
            analyzers[locale] = analyzer
            var index = locales.removeValue(forKey: locale) ?? SearchLocaleIndex(keys: [], written: .init())
            let changes = index.update(locale: locale, keys: list, indexed: indexed[locale]!, changed: changed, analyzer: analyzer)
            locales[locale] = index
            write += changes.write
            delete += changes.delete
        }
        return (write, delete)
    }
}
