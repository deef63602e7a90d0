import Foundation

/// A file's size, modification time and inode: what tells a build, without reading
/// it, that a file may have changed since it was last read (as `make` and Hugo do).
///
/// The modification time has nanoseconds on Linux and macOS file systems, and the
/// inode changes when an editor saves by writing a new file and renaming it over
/// the old one, so two saves within one clock tick of the same size are still told
/// apart in the usual case.
public struct FileStamp: Sendable, Hashable, CustomStringConvertible {
    public var size: Int64
    public var seconds: Int
    public var nanoseconds: Int
    public var inode: UInt64

    /// The stamp of the file at `path`, or `nil` when there is none.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        size = Int64(info.st_size)
        inode = UInt64(info.st_ino)
        #if os(Linux)
        (seconds, nanoseconds) = (Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec))
        #else
        (seconds, nanoseconds) = (Int(info.st_mtimespec.tv_sec), Int(info.st_mtimespec.tv_nsec))
        #endif
    }

    public var description: String { "\(size):\(seconds).\(nanoseconds):\(inode)" }
}
