@testable import AnswerKit
import Foundation
import Testing

/// `Builder.build` with the build cache (`answerkit build`): each build goes through
/// the cache the last one left, as separate processes do, and gives what a fresh
/// full build gives, byte for byte; a cache it cannot trust means a full build that
/// says why.
@Suite struct PersistedBuildTests {
    typealias Site = IncrementalBuildTests.Site

    struct Builds {
        var site: Site
        var options: BuildOptions
        var fresh: BuildOptions

        init(seed: UInt64) throws {
            site = try Site(seed: seed)
            options = BuildOptions(root: site.root, today: Fixtures.today)
            options.output = site.root.appendingPathComponent("public")
            options.useCache = true
            fresh = BuildOptions(root: site.root, today: Fixtures.today)
            fresh.output = site.root.appendingPathComponent("fresh")
        }

        var folder: CacheFolder { CacheFolder(root: options.root, output: options.output!) }

        /// An edit that always builds: a new first paragraph for one entry.
        mutating func bodyEdit() throws {
            var entry = try #require(site.entries["content/en/billing/topic-0.md"])
            site.counter += 1
            entry.paragraphs[0] = "Edit number \(site.counter) of the first paragraph."
            try site.save(entry)
        }

        /// Builds with the cache and checks the output and diagnostics against a fresh build.
        func build(_ what: String = "") throws -> BuildResult {
            let result = try Builder.build(options)
            let full = try Builder.build(fresh)
            #expect(result.diagnostics == full.diagnostics, "\(what)")
            if full.succeeded {
                let differing = IncrementalBuildTests.differences(try IncrementalBuildTests.tree(options.output!), try IncrementalBuildTests.tree(fresh.output!))
                #expect(differing.isEmpty, "\(what): \(differing.prefix(8))")
            }
            return result
        }

        func searchFiles() throws -> [URL] {
            try FileManager.default.contentsOfDirectory(at: folder.url, includingPropertiesForKeys: nil).filter { $0.lastPathComponent.hasPrefix("search-") }
        }
    }

    @Test(arguments: [UInt64(31), 32])
    func randomEditsAcrossBuildsMatchFullBuild(seed: UInt64) throws {
        var builds = try Builds(seed: seed)
        let first = try builds.build("first")
        #expect(first.report.incremental?.fullBuildReason == "no cache")
        var failed = false
        var incremental = 0
        for step in 0..<30 {
            let (description, _) = failed ? ("repair", try builds.site.repair()) : try builds.site.edit()
            let result = try builds.build("seed \(seed) step \(step): \(description)")
            failed = !result.succeeded
            guard result.succeeded, !result.report.upToDate else { continue }
            #expect(result.report.incremental?.fullBuildReason == nil, "step \(step): \(result.report.incremental?.fullBuildReason ?? "")")
            incremental += 1
        }
        #expect(incremental > 15)
    }

    @Test func oneEntryEditRewritesOnlyItsFiles() throws {
        var builds = try Builds(seed: 33)
        _ = try builds.build()
        // A published entry (some are drafts, checked but without a page).
        var entry = try #require(builds.site.entries.values.sorted { $0.path < $1.path }.first { $0.status == "approved" })
        entry.paragraphs[0] = "A new first paragraph about refunds."
        try builds.site.save(entry)
        let result = try builds.build("body edit")
        #expect(result.report.incremental?.pagesRendered == 1)
        #expect(result.report.incremental?.inPlace == true)
        #expect((result.report.incremental?.filesWritten ?? 99) < 10)
        // Nothing changed: the up-to-date record answers, without reading the cache.
        let again = try builds.build("no change")
        #expect(again.report.upToDate)
    }

