@testable import AnswerKitServer
import Foundation
import Testing

@Suite struct InotifyEventTests {
    /// One record as the kernel writes it: header, then the name padded with NULs to `padded` bytes.
    private func record(watch: Int32, mask: UInt32, name: String, padded: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        withUnsafeBytes(of: watch) { bytes += $0 }
        withUnsafeBytes(of: mask) { bytes += $0 }
        withUnsafeBytes(of: UInt32(0)) { bytes += $0 }
        withUnsafeBytes(of: UInt32(padded)) { bytes += $0 }
        bytes += Array(name.utf8) + [UInt8](repeating: 0, count: padded - name.utf8.count)
        return bytes
    }

    @Test func parsesBackToBackRecords() {
        let bytes = record(watch: 3, mask: 0x100, name: "refund-status.md", padded: 32)
            + record(watch: 4, mask: 0x4000_0100, name: "", padded: 0)
            + record(watch: 5, mask: 0x8, name: "مرحبا.md", padded: 16)
        let events = bytes.withUnsafeBytes { InotifyEvent.parse($0) }
        #expect(events == [
            InotifyEvent(watch: 3, mask: 0x100, name: "refund-status.md"),
            InotifyEvent(watch: 4, mask: 0x4000_0100, name: ""),
            InotifyEvent(watch: 5, mask: 0x8, name: "مرحبا.md"),
        ])
    }

    @Test func stopsAtATruncatedRecord() {
        let bytes = record(watch: 1, mask: 2, name: "a", padded: 16) + Array(record(watch: 2, mask: 2, name: "b", padded: 16).prefix(20))
        #expect(bytes.withUnsafeBytes { InotifyEvent.parse($0) } == [InotifyEvent(watch: 1, mask: 2, name: "a")])
    }
}

@Suite struct DebouncerTests {
    let ms: UInt64 = 1_000_000

    @Test func waitsForAQuietPeriod() {
        var debouncer = Debouncer(quiet: .milliseconds(50), ceiling: .seconds(1))
        #expect(debouncer.timeout(at: 0) == -1)
        #expect(!debouncer.isDue(at: 0))
        debouncer.record(at: 0)
        debouncer.record(at: 30 * ms)
        #expect(!debouncer.isDue(at: 79 * ms))
        #expect(debouncer.timeout(at: 60 * ms) == 20)
        #expect(debouncer.isDue(at: 80 * ms))
        debouncer.reset()
        #expect(debouncer.deadline == nil)
    }

    @Test func aSteadyStreamIsCutAtTheCeiling() {
        var debouncer = Debouncer(quiet: .milliseconds(50), ceiling: .milliseconds(200))
        for step in stride(from: UInt64(0), through: 240, by: 40) { debouncer.record(at: step * ms) }
        #expect(debouncer.deadline == 200 * ms)
        #expect(debouncer.timeout(at: 250 * ms) == 0)
    }
}

@Suite struct WatchPlanTests {
    @Test func watchesTheConfigAndTheConfiguredFolders() {
        let root = URL(fileURLWithPath: "/site")
        let plan = WatchPlan.make(root: root, config: nil)
        #expect(plan.files.map(\.path) == ["/site/answerkit.yml"])
        #expect(plan.trees.map(\.path) == ["/site/content", "/site/templates"])
        #expect(plan.relative("/site/content/en/a.md") == "content/en/a.md")
        #expect(plan.relative("/elsewhere/a.md") == "/elsewhere/a.md")
    }

    @Test(arguments: ["4913", ".#refund.md", "refund.md~", ".refund.md.swp", ".refund.md.swx", ".DS_Store"])
    func ignoresEditorScratchFiles(_ name: String) {
        #expect(WatchPlan.isScratch(name))
    }

    @Test(arguments: ["refund.md", "_index.md", "style.css", "ar.yml"])
    func keepsSources(_ name: String) {
        #expect(!WatchPlan.isScratch(name))
    }

    @Test func changeSetsMergeAndSummarize() {
        let merged = ChangeSet(paths: ["b", "a"]).merged(with: ChangeSet(paths: ["c", "d"]))
        #expect(merged.summary == "a, b, c and 1 more")
        #expect(ChangeSet(paths: ["a"]).merged(with: ChangeSet(everything: true)).summary == "everything")
        #expect(ChangeSet().isEmpty)
    }

