import Dispatch
import Foundation

/// Watches by comparing modification times and sizes of every file, every `interval`.
///
/// The fallback for platforms without inotify, for file systems that do not
/// report changes (network mounts, some container bind mounts: `--poll`), and
/// for when inotify cannot start. The scan interval doubles as the debounce.
final class PollingWatcher: FileWatcher, @unchecked Sendable {
    /// What a scan remembers of one file.
    struct Stamp: Sendable, Equatable {
        var modified: Date?
        var size: Int?
    }

    let description: String
    private let plan: WatchPlan
    private let interval: Duration
    private let stopSignal = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let state = Protected<(started: Bool, stopped: Bool)>((false, false))

    init(plan: WatchPlan, interval: Duration) {
        self.plan = plan
        self.interval = interval
        description = String(format: "polling every %.1f s", Double(Debouncer.nanoseconds(interval)) / 1e9)
    }

    func start(onChange: @escaping @Sendable (ChangeSet) -> Void) {
        guard state.withLock({ state in
            guard !state.started, !state.stopped else { return false }
            state.started = true
            return true
        }) else { return }
        // The first scan happens now, not on the thread, so a change made right after `start` returns is seen.
        let initial = Self.scan(plan)
        let thread = Thread { [self] in
            var previous = initial
            let nanoseconds = Int(Debouncer.nanoseconds(interval))
            // Waiting on the stop signal is the sleep: stopping does not wait out an interval.
            while stopSignal.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .timedOut {
                let current = Self.scan(plan)
                let changed = Self.changes(from: previous, to: current)
                previous = current
                if !changed.isEmpty { onChange(ChangeSet(paths: Set(changed.map(plan.relative)))) }
            }
            finished.signal()
        }
        thread.name = "answerkit-poll"
        thread.start()
    }

    func stop() {
        let (wasStarted, wasStopped) = state.withLock { state in
            defer { state.stopped = true }
            return (state.started, state.stopped)
        }
        guard wasStarted, !wasStopped else { return }
        stopSignal.signal()
        finished.wait()
    }

    /// Paths added, removed or changed between two scans.
    static func changes(from old: [String: Stamp], to new: [String: Stamp]) -> Set<String> {
        var changed = Set<String>()
        for (path, stamp) in new where old[path] != stamp { changed.insert(path) }
        for path in old.keys where new[path] == nil { changed.insert(path) }
        return changed
    }

    /// Every file and folder of the plan with its stamp, by absolute path.
    static func scan(_ plan: WatchPlan) -> [String: Stamp] {
        let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey]
        var stamps: [String: Stamp] = [:]
        func record(_ url: URL) {
            guard !WatchPlan.isScratch(url.lastPathComponent), let values = try? url.resourceValues(forKeys: Set(keys)) else { return }
            stamps[url.path] = Stamp(modified: values.contentModificationDate, size: values.fileSize)
        }
        for file in plan.files { record(file) }
        for tree in plan.trees {
            record(tree)
            guard let enumerator = FileManager.default.enumerator(at: tree, includingPropertiesForKeys: keys) else { continue }
            for case let url as URL in enumerator { record(url.standardizedFileURL) }
        }
        return stamps
    }
}
