import AnswerKit
@testable import AnswerKitServer
import Foundation
import Testing

@Suite struct ReloadScriptTests {
    let tag = ReloadScript.tag(build: "abc-1")

    @Test func goesBeforeTheLastClosingBody() {
        let html = "<html><body><p>&lt;/body&gt; in text</p></body></html>\n"
        let injected = String(decoding: ReloadScript.inject(into: Data(html.utf8), build: "abc-1"), as: UTF8.self)
        #expect(injected == "<html><body><p>&lt;/body&gt; in text</p>\(tag)</body></html>\n")
    }

    @Test func findsBodyInAnyCase() {
        let injected = String(decoding: ReloadScript.inject(into: Data("<BODY>x</BODY >".utf8), build: "abc-1"), as: UTF8.self)
        #expect(injected == "<BODY>x\(tag)</BODY >")
    }

    @Test func appendsWithoutABody() {
        let injected = String(decoding: ReloadScript.inject(into: Data("<p>fragment</p>".utf8), build: "abc-1"), as: UTF8.self)
        #expect(injected == "<p>fragment</p>\(tag)")
    }

    @Test func worksOnDataSlices() {
        let whole = Data("xx<body></body>".utf8)
        let slice = whole[whole.index(whole.startIndex, offsetBy: 2)...]
        #expect(String(decoding: ReloadScript.inject(into: slice, build: "b"), as: UTF8.self) == "<body>\(ReloadScript.tag(build: "b"))</body>")
    }

    @Test func tagNamesTheScriptAndBuild() {
        #expect(tag == #"<script src="/__answerkit/reload.js" data-answerkit-build="abc-1"></script>"#)
    }

    @Test func scriptListensToTheEventsAndEscapesByConstruction() {
        let source = ReloadScript.source
        #expect(source.contains("var eventsPath = \"\(ServeOptions.eventsPath)\";"))
        #expect(source.contains("new EventSource(eventsPath)"))
        #expect(source.contains(#"var types = ["hello", "reload", "build-error"];"#))
        // Diagnostics reach the page only as text nodes.
        #expect(source.contains("textContent"))
        #expect(!source.contains("innerHTML"))
    }
}

@Suite struct ServerSentEventTests {
    @Test func encodesEachLineOfDataSeparately() {
        let event = ServerSentEvent(name: "build-error", data: "one\ntwo\r\nthree")
        #expect(String(decoding: event.encoded, as: UTF8.self) == "event: build-error\ndata: one\ndata: two\ndata: three\n\n")
    }

    @Test func commentsHaveNoName() {
        #expect(String(decoding: ServerSentEvent.keepAlive.encoded, as: UTF8.self) == ": keep-alive\n\n")
    }

    @Test func buildErrorCarriesLocationsAndMessages() throws {
        let diagnostics = Diagnostics([
            .error("yaml-syntax", at: SourceLocation(path: "content/en/a.md", line: 3, column: 7), "invalid YAML: <script>", notes: ["a note"]),
            .warning("site", at: nil, "site-wide"),
        ])
        let event = ServerSentEvent.buildError(BuildErrorReport(diagnostics))
        #expect(event.name == "build-error")
        #expect(!event.data.contains("\n"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(event.data.utf8)) as? [String: Any])
        #expect(json["summary"] as? String == "1 error, 1 warning")
        let items = try #require(json["diagnostics"] as? [[String: Any]])
        #expect(items.count == 2)
        #expect(items[0]["location"] == nil)
        #expect(items[1]["location"] as? String == "content/en/a.md:3:7")
        #expect(items[1]["message"] as? String == "invalid YAML: <script>")
        #expect(items[1]["notes"] as? [String] == ["a note"])
    }
}
