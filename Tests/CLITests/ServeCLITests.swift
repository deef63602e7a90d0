import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `answerkit serve` as a user runs it: help, start, a page, and a signal to stop.
extension CLITests {
    @Test func serveHelpDocumentsEveryOption() throws {
        let help = try run(["serve", "--help"])
        #expect(help.status == 0)
        for text in [
            "--root <dir>", "--port <port>", "(default: 1313)", "--host <address>", "(default: 127.0.0.1)", "--drafts",
            "--output <dir>", ".answerkit-serve/public", "--poll", "/__answerkit/events", "/__answerkit/reload.js",
            "path:line:column", "404.html", "SIGTERM", "inotify",
        ] {
            #expect(help.stdout.contains(text), "serve --help does not mention \(text)")
        }
        #expect(try run(["--help"]).stdout.contains("serve"))
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func serveStartsServesAndStopsOnASignal(_ signal: Int32) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("answerkit-serve-cli-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("Tests/Fixtures/basic"), to: root)
        defer { try? FileManager.default.removeItem(at: root) }

        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["serve", "--root", root.path, "--port", "0"]
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1795305600"  // 2026-11-22
        process.environment = environment
        let errors = Pipe()
        let stderr = LockedText()
        errors.fileHandleForReading.readabilityHandler = { stderr.append($0.availableData) }
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let url = try #require(stderr.waitForMatch(/serving http:\/\/127\.0\.0\.1:(\d+)\/help\//, timeout: 120))
        let port = try #require(UInt16(url))
        let page = try Self.httpGet(port: port, path: "/help/en/billing/refund-status/")
        #expect(page.hasPrefix("HTTP/1.1 200"))
        #expect(page.contains("Where is my refund?"))
        #expect(page.contains("data-answerkit-build"))

        kill(process.processIdentifier, signal)
        let deadline = Date(timeIntervalSinceNow: 60)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!process.isRunning)
        #expect(process.terminationStatus == 0)
        #expect(stderr.text.contains("stopped"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("public").path))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(".answerkit-serve/public/en/index.html").path))
    }

    @Test func serveOutsideAKnowledgeBaseFails() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("answerkit-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let result = try run(["serve", "--root", empty.path, "--port", "0"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no answerkit.yml"))
    }

    /// A GET over a plain socket, whole response as text.
    static func httpGet(port: UInt16, path: String) throws -> String {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw CocoaError(.fileReadUnknown) }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { break }
            response += buffer[0..<count]
        }
        return String(decoding: response, as: UTF8.self)
    }
}

/// Text appended from a pipe's reading thread.
final class LockedText: @unchecked Sendable {
    private var data = Data()
    private let lock = NSLock()

    func append(_ more: Data) {
        lock.lock()
        data.append(more)
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }

    /// The first capture of `pattern` once the text has it, waiting at most `timeout` seconds.
    func waitForMatch(_ pattern: Regex<(Substring, Substring)>, timeout: TimeInterval) -> String? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while Date() < deadline {
            if let match = text.firstMatch(of: pattern) { return String(match.1) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }
}
