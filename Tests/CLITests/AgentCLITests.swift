import Foundation
import Testing

/// `check --stale`, `diff`, `export` and `mcp`, run as a user (or an AI agent) runs them.
extension CLITests {
    /// Builds the agent fixture into a fresh folder and returns its `snippets.json`.
    func buildAgentFixture() throws -> URL {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("answerkit-agent-\(UUID().uuidString)")
        let build = try run(["build", "--root", "Tests/Fixtures/agent", "--output", output.path, "--quiet"])
        #expect(build.status == 0, "\(build.stderr)")
        return output.appendingPathComponent("snippets.json")
    }

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    // MARK: - check --stale

    @Test func checkStaleListsRepliesDueForReviewByOwner() throws {
        let text = try run(["check", "--stale", "--within", "30d", "--root", "Tests/Fixtures/agent"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("Due for review by 2026-12-22 (within 30 days of 2026-11-22): 3 entries, 4 replies\n"))
        #expect(text.stdout.contains("\nBilling team — 2 entries\n  content/en/billing/expired.md:7:1: review by 2026-11-01 (expired 21 days ago;"))
        let report = try json(try run(["check", "--stale", "--within", "2w", "--format", "json", "--root", "Tests/Fixtures/agent"]).stdout)
        #expect(report["within_days"] as? Int == 14)
        #expect((report["owners"] as? [[String: Any]])?.map { $0["owner"] as? String } == ["Billing team", "billing team"])
        let bad = try run(["check", "--stale", "--within", "soon", "--root", "Tests/Fixtures/agent"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--within takes a number of days"))
    }

    // MARK: - diff

    @Test func diffExitsLikeDiff() throws {
        let bundle = try buildAgentFixture()
        let same = try run(["diff", bundle.path, bundle.path])
        #expect(same.status == 0)
        #expect(same.stdout == "no changes: 0 added, 0 removed, 0 text changed, 0 re-approved\n")
        // The same site a month later: the refund entry has expired.
        let later = bundle.deletingLastPathComponent().appendingPathComponent("later")
        let build = try run(["build", "--root", "Tests/Fixtures/agent", "--output", later.path, "--quiet"], environment: ["SOURCE_DATE_EPOCH": "1797984000"])
        #expect(build.status == 0, "\(build.stderr)")
        let changed = try run(["diff", bundle.path, later.appendingPathComponent("snippets.json").path])
        #expect(changed.status == 1)
        #expect(changed.stdout.hasPrefix("0 added, 3 removed, 0 text changed, 0 re-approved\n"))
        #expect(changed.stdout.contains("  - refund-status:en:twitter:answer:1  Where is my refund?"))
        let document = try json(try run(["diff", "--format", "json", bundle.path, later.appendingPathComponent("snippets.json").path]).stdout)
        #expect((document["summary"] as? [String: Int])?["removed"] == 3)
        let missing = try run(["diff", bundle.path, "/nonexistent/snippets.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/snippets.json: cannot read the bundle"))
    }

    // MARK: - export

    @Test func exportsWriteFilesOrStandardOutput() throws {
        let bundle = try buildAgentFixture()
        let espanso = bundle.deletingLastPathComponent().appendingPathComponent("answerkit.yml")
        let written = try run(["export", "espanso", "--bundle", bundle.path, "--locale", "en", "-o", espanso.path])
        #expect(written.status == 0, "\(written.stderr)")
        let yaml = try String(contentsOf: espanso, encoding: .utf8)
        #expect(yaml.contains("- trigger: \":track-order-tw\"\n"))
        #expect(!yaml.contains(":ar"))
        let macros = try json(try run(["export", "zendesk-macros", "--bundle", bundle.path, "--channel", "sms", "--map", "name=ticket.requester.first_name"]).stdout)
        let titles = (macros["macros"] as? [[String: Any]])?.compactMap { $0["title"] as? String }
        #expect(titles == ["en::Where is my refund? (any, private)", "ar::أين طلبي؟ (sms, answer)", "en::Where is my order? (sms, answer)"])
        let csv = try run(["export", "csv", "--bundle", bundle.path, "--excel"])
        #expect(csv.stdout.hasPrefix("\u{FEFF}id,entry,locale,channel,kind,title,text,"))
        #expect(csv.stdout.components(separatedBy: "\r\n").count == 9 + 2)
        let badMap = try run(["export", "zendesk-macros", "--bundle", bundle.path, "--map", "name"])
        #expect(badMap.status == 64)
        let missing = try run(["export", "csv", "--bundle", "/nonexistent.json"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot read the bundle; build the site first"))
    }

    @Test func exportsLeaveOutRepliesThatExpiredSinceTheBuild() throws {
        let bundle = try buildAgentFixture()
        // 2026-12-11: refund-status (review by 2026-12-10) is no longer approved.
        let later = try run(["export", "csv", "--bundle", bundle.path], environment: ["SOURCE_DATE_EPOCH": "1796947200"])
        #expect(later.status == 0)
        #expect(!later.stdout.contains("refund-status:"))
        #expect(later.stdout.contains("track-order:en:twitter:answer:1"))
    }

    // MARK: - mcp

    @Test func mcpServesToolsAndTheBundleOverStdio() throws {
        let bundle = try buildAgentFixture()
        let server = try MCPSession(binary: Self.binary, arguments: ["mcp", "--bundle", bundle.path], directory: Self.repository)
        defer { server.stop() }

        let initialized = try server.request(1, "initialize", [
            "protocolVersion": "2025-06-18", "capabilities": [String: Any](), "clientInfo": ["name": "answerkit-tests", "version": "1"],
        ])
        #expect(initialized["protocolVersion"] as? String == "2025-06-18")
        #expect((initialized["serverInfo"] as? [String: Any])?["name"] as? String == "answerkit")
        #expect((initialized["capabilities"] as? [String: Any])?["tools"] != nil)
        try server.notify("notifications/initialized")

        let list = try server.request(2, "tools/list", [:])
        let tools = try #require(list["tools"] as? [[String: Any]])
        #expect(tools.compactMap { $0["name"] as? String } == ["search_replies", "get_reply", "count_length"])
        #expect(tools.allSatisfy { ($0["inputSchema"] as? [String: Any])?["required"] != nil })

        let search = try server.call(3, "search_replies", ["query": "where is my order", "locale": "en", "channel": "twitter"])
        #expect(search.isError == false)
        let best = try #require((search.structured["replies"] as? [[String: Any]])?.first)
        #expect(best["id"] as? String == "track-order:en:twitter:answer:1")
        #expect(best["url"] as? String == "https://help.example.com/en/orders/track-order/")
        #expect((best["approval"] as? [String: Any])?["review_by"] as? String == "2027-04-01")

        let filled = try server.call(4, "get_reply", [
            "id": "track-order:en:twitter:answer:1",
            "variables": ["customer_handle": "@sam", "order_id": "NB-1", "tracking_url": "https://t.example.com/p/9"],
        ])
        #expect(filled.isError == false)
        #expect(filled.structured["text"] as? String == "@sam your order NB-1 is on its way: https://t.example.com/p/9")
        #expect((filled.structured["count"] as? [String: Any])?["length"] as? Int == 59)

        let missing = try server.call(5, "get_reply", ["id": "track-order:en:twitter:answer:1", "variables": ["order_id": "NB-1"]])
        #expect(missing.isError == true)
        #expect(missing.structured["missing"] as? [String] == ["customer_handle", "tracking_url"])
        #expect(missing.text.contains("missing values for customer_handle, tracking_url"))

        let text = "Hi \u{200F}مرحبا https://nimbus.example/refunds 👋"
        let counted = try server.call(6, "count_length", ["channel": "twitter", "text": text])
        let cli = try json(try run(["count", "--channel", "twitter", "--format", "json", "--root", "Tests/Fixtures/agent", text]).stdout)
        #expect(counted.structured["length"] as? Int == cli["length"] as? Int)
        #expect(counted.structured["valid"] as? Bool == cli["valid"] as? Bool)

        let resources = try server.request(7, "resources/list", [:])
        #expect((resources["resources"] as? [[String: Any]])?.compactMap { $0["uri"] as? String }
            == ["answerkit://snippets.json", "answerkit://ar/snippets.json", "answerkit://en/snippets.json"])
        let read = try server.request(8, "resources/read", ["uri": "answerkit://snippets.json"])
        let contents = try #require((read["contents"] as? [[String: Any]])?.first)
        #expect(contents["mimeType"] as? String == "application/json")
        let served = try json(try #require(contents["text"] as? String))
        #expect(served["count"] as? Int == 9)
        let unknown = try server.requestError(9, "resources/read", ["uri": "answerkit://nope.json"])
        #expect(unknown.contains("unknown resource"))

        // A rebuilt bundle (a new file swapped in) is read at the next call, and its index made again.
        var rebuilt = try json(String(decoding: Data(contentsOf: bundle), as: UTF8.self))
        let replies = try #require(rebuilt["replies"] as? [[String: Any]])
        rebuilt["replies"] = replies.filter { $0["id"] as? String != "track-order:en:twitter:answer:1" }
        rebuilt["count"] = replies.count - 1
        try JSONSerialization.data(withJSONObject: rebuilt).write(to: bundle, options: .atomic)
        let again = try server.call(10, "search_replies", ["query": "where is my order", "locale": "en", "channel": "twitter"])
        let ids = (again.structured["replies"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        #expect(!ids.isEmpty)
        #expect(!ids.contains("track-order:en:twitter:answer:1"))

        #expect(server.finish() == 0)
    }

    @Test func mcpRefusesAMissingBundleBeforeSpeakingMCP() throws {
        let result = try run(["mcp", "--bundle", "/nonexistent/snippets.json"], stdin: "")
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("cannot read the bundle"))
    }
}

/// A running `answerkit mcp`: newline-delimited JSON-RPC over its standard input and output.
final class MCPSession: @unchecked Sendable {
    struct ToolResult {
        var isError: Bool?
        var structured: [String: Any]
        var text: String
    }

    struct ProtocolError: Error, CustomStringConvertible {
        var description: String
    }

    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let lock = NSLock()
    private let signal = DispatchSemaphore(value: 0)
    private var buffer = Data()
    private var closed = false

    init(binary: URL, arguments: [String], directory: URL) throws {
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1795305600"  // 2026-11-22
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            guard let self else { return }
            let data = handle.availableData
            self.lock.withLock {
                if data.isEmpty { self.closed = true } else { self.buffer.append(data) }
            }
            if data.isEmpty { handle.readabilityHandler = nil }
            self.signal.signal()
        }
        try process.run()
    }

    /// Sends one JSON-RPC message.
    func send(_ message: [String: Any]) throws {
        var data = try JSONSerialization.data(withJSONObject: message)
        data.append(0x0A)
        input.fileHandleForWriting.write(data)
    }

    func notify(_ method: String) throws {
        try send(["jsonrpc": "2.0", "method": method])
    }

    /// Sends a request and returns the `result` of the response with the same id.
    func request(_ id: Int, _ method: String, _ params: [String: Any]) throws -> [String: Any] {
        let response = try exchange(id, method, params)
        guard let result = response["result"] as? [String: Any] else { throw ProtocolError(description: "no result: \(response)") }
        return result
    }

    /// Sends a request that must fail; returns the error message.
    func requestError(_ id: Int, _ method: String, _ params: [String: Any]) throws -> String {
        let response = try exchange(id, method, params)
        guard let error = response["error"] as? [String: Any] else { throw ProtocolError(description: "no error: \(response)") }
        return error["message"] as? String ?? ""
    }

    /// `tools/call`: the JSON text content and the structured content.
    func call(_ id: Int, _ tool: String, _ arguments: [String: Any]) throws -> ToolResult {
        let result = try request(id, "tools/call", ["name": tool, "arguments": arguments])
        let text = ((result["content"] as? [[String: Any]])?.first?["text"] as? String) ?? ""
        return ToolResult(isError: result["isError"] as? Bool, structured: result["structuredContent"] as? [String: Any] ?? [:], text: text)
    }

    private func exchange(_ id: Int, _ method: String, _ params: [String: Any]) throws -> [String: Any] {
        try send(["jsonrpc": "2.0", "id": id, "method": method, "params": params])
        let deadline = Date().addingTimeInterval(20)
        while true {
            guard let line = nextLine(until: deadline) else { throw ProtocolError(description: "no response to \(method) (id \(id))") }
            guard let message = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
            // Skip anything else the server sends (notifications, other ids).
            if message["id"] as? Int == id { return message }
        }
    }

    private func nextLine(until deadline: Date) -> String? {
        while true {
            let line: String? = lock.withLock {
                guard let newline = buffer.firstIndex(of: 0x0A) else { return nil }
                let data = buffer[buffer.startIndex..<newline]
                buffer.removeSubrange(buffer.startIndex...newline)
                return String(decoding: data, as: UTF8.self)
            }
            if let line { return line }
            if lock.withLock({ closed }) { return nil }
            guard signal.wait(timeout: .now() + max(0, deadline.timeIntervalSinceNow)) == .success else { return nil }
        }
    }

    /// Closes standard input and waits for the server to exit; its status.
    func finish() -> Int32 {
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return process.isRunning ? -1 : process.terminationStatus
    }

    func stop() {
        if process.isRunning { process.terminate() }
    }
}