    /// Each way the cache can be unusable, and the reason the build gives.
    @Test(arguments: ["truncated", "flipped", "version", "binary", "search", "missing search", "replies", "sources", "garbage"])
    func unusableCacheMeansFullBuild(damage: String) throws {
        var builds = try Builds(seed: 34)
        _ = try builds.build()
        let memory = builds.folder.memory
        var bytes = [UInt8](try Data(contentsOf: memory))
        switch damage {
        case "truncated": bytes.removeLast(bytes.count / 3)
        case "flipped": bytes[bytes.count / 2] ^= 0x40
        case "version": bytes[CacheFormat.magic.count] = 99
        case "binary": bytes[CacheFormat.magic.count + 3] ^= 0x01
        case "garbage": bytes = Array("not a cache".utf8)
        case "replies", "sources":
            let file = damage == "replies" ? builds.folder.replies : builds.folder.sources
            var other = [UInt8](try Data(contentsOf: file))
            other[other.count / 2] ^= 0x01
            try Data(other).write(to: file)
        case "search":
            let file = try #require(try builds.searchFiles().first)
            var search = [UInt8](try Data(contentsOf: file))
            search[search.count / 2] ^= 0x01
            try Data(search).write(to: file)
        default:
            try FileManager.default.removeItem(at: try #require(try builds.searchFiles().first))
        }
        try Data(bytes).write(to: memory)
        // An edit, so that the up-to-date record does not answer first.
        try builds.bodyEdit()
        let result = try builds.build(damage)
        let reason = try #require(result.report.incremental?.fullBuildReason, "\(damage): \(result.report.incremental.map { "\($0)" } ?? "nil")")
        let expected = [
            "truncated": "truncated", "flipped": "corrupt", "version": "another format", "binary": "another answerkit binary",
            "garbage": "not an AnswerKit build cache", "search": "corrupt", "replies": "corrupt", "sources": "corrupt", "missing search": "incomplete",
        ][damage]!
        #expect(reason.contains(expected), "\(damage): \(reason)")
        // The cache is whole again: the next edit is incremental.
        try builds.bodyEdit()
        let next = try builds.build("after \(damage)")
        #expect(next.report.incremental?.fullBuildReason == nil)
    }

    @Test func replacedOrDeletedOutputMeansFullBuild() throws {
        var builds = try Builds(seed: 35)
        _ = try builds.build()
        let output = builds.options.output!
        try FileManager.default.removeItem(at: output)
        try builds.bodyEdit()
        let deleted = try builds.build("deleted")
        #expect(deleted.report.incremental?.fullBuildReason?.contains("output folder") == true)
        // Replaced by a copy (another folder, same files).
        let copy = output.deletingLastPathComponent().appendingPathComponent("copy")
        try FileManager.default.copyItem(at: output, to: copy)
        try FileManager.default.removeItem(at: output)
        try FileManager.default.moveItem(at: copy, to: output)
        try builds.bodyEdit()
        let replaced = try builds.build("replaced")
        #expect(replaced.report.incremental?.fullBuildReason?.contains("output folder") == true)
        // A file added at its top (its modification time moves).
        try Data("stray".utf8).write(to: output.appendingPathComponent("stray.txt"))
        try builds.bodyEdit()
        let modified = try builds.build("modified")
        #expect(modified.report.incremental?.fullBuildReason?.contains("output folder") == true)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("stray.txt").path))
    }

    @Test func failedBuildLeavesOutputAndCache() throws {
        var builds = try Builds(seed: 36)
        _ = try builds.build()
        let path = "content/en/billing/topic-0.md"
        let good = try #require(builds.site.entries[path]).text
        // A body edit that builds, so the cache is that of an incremental build.
        var entry = try #require(builds.site.entries[path])
        entry.paragraphs[0] = "Edited once."
        try builds.site.save(entry)
        _ = try builds.build("edit")
        let output = try IncrementalBuildTests.tree(builds.options.output!)
        let cache = try IncrementalBuildTests.tree(builds.folder.url)
        try builds.site.write(path, "---\ntitle: [unclosed\n---\nbody\n")
        let failed = try Builder.build(builds.options)
        #expect(!failed.succeeded)
        #expect(try IncrementalBuildTests.tree(builds.options.output!) == output)
        #expect(try IncrementalBuildTests.tree(builds.folder.url) == cache)
        // Fixed: incremental again, from the cache the failure left.
        try builds.site.write(path, good)
        let fixed = try builds.build("fixed")
        #expect(fixed.succeeded)
        #expect(fixed.report.incremental != nil && fixed.report.incremental?.fullBuildReason == nil)
    }

    @Test func forceBuildsEverythingAndWritesTheCache() throws {
        var builds = try Builds(seed: 37)
        _ = try builds.build()
        var forced = builds.options
        forced.force = true
        let result = try Builder.build(forced)
        #expect(result.report.incremental?.fullBuildReason == "--force")
        #expect(!result.report.upToDate)
        try builds.bodyEdit()
        let next = try builds.build("after --force")
        #expect(next.report.incremental?.fullBuildReason == nil)
    }

    @Test func configChangeMeansFullBuild() throws {
        let builds = try Builds(seed: 38)
        _ = try builds.build()
        let config = builds.site.root.appendingPathComponent("answerkit.yml")
        try (try String(contentsOf: config, encoding: .utf8).replacingOccurrences(of: "Incremental Help", with: "Help Centre"))
            .write(to: config, atomically: true, encoding: .utf8)
        let result = try builds.build("config")
        #expect(result.report.incremental?.fullBuildReason?.contains("answerkit.yml") == true)
    }

    @Test func eachOutputFolderHasItsOwnCache() throws {
        let builds = try Builds(seed: 39)
        _ = try builds.build()
        var other = builds.options
        other.output = builds.site.root.appendingPathComponent("other")
        let result = try Builder.build(other)
        #expect(result.report.incremental?.fullBuildReason == "no cache")
        #expect(CacheFolder(root: other.root, output: other.output!).url != builds.folder.url)
        // The first output's cache is still good.
        _ = try builds.build("first output again")
    }
}
