import AnswerKit
import Foundation

/// Files that changed since the last build, as paths relative to the site root.
public struct ChangeSet: Sendable, Equatable {
    /// Changed paths (relative to the site root when inside it, else absolute).
    public var paths: Set<String>
    /// Whether changes may have been missed (inotify queue overflow): assume everything changed.
    public var everything: Bool

    public init(paths: Set<String> = [], everything: Bool = false) {
        self.paths = paths
        self.everything = everything
    }

    public var isEmpty: Bool { paths.isEmpty && !everything }

    /// Both change sets together.
    public func merged(with other: ChangeSet) -> ChangeSet {
        ChangeSet(paths: paths.union(other.paths), everything: everything || other.everything)
    }

    /// A few of the paths for a log line: `content/en/a.md, templates/entry.mustache and 3 more`.
    public var summary: String {
        if everything { return "everything" }
        let sorted = paths.sorted()
        let shown = sorted.prefix(3).joined(separator: ", ")
        return sorted.count > 3 ? "\(shown) and \(sorted.count - 3) more" : shown
    }
}

/// What the watcher looks at: `answerkit.yml` and the content and template folders.
public struct WatchPlan: Sendable, Equatable {
    /// The site root; changed paths are reported relative to it.
    public var root: URL
    /// Single files (`answerkit.yml`).
    public var files: [URL]
    /// Folders watched with everything below them.
    public var trees: [URL]

    public init(root: URL, files: [URL], trees: [URL]) {
        self.root = root
        self.files = files
        self.trees = trees
    }

    /// The plan for a site: its config file and the configured `paths.content` and
    /// `paths.templates` (the defaults when the config cannot be read yet).
    public static func make(root: URL, config: SiteConfig?) -> WatchPlan {
        let content = config.map { $0.resolve($0.contentPath, root: root) } ?? root.appendingPathComponent("content")
        let templates = config.map { $0.resolve($0.templatesPath, root: root) } ?? root.appendingPathComponent("templates")
        return WatchPlan(
            root: root.standardizedFileURL,
            files: [root.appendingPathComponent(ConfigLoader.fileName).standardizedFileURL],
            trees: [content.standardizedFileURL, templates.standardizedFileURL])
    }

    /// `path` relative to the root when it is inside it.
    public func relative(_ path: String) -> String {
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// Whether a file name is an editor's scratch file rather than a source
    /// (vim swap files and its `4913` write probe, emacs locks and backups):
    /// saving in those editors would otherwise rebuild twice.
    public static func isScratch(_ name: String) -> Bool {
        name == "4913" || name.hasPrefix(".#") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx")
            || name.hasSuffix(".tmp") || name == ".DS_Store"
    }
}

/// Reports changed files until stopped.
public protocol FileWatcher: Sendable {
    /// `"inotify"` or `"polling every 0.5 s"`, for the start-up line.
    var description: String { get }
    /// Starts watching on a thread of its own; `onChange` is called with each debounced batch.
    func start(onChange: @escaping @Sendable (ChangeSet) -> Void)
    /// Stops watching and waits for the watching thread to end.
    func stop()
}

/// Chooses the watcher.
public enum FileWatchers {
    /// inotify on Linux unless `polling`; polling elsewhere, or when inotify cannot start
    /// (then `fallbackReason` says why).
    public static func make(plan: WatchPlan, polling: Bool, debounce: Duration, pollInterval: Duration)
        -> (watcher: any FileWatcher, fallbackReason: String?)
    {
        let poller = PollingWatcher(plan: plan, interval: pollInterval)
        if polling { return (poller, nil) }
        #if os(Linux)
        do {
            return (try InotifyWatcher(plan: plan, debounce: debounce), nil)
        } catch {
            return (poller, "\(error)")
        }
        #else
        return (poller, nil)
        #endif
    }
}
