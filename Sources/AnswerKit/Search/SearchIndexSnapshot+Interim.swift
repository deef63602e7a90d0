import Foundation

/// INTERIM stand-in until the incremental index lands: regenerates everything.
public struct SearchIndexSnapshot: Sendable {
    var documents: [EntryKey: SearchDocument]
    var paths: Set<String>? = nil

    public mutating func update(entries: [Entry], changed: [EntryKey: SearchDocument]) -> (write: [OutputFile], delete: [String]) {
        if ProcessInfo.processInfo.environment["ANSWERKIT_NOSEARCH"] != nil { return ([], []) }
        let keys = Set(entries.map(\.key))
        documents = documents.filter { keys.contains($0.key) }
        documents.merge(changed) { _, new in new }
        let collected = Locked<[OutputFile]>([])
        let builder = SearchIndexBuilder(entries: entries) { files in collected.withLock { $0 += files } }
        for entry in entries { if let document = documents[entry.key] { builder.add(entry.key, document) } }
        let files = collected.withLock { $0 } + builder.files()
        let now = Set(files.map(\.path))
        defer { paths = now }
        return (files, Array((paths ?? []).subtracting(now)))
    }
}
