import Foundation
import Testing

/// `answerkit build` skips the work when nothing it reads changed since the last
/// build into the same output, and rebuilds as soon as anything does.
@Suite(.serialized) struct BuildCacheCLITests {
    let cli = CLITests()

    /// A copy of the basic fixture in a temporary folder.
    func site() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("answerkit-cache-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: CLITests.repository.appendingPathComponent("Tests/Fixtures/basic"), to: folder)
        try? FileManager.default.removeItem(at: folder.appendingPathComponent("expected"))
        return folder
    }

    @Test func secondBuildIsUpToDateAndAnyChangeRebuilds() throws {
        let root = try site()
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try cli.run(["build", "--root", root.path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("built "))

        let second = try cli.run(["build", "--root", root.path])
        #expect(second.status == 0)
        #expect(second.stderr.contains("up to date"), "\(second.stderr)")
        // The warnings of the build it stands for are shown again.
        #expect(second.stderr.contains("warning:") == first.stderr.contains("warning:"))

        let forced = try cli.run(["build", "--root", root.path, "--force"])
        #expect(forced.stderr.contains("built "))

        // Editing an entry (same size, new modification time) rebuilds.
        let entry = root.appendingPathComponent("content/en/billing/refund-status.md")
        let text = try String(contentsOf: entry, encoding: .utf8)
        try text.replacingOccurrences(of: "Refunds", with: "REFUNDS").write(to: entry, atomically: true, encoding: .utf8)
        let edited = try cli.run(["build", "--root", root.path])
        #expect(edited.stderr.contains("built "), "\(edited.stderr)")
        let page = try String(contentsOf: root.appendingPathComponent("public/en/billing/refund-status/index.html"), encoding: .utf8)
        #expect(page.contains("REFUNDS"))

        // A template change, a config change, other options and a deleted output all rebuild.
        try (try String(contentsOf: root.appendingPathComponent("templates/404.mustache"), encoding: .utf8) + "\n")
            .write(to: root.appendingPathComponent("templates/404.mustache"), atomically: true, encoding: .utf8)
        #expect(try cli.run(["build", "--root", root.path]).stderr.contains("built "))
        #expect(try cli.run(["build", "--root", root.path, "--drafts"]).stderr.contains("built "))
        #expect(try cli.run(["build", "--root", root.path]).stderr.contains("built "), "back without --drafts")
        try FileManager.default.removeItem(at: root.appendingPathComponent("public"))
        #expect(try cli.run(["build", "--root", root.path]).stderr.contains("built "))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("public/index.html").path))
        #expect(try cli.run(["build", "--root", root.path]).stderr.contains("up to date"))
    }

    /// A second process after a one-entry edit makes again only that entry's page (and
    /// its search shards and bundles), and says so; the output is a clean build's.
    @Test func editAfterBuildIsIncremental() throws {
        let root = try site()
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try cli.run(["build", "--root", root.path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("(full build: no cache)"), "\(first.stderr)")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(".answerkit-cache").path))

        let entry = root.appendingPathComponent("content/en/billing/refund-status.md")
        try (try String(contentsOf: entry, encoding: .utf8) + "\nOne more paragraph about refunds.\n").write(to: entry, atomically: true, encoding: .utf8)
        let edited = try cli.run(["build", "--root", root.path, "--timings"])
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(edited.stderr.contains("rebuilt 1 page, "), "\(edited.stderr)")
        #expect(edited.stderr.contains("(incremental)"))
        #expect(edited.stderr.contains("stage cache-read"))
        let page = try String(contentsOf: root.appendingPathComponent("public/en/billing/refund-status/index.html"), encoding: .utf8)
        #expect(page.contains("One more paragraph about refunds."))

        // The same bytes as a clean build into another folder.
        let clean = try cli.run(["build", "--root", root.path, "--output", root.appendingPathComponent("clean").path])
        #expect(clean.stderr.contains("(full build: no cache)"), "each output folder has its own cache: \(clean.stderr)")
        let built = try FileManager.default.subpathsOfDirectory(atPath: root.appendingPathComponent("public").path).sorted()
        #expect(built == (try FileManager.default.subpathsOfDirectory(atPath: root.appendingPathComponent("clean").path).sorted()))
        for path in built {
            let a = FileManager.default.contents(atPath: root.appendingPathComponent("public/\(path)").path)
            let b = FileManager.default.contents(atPath: root.appendingPathComponent("clean/\(path)").path)
            #expect(a == b, "\(path)")
        }

        // --force builds everything.
        let forced = try cli.run(["build", "--root", root.path, "--force"])
        #expect(forced.stderr.contains("(full build: --force)"), "\(forced.stderr)")
    }

    @Test func anotherDayRebuilds() throws {
        let root = try site()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try cli.run(["build", "--root", root.path])
        let later = try cli.run(["build", "--root", root.path], environment: ["SOURCE_DATE_EPOCH": "1795392000"])
        #expect(later.stderr.contains("built "), "review dates are judged against the day: \(later.stderr)")
    }
}
