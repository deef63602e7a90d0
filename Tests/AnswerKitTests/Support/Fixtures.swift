import AnswerKit
import Foundation
import Testing

/// Paths of the repository and its fixtures, found from this file's location.
enum Fixtures {
    /// The repository root.
    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Fixtures/<name>`.
    static func site(_ name: String) -> URL {
        repository.appendingPathComponent("Tests/Fixtures/\(name)")
    }

    /// The shared folder beside the repository (twitter-text conformance data).
    static var shared: URL? {
        if let path = ProcessInfo.processInfo.environment["ANSWERKIT_SHARED"] { return URL(fileURLWithPath: path) }
        var directory = repository
        for _ in 0..<3 {
            directory = directory.deletingLastPathComponent()
            let candidate = directory.appendingPathComponent("shared")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("twitter-text/validate.yml").path) { return candidate }
        }
        return nil
    }

    /// The fixed "today" of every fixture test.
    static let today = Day(year: 2026, month: 11, day: 22)

    /// Builds a fixture into memory.
    static func build(_ site: URL, drafts: Bool = false) throws -> (BuildResult, [String: Data]) {
        var options = BuildOptions(root: site, today: today)
        options.includeDrafts = drafts
        let (config, configDiagnostics) = ConfigLoader.load(root: site)
        let output = MemoryOutput()
        guard let config else { return (BuildResult(diagnostics: configDiagnostics, report: BuildReport()), [:]) }
        var clock = StageClock()
        let result = try Builder.run(options, config: config, diagnostics: configDiagnostics, sink: output, clock: &clock)
        return (result, output.contents)
    }

    /// A fresh temporary folder.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("answerkit-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Copies a fixture site into a temporary folder (for tests that write).
    static func copy(_ name: String) throws -> URL {
        let target = try temporaryDirectory().appendingPathComponent(name)
        try FileManager.default.copyItem(at: site(name), to: target)
        return target
    }
}

/// Golden files: compared as text, re-recorded with `ANSWERKIT_RECORD=1`.
enum Golden {
    static var recording: Bool { ProcessInfo.processInfo.environment["ANSWERKIT_RECORD"] == "1" }

    /// Asserts `actual` equals the golden file at `url`, with a line diff on mismatch.
    static func assertEqual(_ actual: String, file url: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        if recording {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(url.path); run with ANSWERKIT_RECORD=1", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            Issue.record("\(url.lastPathComponent) differs from its golden file:\n\(diff(expected, actual))", sourceLocation: sourceLocation)
        }
    }

    /// A minimal line diff: the first differing lines with context.
    static func diff(_ expected: String, _ actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var lines: [String] = []
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? String(a[index]) : "<end>"
            let right = index < b.count ? String(b[index]) : "<end>"
            if left != right {
                lines.append("line \(index + 1):\n- \(left)\n+ \(right)")
                if lines.count >= 5 { break }
            }
        }
        return lines.joined(separator: "\n")
    }
}
