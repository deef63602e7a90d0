import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a build into a staging folder beside the output and swaps it in only on success.
///
/// The staging folder (`.public.staging-<pid>`) sits in the same parent as
/// `public/`, so the swap is a rename on one file system: on Linux one atomic
/// `renameat2(RENAME_EXCHANGE)`, elsewhere two renames. A build that fails, or
/// is interrupted, leaves the previous `public/` exactly as it was.
public final class StagedDirectory: OutputSink, @unchecked Sendable {
    /// The final output folder.
    public let destination: URL
    /// Where files are written until `commit()`.
    public let staging: URL
    /// `staging.path`, made once (files are opened by path, not through `URL`).
    private let stagingPath: String
    private let createdDirectories = Locked<Set<String>>([])

    /// Creates an empty staging folder beside `destination`.
    public init(destination: URL) throws(BuildFailure) {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        staging = parent.appendingPathComponent(".\(self.destination.lastPathComponent).staging-\(ProcessInfo.processInfo.processIdentifier)")
        stagingPath = staging.path
        let manager = FileManager.default
        try? manager.removeItem(at: staging)
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw BuildFailure(.unwritable(staging.path, error.localizedDescription))
        }
    }

    public func write(_ file: OutputFile) throws(BuildFailure) {
        try writeParts(path: file.path, parts: [file.contents])
    }

    /// Writes the concatenation of `parts` without joining them in memory first
    /// (the snippet bundles of 100 000 entries are hundreds of megabytes).
    public func write(path: String, parts: [[UInt8]]) throws(BuildFailure) {
        try writeParts(path: path, parts: parts)
    }

    /// Appends to a file of the staging folder through a buffer of 1 MiB, so that the
    /// many small pieces of a bundle cost few system calls.
    public func appender(path: String) throws(BuildFailure) -> OutputAppender {
        let full = try prepare(path)
        let descriptor = open(full, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw BuildFailure(.unwritable(full, String(cString: strerror(errno)))) }
        let capacity = 1 << 20
        var buffer: [UInt8] = []
        var isOpen = true
        func flush() throws(BuildFailure) {
            let failed = buffer.withUnsafeBytes { StagedDirectory.writeAll(descriptor, $0) }
            buffer.removeAll(keepingCapacity: true)
            if failed {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                isOpen = false
                throw BuildFailure(.unwritable(full, reason))
            }
        }
        return OutputAppender { (bytes) throws(BuildFailure) in
            precondition(isOpen, "appending to a closed file")
            if buffer.count + bytes.count > capacity {
                try flush()
                if bytes.count >= capacity {
                    if StagedDirectory.writeAll(descriptor, bytes) {
                        let reason = String(cString: strerror(errno))
                        close(descriptor)
                        isOpen = false
                        throw BuildFailure(.unwritable(full, reason))
                    }
                    return
                }
            }
            if buffer.capacity == 0 { buffer.reserveCapacity(capacity) }
            buffer.append(contentsOf: bytes)
        } close: { () throws(BuildFailure) in
            guard isOpen else { return }
            try flush()
            isOpen = false
            buffer = []
            guard close(descriptor) == 0 else { throw BuildFailure(.unwritable(full, String(cString: strerror(errno)))) }
        }
    }

    private func writeParts<Part: DataProtocol>(path: String, parts: [Part]) throws(BuildFailure) {
        let full = try prepare(path)
        // Plain open/write/close: FileManager.createFile writes a temporary file and
        // fsyncs it, which at 100 000 pages costs more than rendering them. The
        // whole staging folder is made durable by the rename that publishes it.
        let descriptor = open(full, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw BuildFailure(.unwritable(full, String(cString: strerror(errno)))) }
        defer { close(descriptor) }
        for part in parts {
            let failed = part.withContiguousStorageIfAvailable { StagedDirectory.writeAll(descriptor, UnsafeRawBufferPointer($0)) }
                ?? Array(part).withUnsafeBytes { StagedDirectory.writeAll(descriptor, $0) }
            if failed { throw BuildFailure(.unwritable(full, String(cString: strerror(errno)))) }
        }
    }

    /// Writes all of `buffer`; false on an error (with `errno` set).
    private static func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < buffer.count {
            let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return true
            }
            offset += written
        }
        return false
    }

    public func copy(from source: URL, to path: String) throws(BuildFailure) {
        let full = try prepare(path)
        do {
            try FileManager.default.copyItem(at: source, to: URL(fileURLWithPath: full))
        } catch {
            throw BuildFailure(.unwritable(full, error.localizedDescription))
        }
    }

    /// Creates the parent folders of `path` once and returns its staging path.
    ///
    /// String operations rather than `URL.appendingPathComponent` and `NSString`
    /// path methods, which stat the file system and bridge on every page. Output
    /// paths are relative and made of `/`-separated names (no `//`, no trailing `/`).
    private func prepare(_ path: String) throws(BuildFailure) -> String {
        precondition(!path.hasPrefix("/") && !path.split(separator: "/").contains(".."), "output path escapes the output folder: \(path)")
        let parent = Self.parent(of: path)
        if !parent.isEmpty { try makeDirectory(parent) }
        return stagingPath + "/" + path
    }

    /// `a/b` of `a/b/c`, empty for `c`.
    private static func parent(of path: String) -> String {
        path.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(path[..<$0]) } ?? ""
    }

    /// Creates `path` (relative to staging) and its missing parents, once each.
    ///
    /// POSIX `mkdir` with a cache of what exists: FileManager's recursive variant
    /// stats every component of every page's folder.
    private func makeDirectory(_ path: String) throws(BuildFailure) {
        guard createdDirectories.withLock({ !$0.contains(path) }) else { return }
        let parent = Self.parent(of: path)
        if !parent.isEmpty { try makeDirectory(parent) }
        let full = stagingPath + "/" + path
        if mkdir(full, 0o755) != 0, errno != EEXIST {
            throw BuildFailure(.unwritable(full, String(cString: strerror(errno))))
        }
        createdDirectories.withLock { _ = $0.insert(path) }
    }

    /// Replaces `destination` with the staged build.
    public func commit() throws(BuildFailure) {
        if let previous = try commitKeepingPrevious() { try? FileManager.default.removeItem(at: previous) }
    }

    /// Replaces `destination` with the staged build and returns the folder that now
    /// holds the previous build, if there was one, for the caller to delete (deleting
    /// 10 000 pages takes ~0.1 s: a build can do it while it writes its cache).
    public func commitKeepingPrevious() throws(BuildFailure) -> URL? {
        let manager = FileManager.default
        if !manager.fileExists(atPath: destination.path) {
            do { try manager.moveItem(at: staging, to: destination) } catch {
                throw BuildFailure(.unwritable(destination.path, error.localizedDescription))
            }
            return nil
        }
        if Self.exchange(staging.path, destination.path) {
            return staging  // now holds the previous build
        }
        let old = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try? manager.removeItem(at: old)
            try manager.moveItem(at: destination, to: old)
            try manager.moveItem(at: staging, to: destination)
            return old
        } catch {
            throw BuildFailure(.unwritable(destination.path, error.localizedDescription))
        }
    }

    /// Swaps two paths atomically with Linux's `renameat2(RENAME_EXCHANGE)`.
    ///
    /// Looked up at run time because Swift's Glibc module does not export it
    /// (glibc ≥ 2.28 has it); returns false where it is missing or refused.
    static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let atCurrentDirectory: Int32 = -100  // AT_FDCWD
        let renameExchange: UInt32 = 2  // RENAME_EXCHANGE
        return renameat2(atCurrentDirectory, a, atCurrentDirectory, b, renameExchange) == 0
        #else
        return false
        #endif
    }

    /// Removes the staging folder, leaving `destination` untouched.
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}
