#if os(Linux)
import Dispatch
import Foundation
import Glibc

/// Watches the plan's folders with Linux inotify, through Glibc directly.
///
/// inotify watches one folder at a time, so every folder of the content and
/// template trees gets a watch, and folders created or moved in later get
/// theirs as their events arrive. `answerkit.yml` is watched through its
/// parent folder, filtered by name, because editors save by renaming a new file
/// over the old one, which would end a watch on the file itself. After a queue
/// overflow every watch is renewed and the batch is marked `everything`.
///
/// All mutable state is confined to the watching thread once `start` is called.
final class InotifyWatcher: FileWatcher, @unchecked Sendable {
    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    let description = "inotify"
    private let plan: WatchPlan
    private let descriptor: Int32
    private let wake: (read: Int32, write: Int32)
    private var debouncer: Debouncer
    /// Folders inside a watched tree, by watch.
    private var trees: [Int32: String] = [:]
    /// Parent folders of watched files and trees, by watch, with the names of interest in them.
    private var parents: [Int32: (path: String, names: Set<String>)] = [:]
    private let state = Protected<(started: Bool, stopped: Bool)>((false, false))
    private let finished = DispatchSemaphore(value: 0)

    private static let mask = UInt32(
        IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB
            | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

    /// Sets up inotify and the watches; throws when inotify is unavailable or out of watches.
    init(plan: WatchPlan, debounce: Duration) throws(StartError) {
        self.plan = plan
        debouncer = Debouncer(quiet: debounce)
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { throw StartError(description: "inotify_init1: \(String(cString: strerror(errno)))") }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            close(descriptor)
            throw StartError(description: "pipe: \(String(cString: strerror(errno)))")
        }
        wake = (pipeEnds[0], pipeEnds[1])
        if let failure = watchAll() {
            closeDescriptors()
            throw StartError(description: failure)
        }
    }

    func start(onChange: @escaping @Sendable (ChangeSet) -> Void) {
        guard state.withLock({ state in
            guard !state.started, !state.stopped else { return false }
            state.started = true
            return true
        }) else { return }
        let thread = Thread { [self] in
            run(onChange)
            closeDescriptors()
            finished.signal()
        }
        thread.name = "answerkit-inotify"
        thread.start()
    }

    func stop() {
        let (wasStarted, wasStopped) = state.withLock { state in
            defer { state.stopped = true }
            return (state.started, state.stopped)
        }
        guard !wasStopped else { return }
        if wasStarted {
            var byte: UInt8 = 1
            _ = write(wake.write, &byte, 1)
            finished.wait()
        } else {
            closeDescriptors()
        }
    }

    // MARK: - The watching thread

    private func run(_ onChange: @Sendable (ChangeSet) -> Void) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 8)
        defer { buffer.deallocate() }
        var pending = ChangeSet()
        var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0), pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
        while true {
            let ready = poll(&descriptors, 2, debouncer.timeout(at: Self.now()))
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if descriptors[1].revents != 0 { return }
            if descriptors[0].revents & Int16(POLLIN) != 0 {
                while true {
                    let count = read(descriptor, buffer.baseAddress, buffer.count)
                    guard count > 0 else { break }
                    for event in InotifyEvent.parse(UnsafeRawBufferPointer(rebasing: buffer[0..<count])) {
                        let changes = handle(event)
                        if !changes.isEmpty {
                            pending = pending.merged(with: changes)
                            debouncer.record(at: Self.now())
                        }
                    }
                }
            }
            if debouncer.isDue(at: Self.now()) {
                debouncer.reset()
                if pending.everything { renewWatches() }
                if !pending.isEmpty { onChange(pending) }
                pending = ChangeSet()
            }
        }
    }

    /// What one event changed, keeping the watches in step with the folders.
    private func handle(_ event: InotifyEvent) -> ChangeSet {
        if event.mask & UInt32(IN_Q_OVERFLOW) != 0 { return ChangeSet(everything: true) }
        if event.mask & UInt32(IN_IGNORED) != 0 {
            trees[event.watch] = nil
            parents[event.watch] = nil
            return ChangeSet()
        }
        let isDirectory = event.mask & UInt32(IN_ISDIR) != 0
        let arrived = event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0
        var changes = ChangeSet()
        if let folder = trees[event.watch], event.name.isEmpty || !WatchPlan.isScratch(event.name) {
            let path = event.name.isEmpty ? folder : folder + "/" + event.name
            changes.paths.insert(plan.relative(path))
            if isDirectory, event.mask & UInt32(IN_MOVED_FROM) != 0 { unwatch(below: path) }
            if isDirectory, arrived { _ = watchTree(path) }
        }
        if let parent = parents[event.watch], parent.names.contains(event.name) {
            let path = parent.path + "/" + event.name
            changes.paths.insert(plan.relative(path))
            if arrived, plan.trees.contains(where: { $0.path == path }), Self.isDirectory(path, followingLinks: true) { _ = watchTree(path) }
        }
        return changes
    }

    // MARK: - Watches

    /// Watches every parent and tree of the plan; returns why it failed, if it did.
    private func watchAll() -> String? {
        var namesByParent: [String: Set<String>] = [:]
        for url in plan.files + plan.trees {
            namesByParent[url.deletingLastPathComponent().path, default: []].insert(url.lastPathComponent)
        }
        for (path, names) in namesByParent.sorted(by: { $0.key < $1.key }) {
            let watch = inotify_add_watch(descriptor, path, Self.mask)
            guard watch >= 0 else { return "cannot watch \(path): \(String(cString: strerror(errno)))" }
            parents[watch] = (path, names)
        }
        for tree in plan.trees where Self.isDirectory(tree.path, followingLinks: true) {
            if let failure = watchTree(tree.path) { return failure }
        }
        return nil
    }

    /// Watches `path` and every folder below it (symbolic links are not followed).
    private func watchTree(_ path: String) -> String? {
        let watch = inotify_add_watch(descriptor, path, Self.mask)
        guard watch >= 0 else {
            // ENOSPC means fs.inotify.max_user_watches is exhausted; a folder that vanished meanwhile is no failure.
            return errno == ENOENT || errno == ENOTDIR ? nil : "cannot watch \(path): \(String(cString: strerror(errno)))"
        }
        trees[watch] = path
        let children = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for child in children.sorted() where Self.isDirectory(path + "/" + child) {
            if let failure = watchTree(path + "/" + child) { return failure }
        }
        return nil
    }

    /// Drops the watches of a folder that moved away, and of its subfolders.
    private func unwatch(below path: String) {
        for (watch, folder) in trees where folder == path || folder.hasPrefix(path + "/") {
            inotify_rm_watch(descriptor, watch)
            trees[watch] = nil
        }
    }

    /// After an overflow: forget every watch and watch everything again.
    private func renewWatches() {
        for watch in Array(trees.keys) + Array(parents.keys) { inotify_rm_watch(descriptor, watch) }
        trees = [:]
        parents = [:]
        _ = watchAll()
    }

    private func closeDescriptors() {
        close(descriptor)
        close(wake.read)
        close(wake.write)
    }

    /// Whether `path` is a folder; links are followed only when asked (the tree roots), so
    /// a link inside the content tree cannot make the watch loop back on itself.
    private static func isDirectory(_ path: String, followingLinks: Bool = false) -> Bool {
        var info = stat()
        let status = followingLinks ? stat(path, &info) : lstat(path, &info)
        return status == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    private static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
}
#endif