    @Test func pollingDiffFindsAddedChangedAndRemovedFiles() {
        let t0 = Date(timeIntervalSince1970: 0), t1 = Date(timeIntervalSince1970: 1)
        let old: [String: PollingWatcher.Stamp] = ["same": .init(modified: t0, size: 1), "edited": .init(modified: t0, size: 1), "resized": .init(modified: t0, size: 1), "gone": .init(modified: t0, size: 1)]
        let new: [String: PollingWatcher.Stamp] = ["same": .init(modified: t0, size: 1), "edited": .init(modified: t1, size: 1), "resized": .init(modified: t0, size: 2), "added": .init(modified: t0, size: 1)]
        #expect(PollingWatcher.changes(from: old, to: new) == ["edited", "resized", "gone", "added"])
    }
}

/// The watchers on a real folder: each must see an edit, a new folder, and a file inside the new folder.
@Suite(.serialized) struct LiveWatcherTests {
    /// Collects batches from a watcher's thread.
    final class Collector: @unchecked Sendable {
        let batches = Protected<[ChangeSet]>([])
        let signal = DispatchSemaphore(value: 0)

        func receive(_ changes: ChangeSet) {
            batches.withLock { $0.append(changes) }
            signal.signal()
        }

        /// Waits (generously) until some batch names `path`.
        func waitFor(_ path: String) -> Bool {
            let deadline = Date(timeIntervalSinceNow: 60)
            while Date() < deadline {
                if batches.current.contains(where: { $0.paths.contains(path) || $0.everything }) { return true }
                _ = signal.wait(timeout: .now() + 1)
            }
            return false
        }
    }

    private func exercise(_ makeWatcher: (WatchPlan) throws -> any FileWatcher) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("answerkit-watch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let manager = FileManager.default
        try manager.createDirectory(at: root.appendingPathComponent("content/en/billing"), withIntermediateDirectories: true)
        try manager.createDirectory(at: root.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try Data("title: x\n".utf8).write(to: root.appendingPathComponent("answerkit.yml"))
        try Data("a".utf8).write(to: root.appendingPathComponent("content/en/billing/a.md"))
        try Data("other".utf8).write(to: root.appendingPathComponent("notes.txt"))

        let watcher = try makeWatcher(WatchPlan.make(root: root, config: nil))
        let collector = Collector()
        watcher.start { collector.receive($0) }
        defer { watcher.stop() }

        try Data("bb".utf8).write(to: root.appendingPathComponent("content/en/billing/a.md"))
        #expect(collector.waitFor("content/en/billing/a.md"))

        try manager.createDirectory(at: root.appendingPathComponent("content/fr/orders"), withIntermediateDirectories: true)
        #expect(collector.waitFor("content/fr") || collector.waitFor("content/fr/orders"))
        // Give inotify's new watches a moment: a file written in the same instant as its folder
        // is caught by the folder's event, not by a watch that did not exist yet.
        Thread.sleep(forTimeInterval: 0.3)
        try Data("c".utf8).write(to: root.appendingPathComponent("content/fr/orders/c.md"))
        #expect(collector.waitFor("content/fr/orders/c.md"))

        try Data("title: y\n".utf8).write(to: root.appendingPathComponent("answerkit.yml"), options: .atomic)
        #expect(collector.waitFor("answerkit.yml"))

        // Outside the plan: not reported.
        let before = collector.batches.current.count
        try Data("changed".utf8).write(to: root.appendingPathComponent("notes.txt"))
        Thread.sleep(forTimeInterval: 1.5)
        #expect(!collector.batches.current.dropFirst(before).contains { $0.paths.contains("notes.txt") })
    }

    #if os(Linux)
    @Test func inotify() throws {
        try exercise { plan in try InotifyWatcher(plan: plan, debounce: .milliseconds(50)) }
    }
    #endif

    @Test func polling() throws {
        try exercise { plan in PollingWatcher(plan: plan, interval: .milliseconds(200)) }
    }
}
