@testable import AnswerKitServer
import Testing

@Suite struct RequestPathTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var raw: String
        var segments: [String]?
        var isDirectory = false
        var testDescription: String { raw }
    }

    @Test(arguments: [
        Case(raw: "/", segments: [], isDirectory: true),
        Case(raw: "/help/en/", segments: ["help", "en"], isDirectory: true),
        Case(raw: "/help/en", segments: ["help", "en"]),
        Case(raw: "/help//en/", segments: ["help", "en"], isDirectory: true),
        Case(raw: "/assets/style.css", segments: ["assets", "style.css"]),
        Case(raw: "/ar/tags/%D8%B1%D8%AF/", segments: ["ar", "tags", "رد"], isDirectory: true),
        Case(raw: "/a%20b.txt", segments: ["a b.txt"]),
        Case(raw: "/...", segments: ["..."]),
        Case(raw: "/.well-known/x", segments: [".well-known", "x"]),
    ])
    func decodes(_ test: Case) {
        let path = RequestPath.decode(test.raw)
        #expect(path?.segments == test.segments)
        #expect(path?.isDirectory == test.isDirectory)
    }

    @Test(arguments: [
        "/../etc/passwd",
        "/help/../../etc/passwd",
        "/./en/",
        "/%2e%2e/etc/passwd",
        "/%2E%2E/etc/passwd",
        "/.%2e/etc/passwd",
        "/%2e/en/",
        "/en%2f..%2f..%2fetc/passwd",
        "/en%2F404.html",
        "/..\\..\\etc\\passwd",
        "/en%5c..%5c404.html",
        "/en/%00",
        "/en/index.html%00.png",
        "/en/%0d%0aSet-Cookie:x",
        "/%zz",
        "/%2",
        "/%ff%fe",
        "relative/path",
        "",
    ])
    func refuses(_ raw: String) {
        #expect(RequestPath.decode(raw) == nil)
    }

    @Test func stripsTheBasePath() {
        let path = RequestPath(segments: ["help", "en", "billing"], isDirectory: true)
        #expect(path.relative(to: "/help/") == RequestPath(segments: ["en", "billing"], isDirectory: true))
        #expect(path.relative(to: "/") == path)
        #expect(path.relative(to: "/docs/") == nil)
        #expect(RequestPath(segments: ["helpdesk"], isDirectory: false).relative(to: "/help/") == nil)
    }
}
