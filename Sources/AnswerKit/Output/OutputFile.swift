import Foundation

/// A file of the built site: where it goes under `public/` and its bytes.
public struct OutputFile: Sendable, Hashable {
    /// Relative to the output folder, `/`-separated.
    public var path: String
    public var contents: Data

    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: Data(text.utf8))
    }
}

/// Where a build puts its files: a staging folder, memory, or nowhere (`check`).
///
/// Pages are handed over in batches as they are rendered, so that a 100 000
/// entry site never holds all its HTML in memory at once; `write` is the only
/// place that touches the output.
public protocol OutputSink: Sendable {
    /// Stores one file; called from several threads.
    func write(_ file: OutputFile) throws(BuildFailure)
    /// Copies a file that is not generated (assets) to `path`.
    func copy(from source: URL, to path: String) throws(BuildFailure)
    /// Stores the concatenation of `parts` (large files, without joining them first).
    func write(path: String, parts: [[UInt8]]) throws(BuildFailure)
    /// Opens `path` to be written piece by piece, from one thread (the snippet bundles
    /// of 100 000 entries, written as their replies are serialized and never held whole).
    func appender(path: String) throws(BuildFailure) -> OutputAppender
}

extension OutputSink {
    public func write(path: String, parts: [[UInt8]]) throws(BuildFailure) {
        var data = Data(capacity: parts.reduce(0) { $0 + $1.count })
        for part in parts { data.append(contentsOf: part) }
        try write(OutputFile(path: path, contents: data))
    }

    /// Collects the pieces and stores them as one file when closed.
    public func appender(path: String) throws(BuildFailure) -> OutputAppender {
        var data = Data()
        return OutputAppender { bytes in
            data.append(contentsOf: bytes)
        } close: { () throws(BuildFailure) in
            try write(OutputFile(path: path, contents: data))
            data = Data()
        }
    }
}

/// A file being written piece by piece (`OutputSink.appender`); used from one thread at a time.
public final class OutputAppender {
    private let add: (UnsafeRawBufferPointer) throws(BuildFailure) -> Void
    private let finish: () throws(BuildFailure) -> Void

    public init(append: @escaping (UnsafeRawBufferPointer) throws(BuildFailure) -> Void, close: @escaping () throws(BuildFailure) -> Void) {
        add = append
        finish = close
    }

    /// Appends `bytes` to the file.
    public func append(_ bytes: UnsafeRawBufferPointer) throws(BuildFailure) {
        try add(bytes)
    }

    public func append(_ bytes: [UInt8]) throws(BuildFailure) {
        let outcome: Result<Void, BuildFailure> = bytes.withUnsafeBytes { buffer in
            do throws(BuildFailure) { return .success(try add(buffer)) } catch { return .failure(error) }
        }
        try outcome.get()
    }

    /// Completes the file; nothing may be appended after.
    public func close() throws(BuildFailure) {
        try finish()
    }
}

/// Keeps the files in memory (tests, `serve`).
public final class MemoryOutput: OutputSink, @unchecked Sendable {
    private let files = Locked<[String: Data]>([:])

    public init() {}

    public func write(_ file: OutputFile) throws(BuildFailure) {
        files.withLock { $0[file.path] = file.contents }
    }

    public func copy(from source: URL, to path: String) throws(BuildFailure) {
        guard let data = FileManager.default.contents(atPath: source.path) else {
            throw BuildFailure(.unreadable(source.path, "cannot read"))
        }
        files.withLock { $0[path] = data }
    }

    /// Every file by path.
    public var contents: [String: Data] { files.withLock { $0 } }
}

/// Discards everything (`check` runs the whole pipeline but writes nothing).
public struct NullOutput: OutputSink {
    public init() {}
    public func write(_ file: OutputFile) throws(BuildFailure) {}
    public func copy(from source: URL, to path: String) throws(BuildFailure) {}
    /// Nothing joined or collected only to be discarded (the bundles of 100 000 entries are ~500 MB).
    public func write(path: String, parts: [[UInt8]]) throws(BuildFailure) {}
    public func appender(path: String) throws(BuildFailure) -> OutputAppender {
        OutputAppender(append: { _ in }, close: {})
    }
}
