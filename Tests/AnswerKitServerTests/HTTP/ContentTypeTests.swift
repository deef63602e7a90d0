import AnswerKitServer
import Testing

@Suite struct ContentTypeTests {
    @Test(arguments: [
        ("index.html", "text/html; charset=utf-8"),
        ("INDEX.HTM", "text/html; charset=utf-8"),
        ("style.css", "text/css; charset=utf-8"),
        ("answerkit.js", "text/javascript; charset=utf-8"),
        ("snippets.json", "application/json; charset=utf-8"),
        ("sitemap.xml", "application/xml; charset=utf-8"),
        ("logo.svg", "image/svg+xml; charset=utf-8"),
        ("diagram.png", "image/png"),
        ("photo.JPG", "image/jpeg"),
        ("photo.jpeg", "image/jpeg"),
        ("photo.webp", "image/webp"),
        ("font.woff2", "font/woff2"),
        ("search.wasm", "application/wasm"),
        ("robots.txt", "text/plain; charset=utf-8"),
        ("favicon.ico", "image/vnd.microsoft.icon"),
        ("archive.unknown", "application/octet-stream"),
        ("README", "application/octet-stream"),
        (".htaccess", "application/octet-stream"),
    ])
    func byExtension(_ name: String, _ expected: String) {
        #expect(ContentType.of(name) == expected)
    }

    @Test func onlyHTMLGetsTheScript() {
        #expect(ContentType.isHTML(ContentType.of("a.html")))
        #expect(!ContentType.isHTML(ContentType.of("a.svg")))
        #expect(!ContentType.isHTML(ContentType.of("a.json")))
    }
}
