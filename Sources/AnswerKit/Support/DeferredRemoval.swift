import Foundation

/// Deletes files and folders on another thread, so that a build need not wait while
/// the file system frees what it replaced: the build's previous output (10 000 pages
/// take ~0.1 s to delete) and the cache files a new build supersedes (~100 MB at
/// 10 000 entries: freeing them on a disk file system took 40 ms of the cache write).
///
/// `wait()` before the process may exit, or the deletion can be cut short.
final class DeferredRemoval: Sendable {
    private let group = DispatchGroup()

    init() {}

    /// Deletes `path` (a file or a folder) in the background.
    func remove(_ path: String) {
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async { [group] in
            defer { group.leave() }
            var info = stat()
            guard lstat(path, &info) == 0 else { return }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                try? FileManager.default.removeItem(atPath: path)
            } else {
                unlink(path)
            }
        }
    }

    /// Renames the file at `path` aside (at once: a rename frees nothing) and deletes it
    /// in the background, so that a new file can take its name; nothing when it is missing.
    func removeAside(_ path: String) {
        let aside = path + ".old-\(getpid())"
        guard rename(path, aside) == 0 else { return }
        remove(aside)
    }

    /// Waits until everything handed over is deleted.
    func wait() {
        group.wait()
    }
}
