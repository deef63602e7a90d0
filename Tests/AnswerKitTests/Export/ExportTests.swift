@testable import AnswerKit
import Foundation
import Testing
import Yams

/// The agent fixture built in memory, its bundle as an agent's tool reads it.
enum AgentFixture {
    static let site = Fixtures.site("agent")

    static func bundle() throws -> SnippetBundle {
        let (result, files) = try Fixtures.build(site)
        #expect(result.succeeded, "\(DiagnosticFormatter.text(result.diagnostics))")
        return try SnippetBundle.decode(try #require(files["snippets.json"]), path: "snippets.json")
    }
}

@Suite struct EspansoExportTests {
    @Test func isValidYAMLThatRoundTripsEveryText() throws {
        let bundle = try AgentFixture.bundle()
        let yaml = try EspansoExport.yaml(bundle)
        let root = try #require(try Yams.load(yaml: yaml) as? [String: Any])
        let matches = try #require(root["matches"] as? [[String: Any]])
        #expect(matches.count == bundle.replies.count)
        let triggers = EspansoExport.triggers(for: bundle.replies)
        for (match, reply) in zip(matches, bundle.replies) {
            #expect(match["trigger"] as? String == triggers[reply.id])
            #expect(match["word"] as? Bool == true)
            let replace = try #require(match["replace"] as? String)
            // Form fields come back as {{form1.name}}: the reply text with form1. removed.
            #expect(replace.replacingOccurrences(of: "{{form1.", with: "{{") == reply.text, "\(reply.id)")
            let vars = match["vars"] as? [[String: Any]] ?? []
            if reply.variables.isEmpty {
                #expect(vars.isEmpty)
                continue
            }
            let form = try #require(vars.first)
            #expect(form["type"] as? String == "form")
            let params = try #require(form["params"] as? [String: Any])
            let layout = try #require(params["layout"] as? String)
            for name in reply.variables { #expect(layout.contains("[[\(name)]]")) }
            let fields = params["fields"] as? [String: [String: String]] ?? [:]
            for name in reply.variables {
                #expect(fields[name]?["default"] == bundle.placeholders?[name]?.defaultValue)
            }
        }
    }

    @Test func triggersAreShortUniqueAndStable() throws {
        let bundle = try AgentFixture.bundle()
        let triggers = EspansoExport.triggers(for: bundle.replies)
        #expect(triggers["track-order:en:twitter:answer:1"] == ":track-order-tw-en")
        #expect(triggers["track-order:en:twitter:acknowledge:1"] == ":track-order-tw-ack-en")
        #expect(triggers["refund-status:en:any:private:1"] == ":refund-status-any-dm-en")
        #expect(Set(triggers.values).count == bundle.replies.count)
        #expect(EspansoExport.triggers(for: bundle.replies.reversed()) == triggers)
        // One locale: no locale suffix, as in the ':refund-tw'.
        let english = EspansoExport.triggers(for: bundle.selecting(locale: "en").replies)
        #expect(english["track-order:en:twitter:answer:1"] == ":track-order-tw")
        #expect(english.values.allSatisfy { $0.dropFirst().allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } })
    }

    @Test func collidingTriggersGetANumber() {
        // A custom channel abbreviated like a built-in one collides: ids decide who gets the suffix.
        let replies = [
            BundleDiffTests.reply("a:en:tw:answer:1", "x"),
            BundleDiffTests.reply("a:en:twitter:answer:1", "y"),
        ]
        #expect(EspansoExport.triggers(for: replies) == ["a:en:tw:answer:1": ":a-tw", "a:en:twitter:answer:1": ":a-tw-2"])
    }
}

@Suite struct ZendeskMacroExportTests {
    @Test func oneMacroPerReplyWithTheTextAsACommentAction() throws {
        let bundle = try AgentFixture.bundle()
        let data = Data(JSONWriter.bytes(ZendeskMacroExport.json(bundle, mapping: ["name": "ticket.requester.first_name"])))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let macros = try #require(document["macros"] as? [[String: Any]])
        #expect(macros.count == bundle.replies.count)
        for (macro, reply) in zip(macros, bundle.replies) {
            #expect(macro["active"] as? Bool == true)
            #expect((macro["title"] as? String)?.hasPrefix("\(reply.locale)::\(reply.title) (") == true)
            #expect((macro["description"] as? String)?.contains(reply.id) == true)
            let actions = try #require(macro["actions"] as? [[String: String]])
            let comment = try #require(actions.first { $0["field"] == "comment_value" }?["value"])
            #expect(!comment.contains("{{") || comment.contains("{{ticket.requester.first_name}}"))
            #expect(actions.first { $0["field"] == "comment_mode_is_public" }?["value"] == "true")
        }
        let tweet = try #require(bundle.replies.first { $0.id == "track-order:en:twitter:acknowledge:1" })
        #expect(ZendeskMacroExport.comment(tweet.text, mapping: ["name": "ticket.requester.first_name"])
            == "Hi {{ticket.requester.first_name}}, sorry it's late, we're checking with the carrier now.")
        #expect(ZendeskMacroExport.comment("Order {{order_id}}", mapping: [:]) == "Order [[order_id]]")
    }

