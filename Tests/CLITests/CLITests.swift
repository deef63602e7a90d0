import Foundation
import Testing

/// Runs the built `answerkit` binary: exit codes, stdout and stderr, as a user sees them.
@Suite(.serialized) struct CLITests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The executable next to the test bundle in the build folder.
    static var binary: URL {
        var directory = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("answerkit")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return repository.appendingPathComponent(".build/debug/answerkit")
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func run(_ arguments: [String], in directory: URL? = nil, stdin: String? = nil, environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? Self.repository
        var env = ProcessInfo.processInfo.environment
        env["SOURCE_DATE_EPOCH"] = "1795305600"  // 2026-11-22
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func countJSON() throws {
        let result = try run(["count", "--channel", "twitter", "--format", "json", "Hi \u{200F}مرحبا https://nimbus.example/refunds"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["channel"] as? String == "twitter")
        #expect(json["length"] as? Int == 3 + 2 + 5 + 1 + 23)
        #expect(json["limit"] as? Int == 280)
        #expect(json["valid"] as? Bool == true)
    }

    @Test func countSMSFromStandardInput() throws {
        let result = try run(["count", "--channel", "sms", "--format", "json"], stdin: String(repeating: "ş", count: 71))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["segments"] as? Int == 2)
        #expect(json["encoding"] as? String == "UCS-2")
    }

    @Test func countOverLimitFails() throws {
        let result = try run(["count", "--channel", "twitter", String(repeating: "界", count: 141)])
        #expect(result.status == 1)
        #expect(result.stdout.contains("282/280"))
        #expect(result.stdout.contains("too long"))
    }

    @Test func unknownChannelIsAUsageError() throws {
        let result = try run(["count", "--channel", "tiktok", "hi"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("unknown channel 'tiktok'"))
    }

    @Test func checkReportsProblemsWithLocations() throws {
        let result = try run(["check", "--root", "Tests/Fixtures/invalid"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("content/en/general/bad-yaml.md:2:15: error: invalid YAML"))
        #expect(result.stderr.hasSuffix("errors, 4 warnings\n"))
        let json = try run(["check", "--root", "Tests/Fixtures/invalid", "--format", "json"])
        #expect(json.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((document["errors"] as? Int ?? 0) > 10)
    }

    @Test func buildWritesSiteAndFailedBuildKeepsIt() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("answerkit-cli-\(UUID().uuidString)")
        let first = try run(["build", "--root", "Tests/Fixtures/basic", "--output", output.path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("built 4 entries"))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("snippets.json").path))
        let second = try run(["build", "--root", "Tests/Fixtures/invalid", "--output", output.path])
        #expect(second.status == 1)
        #expect(second.stderr.contains("public/ was left as it was"))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("en/billing/refund-status/index.html").path))
    }

    @Test func strictTurnsWarningsIntoErrors() throws {
        let result = try run(["check", "--root", "Tests/Fixtures/basic", "--strict"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: raw HTML is left out of the page"))
    }

    @Test func initAndNewMakeABuildableSite() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("answerkit-init-\(UUID().uuidString)")
        let created = try run(["init", root.path, "--title", "Acme Help"])
        #expect(created.status == 0, "\(created.stderr)")
        let again = try run(["init", root.path])
        #expect(again.status == 1)
        let new = try run(["new", "ar/billing/refund-status", "--title", "متى يصلني المبلغ؟"], in: root)
        #expect(new.status == 0, "\(new.stderr)")
        #expect(new.stdout.contains("created content/ar/billing/_index.md"))
        let duplicate = try run(["new", "ar/billing/refund-status", "--title", "x"], in: root)
        #expect(duplicate.status == 1)
        let build = try run(["build", "--drafts"], in: root)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("public/ar/billing/refund-status/index.html").path))
    }

    @Test func helpReadsWell() throws {
        let result = try run(["--help"])
        #expect(result.status == 0)
        for command in ["build", "check", "count", "init", "new"] { #expect(result.stdout.contains(command)) }
    }
}
