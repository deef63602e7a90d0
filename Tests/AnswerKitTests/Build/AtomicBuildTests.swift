@testable import AnswerKit
import Foundation
import Testing

/// A failed build never touches the previous output.
@Suite struct AtomicBuildTests {
    func tree(_ directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in try ContentLoader.discover(directory) {
            files[path] = FileManager.default.contents(atPath: directory.appendingPathComponent(path).path)
        }
        return files
    }

    @Test func failedBuildLeavesPreviousOutputIntact() throws {
        let site = try Fixtures.copy("basic")
        // The fixture's templates are shared by path; point the copy at the originals.
        let output = site.appendingPathComponent("public")
        var options = BuildOptions(root: site, today: Fixtures.today)
        options.output = output
        let first = try Builder.build(options)
        #expect(first.succeeded)
        let before = try tree(output)
        #expect(before["en/billing/refund-status/index.html"] != nil)

        // Break one entry: the build fails and public/ is byte for byte as it was.
        let entry = site.appendingPathComponent("content/en/orders/damaged-item.md")
        try "---\ntitle: [unclosed\n---\n".write(to: entry, atomically: true, encoding: .utf8)
        let second = try Builder.build(options)
        #expect(!second.succeeded)
        #expect(try tree(output) == before)
        // No staging folder is left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.path).filter { $0.contains("staging") }
        #expect(leftovers.isEmpty)
    }

    @Test func successfulBuildReplacesOutputWhole() throws {
        let site = try Fixtures.copy("basic")
        let output = site.appendingPathComponent("public")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try "stale".write(to: output.appendingPathComponent("stale.html"), atomically: true, encoding: .utf8)
        var options = BuildOptions(root: site, today: Fixtures.today)
        options.output = output
        #expect(try Builder.build(options).succeeded)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("stale.html").path))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("snippets.json").path))
    }
}
