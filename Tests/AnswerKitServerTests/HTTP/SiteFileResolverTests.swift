@testable import AnswerKitServer
import Foundation
import Testing

/// Resolution against a small folder tree with links in and out of it.
@Suite struct SiteFileResolverTests {
    let base: URL
    let root: URL
    let resolver: SiteFileResolver

    init() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("answerkit-resolver-\(UUID().uuidString)")
        root = base.appendingPathComponent("site")
        let manager = FileManager.default
        for folder in ["en/billing", "ar", "assets", "empty"] {
            try manager.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for file in ["index.html", "404.html", "en/index.html", "en/404.html", "en/billing/index.html", "assets/style.css", "ar/index.html"] {
            try Data("<html><body>\(file)</body></html>".utf8).write(to: root.appendingPathComponent(file))
        }
        try Data("secret".utf8).write(to: base.appendingPathComponent("secret.txt"))
        try manager.createDirectory(at: base.appendingPathComponent("outside"), withIntermediateDirectories: true)
        try Data("outside".utf8).write(to: base.appendingPathComponent("outside/index.html"))
        // Links: two out of the tree (a file and a folder), one inside it.
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("leak.txt").path, withDestinationPath: "../secret.txt")
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("en/out").path, withDestinationPath: base.appendingPathComponent("outside").path)
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("style.css").path, withDestinationPath: "assets/style.css")
        resolver = SiteFileResolver(root: root, basePath: "/help/")
    }

    private func file(_ path: String) -> Resolution {
        .file(URL(fileURLWithPath: SiteFileResolver.realPath(root.appendingPathComponent(path).path)!))
    }

    @Test func servesFilesAndFolderIndexes() {
        #expect(resolver.resolve(rawPath: "/help/") == file("index.html"))
        #expect(resolver.resolve(rawPath: "/help/en/billing/") == file("en/billing/index.html"))
        #expect(resolver.resolve(rawPath: "/help/assets/style.css") == file("assets/style.css"))
        #expect(resolver.resolve(rawPath: "/help/style.css") == file("assets/style.css"))
    }

    @Test func redirectsFoldersWithoutTheirSlash() {
        #expect(resolver.resolve(rawPath: "/help/en/billing") == .redirect("/help/en/billing/"))
        #expect(resolver.resolve(rawPath: "/help") == .redirect("/help/"))
        #expect(resolver.resolve(rawPath: "/") == .redirect("/help/"))
    }

    @Test func missesGetTheNearest404Page() {
        #expect(resolver.resolve(rawPath: "/help/en/nothing/") == .notFound(file("en/404.html").url))
        #expect(resolver.resolve(rawPath: "/help/ar/nothing/") == .notFound(file("404.html").url))
        #expect(resolver.resolve(rawPath: "/help/nothing") == .notFound(file("404.html").url))
        #expect(resolver.resolve(rawPath: "/elsewhere/") == .notFound(file("404.html").url))
        #expect(resolver.resolve(rawPath: "/help/empty/") == .notFound(file("404.html").url))
        #expect(resolver.resolve(rawPath: "/help/en/index.html/") == .notFound(file("en/404.html").url))
    }

    @Test(arguments: [
        "/help/leak.txt",
        "/help/en/out/",
        "/help/en/out/index.html",
        "/help/../secret.txt",
        "/help/%2e%2e/secret.txt",
        "/help/%2e%2e%2fsecret.txt",
        "/help/..%5csecret.txt",
        "/help/en/%00",
    ])
    func neverLeavesTheFolder(_ raw: String) {
        guard case let .notFound(page) = resolver.resolve(rawPath: raw) else {
            Issue.record("\(raw) resolved to \(resolver.resolve(rawPath: raw))")
            return
        }
        #expect(page.map { $0.path.hasPrefix(SiteFileResolver.realPath(root.path)!) } ?? true)
    }

    @Test func aMissingOutputFolderServesNothing() {
        let missing = SiteFileResolver(root: base.appendingPathComponent("nope"), basePath: "/")
        #expect(missing.resolve(rawPath: "/index.html") == .notFound(nil))
    }
}

extension Resolution {
    var url: URL? {
        if case let .file(url) = self { return url }
        return nil
    }
}
