import AnswerKit
@testable import AnswerKitServer
import Foundation
import Testing

/// A temporary copy of a fixture site with a dev server on a free port.
final class TestSite: @unchecked Sendable {
    /// The repository root, from this file's location.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The day every fixture is judged against.
    static let today = Day(year: 2026, month: 11, day: 22)

    let root: URL
    let server: DevServer
    let port: UInt16
    /// Everything the server reported, in order.
    let reported = Protected<[ServeEvent]>([])

    /// Copies `Tests/Fixtures/<fixture>` and starts serving it.
    init(fixture: String = "basic", configure: (inout ServeOptions) -> Void = { _ in }) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("answerkit-serve-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        root = folder.appendingPathComponent(fixture)
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("Tests/Fixtures/\(fixture)"), to: root)
        var options = ServeOptions(root: root)
        options.port = 0
        options.today = Self.today
        options.shutdownGrace = .milliseconds(100)
        configure(&options)
        let reported = reported
        server = DevServer(options: options) { event in reported.withLock { $0.append(event) } }
        try await server.start()
        port = try #require(await server.port)
    }

    /// Runs `body` against a fresh site, then stops the server and removes the copy, even when `body` throws.
    static func with(
        configure: (inout ServeOptions) -> Void = { _ in }, _ body: (TestSite) async throws -> Void
    ) async throws {
        let site = try await TestSite(configure: configure)
        do {
            try await body(site)
        } catch {
            await site.tearDown()
            throw error
        }
        await site.tearDown()
    }

    /// Stops the server and removes the copy.
    func tearDown() async {
        await server.stop()
        try? FileManager.default.removeItem(at: root.deletingLastPathComponent())
    }

    /// The served output folder.
    var output: URL { server.options.outputDirectory }

    /// Sends a raw request line for `target` (off the cooperative pool) and reads the whole response.
    func get(_ target: String, method: String = "GET") async throws -> RawResponse {
        let port = port
        return try await Blocking.run { try RawHTTP.request(target, method: method, port: port) }
    }

    /// Replaces `old` with `new` in a file of the site.
    func edit(_ path: String, replacing old: String, with new: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = root.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old), "\(path) has no '\(old)'", sourceLocation: sourceLocation)
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }
}