    @Test func escalationsAreInternalNotes() throws {
        var reply = BundleDiffTests.reply("a:en:email:escalate:1", "Please refund order {{order_id}}.")
        reply.approvedBy = "Billing"
        let json = String(decoding: JSONWriter.bytes(ZendeskMacroExport.json(BundleDiffTests.bundle([reply]))), as: UTF8.self)
        #expect(json.contains("\"field\": \"comment_mode_is_public\",\n          \"value\": \"false\""))
    }
}

@Suite struct CSVExportTests {
    @Test func roundTripsEveryFieldUnderRFC4180() throws {
        let bundle = try AgentFixture.bundle()
        let csv = CSVExport.csv(bundle)
        #expect(csv.hasSuffix("\r\n"))
        let rows = try RFC4180.parse(csv)
        #expect(rows.first == CSVExport.columns)
        #expect(rows.count == bundle.replies.count + 1)
        for (row, reply) in zip(rows.dropFirst(), bundle.replies) {
            let record = Dictionary(uniqueKeysWithValues: zip(CSVExport.columns, row))
            #expect(record["id"] == reply.id)
            #expect(record["text"] == reply.text)
            #expect(record["title"] == reply.title)
            #expect(record["variables"] == reply.variables.joined(separator: " "))
            #expect(record["worst_case_length"] == reply.worstCaseLength.map(String.init) ?? "")
            #expect(record["stale_translation"] == (reply.staleTranslation == true ? "true" : ""))
        }
    }

    @Test(arguments: [
        ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""), ("cr\r\nlf", "\"cr\r\nlf\""),
    ])
    func quotesOnlyWhenNeeded(_ value: String, _ field: String) {
        #expect(CSVExport.field(value) == field)
    }

    @Test func excelGetsABOMAndNoFormulas() throws {
        let reply = BundleDiffTests.reply("a:en:twitter:answer:1", "@{{customer_handle}} =SUM(1)")
        let csv = CSVExport.csv(BundleDiffTests.bundle([reply]), excel: true)
        #expect(csv.hasPrefix("\u{FEFF}id,"))
        #expect(try RFC4180.parse(String(csv.dropFirst()))[1][6] == "'@{{customer_handle}} =SUM(1)")
    }
}

/// A strict RFC 4180 reader for the tests: CRLF records, quoted fields with doubled quotes.
enum RFC4180 {
    struct Malformed: Error {}

    static func parse(_ text: String) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var scalars = Array(text.unicodeScalars)[...]
        var quoted = false
        while let scalar = scalars.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if scalars.first == "\"" {
                        field.unicodeScalars.append(scalars.removeFirst())
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" {
                guard field.isEmpty else { throw Malformed() }
                quoted = true
            } else if scalar == "," {
                row.append(field)
                field = ""
            } else if scalar == "\r" {
                guard scalars.popFirst() == "\n" else { throw Malformed() }
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else if scalar == "\n" {
                throw Malformed()
            } else {
                field.unicodeScalars.append(scalar)
            }
        }
        guard !quoted, field.isEmpty, row.isEmpty else { throw Malformed() }
        return rows
    }
}
