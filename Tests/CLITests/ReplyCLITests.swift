import Foundation
import Testing

/// `answerkit reply` as an agent runs it, and against the agent console's script:
/// the same queries over the same bundle must give the same replies in the same
/// order with the same scores, filled texts and counts; and the console's counter
/// must agree with `answerkit count`.
@Suite(.serialized) struct ReplyCLITests {
    static let cli = CLITests()
    static let locales = ["en", "fr", "tr", "ar", "he"]
    static let today = "2026-11-22"  // CLITests' SOURCE_DATE_EPOCH

    /// The sample site, built once into a temporary folder.
    static let site: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("answerkit-reply-\(UUID().uuidString)")
        let result = try! cli.run(["build", "--quiet", "--output", folder.path])
        precondition(result.status == 0, result.stderr)
        return folder
    }()

    static var bundle: String { site.appendingPathComponent("snippets.json").path }

    struct Query: Codable {
        var query: String
        var locale: String?
        var channel: String?
        var kind: String?
        var variables: [String: String] = [:]
        var limit = 10

        var arguments: [String] {
            var list = ["reply", query, "--all", "--limit", String(limit), "--format", "json", "--bundle", ReplyCLITests.bundle]
            if let locale { list += ["--locale", locale] }
            if let channel { list += ["--channel", channel] }
            if let kind { list += ["--kind", kind] }
            for (name, value) in variables.sorted(by: { $0.key < $1.key }) { list += ["--set", "\(name)=\(value)"] }
            return list
        }
    }

    /// The relevance queries of every language as typed, the first few also half typed
    /// and across all locales, and a few with filters and values.
    static func queries() throws -> [Query] {
        var queries: [Query] = []
        for locale in locales {
            let url = CLITests.repository.appendingPathComponent("Tests/Fixtures/relevance/\(locale).json")
            let cases = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [[String: String]]
            for (number, item) in cases.enumerated() {
                let text = item["query"]!
                queries.append(Query(query: text, locale: locale))
                if number < 6 {
                    queries.append(Query(query: String(text.prefix(max(1, text.count * 2 / 3))), limit: 5))
                    queries.append(Query(query: text + " ", locale: locale, channel: "twitter", limit: 3))
                }
            }
        }
        queries.append(Query(query: "where is my refund", locale: "en", channel: "sms", variables: ["order_id": "NB-2041187"]))
        queries.append(Query(query: "refund", channel: "instagram-dm", kind: "answer", variables: ["name": "Ayşe"]))
        queries.append(Query(query: "طلبي", locale: "ar", channel: "whatsapp", variables: ["order_id": "NB-1", "name": "سارة"]))
        queries.append(Query(query: "order", variables: ["customer_handle": "@sam", "order_id": "NB 1"]))
        return queries
    }

    private static func node(_ script: String, _ arguments: [String]) throws -> Any {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["node", CLITests.repository.appendingPathComponent("Tests/js/support/\(script)").path] + arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "node \(script) failed")
        return try JSONSerialization.jsonObject(with: data)
    }

    private static func temporaryJSON(_ value: some Encodable) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("answerkit-\(UUID().uuidString).json")
        try JSONEncoder().encode(value).write(to: file)
        return file
    }

    /// A reply as both sides report it: id, score, filled text and count.
    private static func summary(_ reply: [String: Any]) -> String {
        let count = (reply["count"] as? [String: Any]).map { c in
            "\(c["channel"] ?? "") \(c["length"] ?? "")/\(c["limit"] ?? "null") \(c["valid"] ?? "") \(c["segments"] ?? "-") \(c["encoding"] ?? "-")"
        } ?? "null"
        return "\(reply["id"]!) \(reply["score"] as! Double) \(reply["text"] as? String ?? "null") \(count)"
    }

    @Test func cliAndConsoleRankFillAndCountIdentically() throws {
        let queries = try Self.queries()
        let file = try Self.temporaryJSON(queries)
        defer { try? FileManager.default.removeItem(at: file) }
        let console = try #require(try Self.node("reply-runner.mjs", [Self.bundle, file.path, Self.today]) as? [[String: Any]])
        try #require(console.count == queries.count)
        var compared = 0
        for (query, fromConsole) in zip(queries, console) {
            let result = try Self.cli.run(query.arguments)
            let cli = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(query.query): \(result.stderr)")
            let cliReplies = (cli["replies"] as! [[String: Any]]).map(Self.summary)
            let consoleReplies = (fromConsole["replies"] as! [[String: Any]]).map(Self.summary)
            #expect(cliReplies == consoleReplies, "\(query.locale ?? "*") '\(query.query)' \(query.channel ?? "")")
            compared += cliReplies.count
        }
        #expect(compared > queries.count, "most queries find several replies")
    }

    @Test func consoleCounterAgreesWithCount() throws {
        struct Case: Encodable {
            struct Rule: Encodable {
                var name: String
                var unit: String
                var limit: Int?
            }
            var text: String
            var channel: Rule
        }
        let texts = [
            "Hi \u{200F}مرحبا https://nimbus.example/refunds 👋", "see nimbus.com/refunds now, or www.nimbus.help/x.", "mail a@nimbus.com",
            "👩‍👩‍👧‍👦 🇹🇷 1\u{20E3} © ®\u{FE0F} 👍🏽", String(repeating: "ş", count: 71), String(repeating: "x", count: 161),
            String(repeating: "€", count: 80), "https://münchen.de/x?q=(a)) ok.", "example.co and t.co", "Привет мир 漢字 カタカナ",
            "e\u{301} a\u{30A}", "ok\u{FEFF}", "Merci @NimbusHelp ! Votre remboursement arrive (3–5 jours) : https://nimbus.example/fr/r",
            "İade talebiniz alındı, Ayşe. Kargo takip: NB-2041187", "طلبك #NB-48213 في الطريق إليك: https://nimbus.example/ar/track",
            "ההזמנה שלך (NB-1) בדרך אליך — +972 50 123 4567", String(repeating: "Refunds usually take 3–5 business days. ", count: 9), "",
        ]
        let rules: [Case.Rule] = [
            .init(name: "twitter", unit: "weighted", limit: 280), .init(name: "sms", unit: "segments", limit: 3),
            .init(name: "instagram-dm", unit: "bytes", limit: 1000), .init(name: "linkedin", unit: "characters", limit: 1250),
        ]
        let cases = texts.flatMap { text in rules.map { Case(text: text, channel: $0) } }
        let file = try Self.temporaryJSON(cases)
        defer { try? FileManager.default.removeItem(at: file) }
        let console = try #require(try Self.node("count-runner.mjs", [file.path]) as? [[String: Any]])
        try #require(console.count == cases.count)
        for (item, fromConsole) in zip(cases, console) {
            // Outside a knowledge base, so the built-in limits apply (the same as `rules`).
            let result = try Self.cli.run(["count", "--channel", item.channel.name, "--format", "json", item.text], in: FileManager.default.temporaryDirectory)
            let cli = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
            for key in ["length", "limit", "valid", "segments", "encoding"] {
                #expect("\(cli[key] ?? "absent")" == "\(fromConsole[key] ?? "absent")", "\(item.channel.name) \(key) of \(item.text.debugDescription)")
            }
            #expect(result.status == ((cli["valid"] as? Bool) == true ? 0 : 1))
        }
    }

    // MARK: - The command

    @Test func printsTheBestReplyFilledThenItsCountAndApproval() throws {
        let result = try Self.cli.run(["reply", "where is my refund", "--locale", "en", "--channel", "twitter", "--bundle", Self.bundle])
        #expect(result.status == 0, "\(result.stderr)")
        let blocks = result.stdout.components(separatedBy: "\n\n")
        try #require(blocks.count == 2, "\(result.stdout)")
        let text = blocks[0]
        #expect(!text.contains("{{"), "placeholders are filled (name has a default)")
        let details = blocks[1].split(separator: "\n").map(String.init)
        // The length line is exactly what `answerkit count` prints for the text.
        let count = try Self.cli.run(["count", "--channel", "twitter", text])
        #expect(details[0] + "\n" == count.stdout)
        #expect(details[1].hasPrefix("Where is my refund? — refund-status:en:twitter:answer:1"))
        #expect(details[2] == "https://help.nimbus.example/en/billing/refund-status/")
        #expect(details[3].hasPrefix("approved by "))
        #expect(details[3].contains(", review by 20"))
    }

    @Test func missingVariableIsAClearError() throws {
        let result = try Self.cli.run(["reply", "where is my refund", "--locale", "en", "--channel", "sms", "--bundle", Self.bundle])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("error: refund-status:en:sms:answer:1: missing a value for order_id\n"))
        #expect(result.stderr.contains("  order_id: Order number, e.g. NB-2041187 (at most 12 characters)\n"))
        #expect(result.stderr.contains("pass values with --set name=value"))
        let filled = try Self.cli.run(["reply", "where is my refund", "--locale", "en", "--channel", "sms", "--set", "order_id=NB-2041187", "--bundle", Self.bundle])
        #expect(filled.status == 0, "\(filled.stderr)")
        #expect(filled.stdout.contains("NB-2041187"))
        let invalid = try Self.cli.run(["reply", "where is my refund", "--locale", "en", "--channel", "sms", "--set", "order_id=NB 2041187", "--bundle", Self.bundle])
        #expect(invalid.status == 1)
        #expect(invalid.stderr.contains("the value of order_id contains ' ' (U+20)"))
    }

    @Test func allListsTheNextBestAndJSONHasEveryField() throws {
        let all = try Self.cli.run(["reply", "refund", "--locale", "en", "--all", "--limit", "3", "--set", "order_id=NB-1", "--bundle", Self.bundle])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.hasPrefix("1. Where is my refund?  [en · "))
        #expect(all.stdout.contains("\n\n2. ") && all.stdout.contains("\n\n3. ") && !all.stdout.contains("\n\n4. "))
        let json = try Self.cli.run(["reply", "refund", "--locale", "en", "--channel", "twitter", "--format", "json", "--bundle", Self.bundle])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["query"] as? String == "refund")
        #expect(document["channel"] as? String == "twitter")
        let best = try #require((document["replies"] as? [[String: Any]])?.first)
        #expect(best["rank"] as? Int == 1)
        #expect((best["count"] as? [String: Any])?["channel"] as? String == "twitter")
        #expect((best["approval"] as? [String: Any])?["approved_by"] is String)
        #expect((best["url"] as? String)?.hasPrefix("https://help.nimbus.example/en/") == true)
    }

    @Test func usageMistakesAndAMissingBundle() throws {
        let badSet = try Self.cli.run(["reply", "refund", "--set", "order_id", "--bundle", Self.bundle])
        #expect(badSet.status == 64)
        #expect(badSet.stderr.contains("--set takes name=value"))
        let channel = try Self.cli.run(["reply", "refund", "--channel", "tiktok", "--bundle", Self.bundle])
        #expect(channel.status == 1)
        #expect(channel.stderr.contains("error: unknown channel 'tiktok'; channels: email, facebook"))
        let nothing = try Self.cli.run(["reply", "xylophone quartz", "--bundle", Self.bundle])
        #expect(nothing.status == 1)
        #expect(nothing.stderr == "error: no approved reply matches the query\n")
        let missing = try Self.cli.run(["reply", "refund", "--bundle", "/nonexistent/snippets.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/snippets.json: cannot read the bundle"))
    }
}
