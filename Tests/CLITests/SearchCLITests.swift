import Foundation
import Testing

/// `answerkit search` against the browser client: the same queries over the same
/// built site must give the same entries in the same order with the same scores.
@Suite(.serialized) struct SearchCLITests {
    static let cli = CLITests()
    static let locales = ["en", "fr", "tr", "ar", "he"]

    /// The sample site, built once into a temporary folder.
    static let site: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("answerkit-search-\(UUID().uuidString)")
        let result = try! cli.run(["build", "--quiet", "--output", folder.path])
        precondition(result.status == 0, result.stderr)
        return folder
    }()

    struct Query: Codable {
        var locale: String
        var query: String
        var limit: Int
    }

    /// Every relevance query, plus prefixes of each (search as you type) and a few odd ones.
    static func queries() throws -> [Query] {
        var queries: [Query] = []
        for locale in locales {
            let url = CLITests.repository.appendingPathComponent("Tests/Fixtures/relevance/\(locale).json")
            let cases = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [[String: String]]
            for item in cases {
                let text = item["query"]!
                queries.append(Query(locale: locale, query: text, limit: 10))
                queries.append(Query(locale: locale, query: String(text.prefix(max(1, text.count * 2 / 3))), limit: 10))
                queries.append(Query(locale: locale, query: text + " ", limit: 3))
            }
        }
        queries.append(Query(locale: "en", query: "", limit: 10))
        queries.append(Query(locale: "en", query: "🙂 ?!", limit: 10))
        return queries
    }

    @Test func cliAndBrowserClientRankIdentically() throws {
        let queries = try Self.queries()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("answerkit-queries-\(UUID().uuidString).json")
        try JSONEncoder().encode(queries).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let node = Process()
        node.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        node.arguments = ["node", CLITests.repository.appendingPathComponent("Tests/js/support/search-runner.mjs").path, Self.site.path, file.path]
        let out = Pipe()
        node.standardOutput = out
        try node.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        node.waitUntilExit()
        try #require(node.terminationStatus == 0, "node search-runner.mjs failed")
        let browser = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        try #require(browser.count == queries.count)

        for (query, fromBrowser) in zip(queries, browser) {
            let result = try Self.cli.run(["search", query.query, "--locale", query.locale, "--limit", String(query.limit), "--format", "json", "--output", Self.site.path])
            try #require(result.status == 0, "\(query.query): \(result.stderr)")
            let cli = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
            let browserHits = fromBrowser["hits"] as! [[String: Any]]
            // Scores are the same doubles, printed in shortest round-trip form by both.
            let cliRanking = cli.map { "\($0["id"]!) \($0["score"] as! Double)" }
            let browserRanking = browserHits.map { "\($0["id"]!) \($0["score"] as! Double)" }
            #expect(cliRanking == browserRanking, "\(query.locale) '\(query.query)'")
        }
    }

    @Test func jsonRowsHaveTheDocumentedKeys() throws {
        let result = try Self.cli.run(["search", "refund", "--locale", "en", "--format", "json", "--output", Self.site.path])
        #expect(result.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let first = try #require(rows.first)
        #expect(Set(first.keys) == ["id", "locale", "title", "url", "score"])
        #expect(first["id"] as? String == "refund-status")
        #expect((first["url"] as? String)?.hasPrefix("https://help.nimbus.example/en/") == true)
    }

    @Test func missingIndexIsAClearError() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("answerkit-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let result = try Self.cli.run(["search", "refund", "--locale", "en", "--output", empty.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("answerkit build"))
    }
}
