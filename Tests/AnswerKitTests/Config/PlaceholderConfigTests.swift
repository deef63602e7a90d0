@testable import AnswerKit
import Testing

@Suite struct PlaceholderConfigTests {
    /// Parses a configuration with `placeholders` appended; the diagnostics as compiler-style lines.
    private func parse(_ placeholders: String) -> (SiteConfig?, [String]) {
        let (config, diagnostics) = ConfigLoader.parse("title: T\nplaceholders:\n" + placeholders)
        return (config, diagnostics.sorted.map(DiagnosticFormatter.text))
    }

    @Test func readsDeclarations() throws {
        let (config, diagnostics) = parse("""
              customer_handle: { max: 15, charset: identifier, default: "there", description: "X handle" }
              tracking_url: { type: url }
              order_id:
                max: 12
            """)
        #expect(diagnostics.isEmpty)
        let placeholders = try #require(config?.placeholders)
        #expect(placeholders["customer_handle"] == PlaceholderSpec(name: "customer_handle", charset: .identifier, max: 15, defaultValue: "there", description: "X handle"))
        #expect(placeholders["tracking_url"] == PlaceholderSpec(name: "tracking_url", type: .url))
        #expect(placeholders["tracking_url"]?.charset == .ascii)
        #expect(placeholders["order_id"]?.max == 12 && placeholders["order_id"]?.charset == PlaceholderSpec.Charset.any)
    }

    @Test func noPlaceholdersIsFine() {
        #expect(ConfigLoader.parse("title: T\n").0?.placeholders.isEmpty == true)
    }

    /// Each case marks with `‸` where its diagnostics must land, in file order; the
    /// expected lines leave out `answerkit.yml:<line>:<column>: `, which the markers give.
    @Test(arguments: [
        ("  ‸Order-ID: { max: 12 }\n", [
            "error: 'Order-ID' is not a placeholder name: use lower-case letters, digits and '_'\n    note: e.g. 'order_id'",
        ]),
        ("  order_id: { max: ‸0 }\n", [
            "error: 'max' must be a positive whole number of characters\n    note: it is the longest value in Unicode code points, e.g. max: 15 for an X handle",
        ]),
        ("  order_id: { max: ‸twelve }\n", [
            "error: 'max' must be a positive whole number of characters\n    note: it is the longest value in Unicode code points, e.g. max: 15 for an X handle",
        ]),
        ("  handle: { charset: ‸identifer }\n", [
            "error: unknown charset 'identifer'\n    note: did you mean 'identifier'?\n    note: charset: any, gsm, ascii, identifier",
        ]),
        ("  link: { type: ‸link }\n", ["error: unknown type 'link'\n    note: type: text, url"]),
        ("  nickname: { max: 5, default: ‸\"Alexandra\" }\n", ["error: default of 'nickname' has 9 characters; the most is 5"]),
        ("  handle: { charset: identifier, default: ‸\"Ayşe\" }\n", [
            "error: default of 'handle' contains 'ş' (U+15F), but 'handle' allows only ASCII letters, digits and - _ @ #",
        ]),
        ("  tracking_url:\n    type: url\n    charset: ‸ascii\n    default: ‸example.com/x\n", [
            "error: 'charset' does not apply to a url placeholder\n    note: url values are ASCII http(s) links; remove 'charset'",
            "error: default of 'tracking_url' is not an absolute http(s) link in ASCII, e.g. https://example.com/track/123",
        ]),
        ("  name: { default: ‸\"see example.com\" }\n", [
            "error: default of 'name' contains a link; links go in a placeholder declared with type: url",
        ]),
        ("  greeting: ‸hello\n", ["error: placeholder 'greeting' must be a mapping of keys to values"]),
        ("  agent: { max: 20, ‸maxlength: 3 }\n", ["warning: unknown key 'maxlength' is ignored"]),
        ("  agent: { max: 20, ‸mx: 3 }\n", ["warning: unknown key 'mx' is ignored\n    note: did you mean 'max'?"]),
        ("  ‸- order_id\n", [
            "error: 'placeholders' must map placeholder names to declarations\n    note: e.g. placeholders: { order_id: { max: 12 } }",
        ]),
    ])
    func reportsMistakesWhereTheyAre(_ marked: String, _ expected: [String]) {
        // Markers → "answerkit.yml:line:column: " in order; the YAML starts on line 3.
        var locations: [String] = []
        var text = ""
        for (index, line) in marked.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var column = 1
            for character in line {
                if character == "‸" {
                    locations.append("answerkit.yml:\(index + 3):\(column): ")
                } else {
                    text.append(character)
                    column += 1
                }
            }
            text.append("\n")
        }
        let (config, diagnostics) = parse(String(text.dropLast()))
        #expect(diagnostics == zip(locations, expected).map { $0 + $1 })
        #expect(locations.count == expected.count)
        if expected.contains(where: { $0.hasPrefix("error: ") }) { #expect(config == nil) }
    }
}
