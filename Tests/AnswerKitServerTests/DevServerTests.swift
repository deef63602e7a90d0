import AnswerKit
@testable import AnswerKitServer
import Foundation
import Testing

/// The dev server end to end, on a copy of Tests/Fixtures/basic (baseURL https://example.com/help/).
@Suite(.serialized) struct DevServerTests {
    @Test func servesPagesWithContentTypesAndTheReloadScript() async throws {
        try await TestSite.with { site in

            let home = try await site.get("/help/en/")
            #expect(home.status == 200)
            #expect(home.headers["content-type"] == "text/html; charset=utf-8")
            #expect(home.headers["cache-control"] == "no-cache")
            #expect(home.text.contains(#"<script src="/__answerkit/reload.js""#))
            #expect(home.text.range(of: "<script src=\"/__answerkit/reload.js\"")!.lowerBound < home.text.range(of: "</body>")!.lowerBound)
            // The files on disk stay as `build` would write them.
            let onDisk = try String(contentsOf: site.output.appendingPathComponent("en/index.html"), encoding: .utf8)
            #expect(!onDisk.contains("__answerkit"))
            #expect(home.text.replacingOccurrences(of: ReloadScript.tag(build: try #require(Self.build(in: home.text))), with: "") == onDisk)

            for (path, type) in [
                ("/help/assets/style.css", "text/css; charset=utf-8"),
                ("/help/assets/answerkit.js", "text/javascript; charset=utf-8"),
                ("/help/snippets.json", "application/json; charset=utf-8"),
                ("/help/sitemap.xml", "application/xml; charset=utf-8"),
                ("/help/robots.txt", "text/plain; charset=utf-8"),
                ("/help/en/billing/diagram.png", "image/png"),
                ("/__answerkit/reload.js", "text/javascript; charset=utf-8"),
            ] {
                let response = try await site.get(path)
                #expect(response.status == 200, "\(path)")
                #expect(response.headers["content-type"] == type, "\(path)")
                #expect(!response.text.contains(#"data-answerkit-build=""#), "\(path) is not HTML")
            }
            let png = try await site.get("/help/en/billing/diagram.png")
            #expect(png.body == (try Data(contentsOf: site.root.appendingPathComponent("content/en/billing/diagram.png"))))
        }
    }

    @Test func foldersRedirectsAndNotFound() async throws {
        try await TestSite.with { site in

            let folder = try await site.get("/help/en/billing")
            #expect(folder.status == 302)
            #expect(folder.headers["location"] == "/help/en/billing/")
            #expect(try await site.get("/help/en/billing?q=refund").headers["location"] == "/help/en/billing/?q=refund")
            #expect(try await site.get("/").headers["location"] == "/help/")
            #expect(try await site.get("/help").headers["location"] == "/help/")
            #expect(try await site.get("/help/en/billing/").text.contains("Billing"))

            let localeMiss = try await site.get("/help/en/no-such-page/")
            #expect(localeMiss.status == 404)
            #expect(localeMiss.headers["content-type"] == "text/html; charset=utf-8")
            let en404 = try String(contentsOf: site.output.appendingPathComponent("en/404.html"), encoding: .utf8)
            #expect(localeMiss.text.hasPrefix(String(en404.prefix(200))))
            #expect(localeMiss.text.contains("data-answerkit-build"))

            let arMiss = try await site.get("/help/ar/no-such-page/")
            let ar404 = try String(contentsOf: site.output.appendingPathComponent("ar/404.html"), encoding: .utf8)
            #expect(arMiss.status == 404)
            #expect(arMiss.text.hasPrefix(String(ar404.prefix(200))))

            let rootMiss = try await site.get("/help/no-such-page")
            let root404 = try String(contentsOf: site.output.appendingPathComponent("404.html"), encoding: .utf8)
            #expect(rootMiss.status == 404)
            #expect(rootMiss.text.hasPrefix(String(root404.prefix(200))))

            let post = try await site.get("/help/en/", method: "POST")
            #expect(post.status == 405)
            #expect(post.headers["allow"] == "GET, HEAD")
        }
    }

    @Test func headSendsTheHeadersOfGet() async throws {
        try await TestSite.with { site in
            for path in ["/help/en/", "/help/assets/style.css", "/help/en/nothing/"] {
                let get = try await site.get(path)
                let head = try await site.get(path, method: "HEAD")
                #expect(head.status == get.status, "\(path)")
                #expect(head.body.isEmpty, "\(path)")
                #expect(head.headers["content-type"] == get.headers["content-type"], "\(path)")
                #expect(head.headers["content-length"] == String(get.body.count), "\(path)")
            }
        }
    }

    @Test func traversalAttemptsGet404() async throws {
        try await TestSite.with { site in
            let secret = "top-secret-\(UUID().uuidString)"
            let outside = site.root.deletingLastPathComponent()
            try Data(secret.utf8).write(to: outside.appendingPathComponent("secret.txt"))
            try FileManager.default.createDirectory(at: outside.appendingPathComponent("private"), withIntermediateDirectories: true)
            try Data(secret.utf8).write(to: outside.appendingPathComponent("private/index.html"))
            // Links planted in the served folder: out of the tree (file and folder), and one inside it.
            try FileManager.default.createSymbolicLink(
                atPath: site.output.appendingPathComponent("leak.txt").path, withDestinationPath: outside.appendingPathComponent("secret.txt").path)
            try FileManager.default.createSymbolicLink(
                atPath: site.output.appendingPathComponent("en/private").path, withDestinationPath: outside.appendingPathComponent("private").path)
            try FileManager.default.createSymbolicLink(atPath: site.output.appendingPathComponent("style.css").path, withDestinationPath: "assets/style.css")

            let depth = String(repeating: "../", count: 12)
            for target in [
                "/help/\(depth)etc/passwd",
                "/help/../../secret.txt",
                "/help/en/../../../secret.txt",
                "/help/%2e%2e/%2e%2e/%2e%2e/secret.txt",
                "/help/%2E%2E/%2E%2E/secret.txt",
                "/help/.%2e/.%2e/secret.txt",
                "/help/en%2f..%2f..%2f..%2fsecret.txt",
                "/help/..%2f..%2f..%2fsecret.txt",
                "/help/..\\..\\..\\secret.txt",
                "/help/%5c..%5c..%5csecret.txt",
                "/help/en/index.html%00.png",
                "/help/%00",
                "/help/leak.txt",
                "/help/en/private/",
                "/help/en/private/index.html",
                "/../secret.txt",
                "..%2fsecret.txt",
            ] {
                let response = try await site.get(target)
                #expect(response.status == 404, "\(target) answered \(response.status)")
                #expect(!response.text.contains(secret), "\(target) leaked the file")
                #expect(!response.text.contains("root:x:0:0"), "\(target) leaked /etc/passwd")
            }
            let inside = try await site.get("/help/style.css")
            #expect(inside.status == 200)
            #expect(inside.headers["content-type"] == "text/css; charset=utf-8")
        }
    }

    @Test func editReloadsTheBrowserAndServesTheNewPage() async throws {
        try await TestSite.with { site in
            let page = "/help/en/billing/refund-status/"
            let before = try await site.get(page)
            #expect(before.text.contains("Where is my refund?"))
            let pageBuild = try #require(Self.build(in: before.text))

            let events = try await EventStreamClient.open(port: site.port)
            let hello = try await events.next("hello")
            #expect(hello.data == #"{"build":"\#(pageBuild)"}"#)

            let start = Date()
            try site.edit("content/en/billing/refund-status.md", replacing: "title: Where is my refund?", with: "title: Where has my refund gone?")
            let reload = try await events.next("reload")
            let latency = Date().timeIntervalSince(start)
            print(String(format: "edit → reload event: %.0f ms (fixture site, debug build)", latency * 1000))

            let after = try await site.get(page)
            #expect(after.text.contains("Where has my refund gone?"))
            #expect(!after.text.contains("Where is my refund?"))
            let newBuild = try #require(Self.build(in: after.text))
            #expect(newBuild != pageBuild)
            #expect(reload.data == #"{"build":"\#(newBuild)"}"#)
            #expect(site.reported.current.contains { if case let .built(_, _, changes?, _) = $0 { changes.paths.contains("content/en/billing/refund-status.md") } else { false } })
        }
    }

    @Test func aSaveWithoutChangesDoesNotReload() async throws {
        try await TestSite.with { site in
            let page = "/help/en/billing/refund-status/"
            let events = try await EventStreamClient.open(port: site.port)
            _ = try await events.next("hello")
            // Saved as it was (an editor's save without edits), then edited for real.
            try site.edit("content/en/billing/refund-status.md", replacing: "title: Where is my refund?", with: "title: Where is my refund?")
            let unchanged = { site.reported.current.contains { if case let .built(report, _, _?, _) = $0 { report.upToDate } else { false } } }
            for _ in 0..<100 where !unchanged() { try await Task.sleep(for: .milliseconds(50)) }
            #expect(unchanged(), "the unchanged save was not seen as such")
            try site.edit("content/en/billing/refund-status.md", replacing: "title: Where is my refund?", with: "title: Refund, where?")
            let reload = try await events.next("reload")
            let after = try await site.get(page)
            #expect(after.text.contains("Refund, where?"))
            // The first reload is the real edit's: the unchanged save sent none.
            #expect(reload.data == #"{"build":"\#(try #require(Self.build(in: after.text)))"}"#)
        }
    }

    @Test func buildErrorsShowWithLocationsAndKeepTheLastGoodSite() async throws {
        try await TestSite.with { site in
            let page = "/help/en/billing/refund-status/"
            let good = try await site.get(page).text
            let events = try await EventStreamClient.open(port: site.port)
            _ = try await events.next("hello")

            // An unclosed flow sequence on line 5 of the front matter.
            try site.edit("content/en/billing/refund-status.md", replacing: "tags: [refunds, Money Back]", with: "tags: [refunds, Money Back <b>")
            let error = try await events.next("build-error")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(error.data.utf8)) as? [String: Any])
            let items = try #require(report["diagnostics"] as? [[String: Any]])
            // The edited file's error, with its position (other files may fail with it, e.g. links to it).
            let first = try #require(items.first {
                $0["severity"] as? String == "error" && ($0["location"] as? String)?.hasPrefix("content/en/billing/refund-status.md:") == true
            })
            let location = try #require(first["location"] as? String)
            #expect(location.wholeMatch(of: /content\/en\/billing\/refund-status\.md:\d+:\d+/) != nil, "\(location)")
            #expect((first["message"] as? String)?.isEmpty == false)
            #expect((report["summary"] as? String)?.contains("error") == true)

            // The terminal got the same problems; the browser still gets the last good page.
            #expect(site.reported.current.contains { if case let .failed(diagnostics, _) = $0 { diagnostics.hasErrors } else { false } })
            #expect(DiagnosticFormatter.text(try #require(Self.lastFailure(site))).contains("\(location): error:"))
            #expect(try await site.get(page).text == good)

            // A browser that connects now is told about the failure at once.
            let late = try await EventStreamClient.open(port: site.port)
            _ = try await late.next("hello")
            #expect(try await late.next("build-error").data == error.data)

            // Fixing it reloads (which clears the overlay) and serves the fixed page.
            try site.edit("content/en/billing/refund-status.md", replacing: "tags: [refunds, Money Back <b>", with: "tags: [refunds, Money Back]")
            _ = try await events.next("reload")
            _ = try await late.next("reload")
            #expect(try await site.get(page).status == 200)
        }
    }

    @Test func aTemplateErrorIsReportedToo() async throws {
        try await TestSite.with { site in
            let events = try await EventStreamClient.open(port: site.port)
            _ = try await events.next("hello")
            try site.edit("templates/entry.mustache", replacing: "{{#isDraft}}", with: "{{#isDraft}}{{/nope}}")
            let error = try await events.next("build-error")
            #expect(error.data.contains("templates/entry.mustache"))
        }
    }

    @Test func newFoldersAreWatched() async throws {
        try await TestSite.with { site in
            let events = try await EventStreamClient.open(port: site.port)
            _ = try await events.next("hello")
            let folder = site.root.appendingPathComponent("content/en/shipping")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try "---\ntitle: Shipping\n---\n".write(to: folder.appendingPathComponent("_index.md"), atomically: true, encoding: .utf8)
            let entry = "---\ntitle: How fast is shipping?\nstatus: approved\napproved_by: Ops\napproved_on: 2026-10-01\n---\nFast.\n"
            try entry.write(to: folder.appendingPathComponent("speed.md"), atomically: true, encoding: .utf8)
            let deadline = Date(timeIntervalSinceNow: RawHTTP.timeout)
            while try await site.get("/help/en/shipping/speed/").status != 200, Date() < deadline { _ = try await events.next("reload") }
            #expect(try await site.get("/help/en/shipping/speed/").text.contains("How fast is shipping?"))
            // A later edit inside the new folder is seen as well.
            try site.edit("content/en/shipping/speed.md", replacing: "How fast is shipping?", with: "When will it ship?")
            _ = try await events.next("reload")
            #expect(try await site.get("/help/en/shipping/speed/").text.contains("When will it ship?"))
        }
    }

    @Test func pollingWatcherRebuildsToo() async throws {
        try await TestSite.with(configure: { $0.polling = true; $0.pollInterval = .milliseconds(200) }) { site in
            let events = try await EventStreamClient.open(port: site.port)
            _ = try await events.next("hello")
            try site.edit("content/en/billing/refund-status.md", replacing: "title: Where is my refund?", with: "title: Polled refund title")
            _ = try await events.next("reload")
            #expect(try await site.get("/help/en/billing/refund-status/").text.contains("Polled refund title"))
        }
    }

    @Test func draftsOnlyWithTheFlag() async throws {
        let plain = try await TestSite()
        #expect(try await plain.get("/help/en/orders/draft-entry/").status == 404)
        await plain.tearDown()

        try await TestSite.with(configure: { $0.includeDrafts = true }) { drafts in
            let page = try await drafts.get("/help/en/orders/draft-entry/")
            #expect(page.status == 200)
            #expect(page.text.contains(#"<p class="draft">Draft</p>"#))
            // Serving with drafts never touches public/.
            #expect(!FileManager.default.fileExists(atPath: drafts.root.appendingPathComponent("public").path))
            #expect(drafts.output.path.hasSuffix("/.answerkit-serve/public"))
        }
    }

    @Test func stopsCleanly() async throws {
        let site = try await TestSite()
        let events = try await EventStreamClient.open(port: site.port)
        _ = try await events.next("hello")
        await site.server.stop()
        #expect(await events.ends())
        await #expect(throws: RawError.self) { try await site.get("/help/en/") }
        #expect(site.reported.current.contains { if case .stopped = $0 { true } else { false } })
        // No staging folders are left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.output.deletingLastPathComponent().path)
        #expect(leftovers == ["public"])
        await site.tearDown()
    }

    @Test func refusesAnOutputFolderOverTheSources() async throws {
        let root = TestSite.repository.appendingPathComponent("Tests/Fixtures/basic")
        for output in [root, root.appendingPathComponent("content"), root.appendingPathComponent("templates/assets"), root.deletingLastPathComponent()] {
            var options = ServeOptions(root: root)
            options.port = 0
            options.output = output
            let server = DevServer(options: options) { _ in }
            await #expect(throws: ServeFailure.self) { try await server.start() }
        }
    }

    @Test func aBusyPortIsAClearError() async throws {
        try await TestSite.with { site in
            var options = ServeOptions(root: site.root)
            options.port = site.port
            options.output = site.root.appendingPathComponent(".answerkit-serve/other")
            let second = DevServer(options: options) { _ in }
            do {
                try await second.start()
                Issue.record("a second server started on port \(site.port)")
                await second.stop()
            } catch {
                #expect("\(error)".contains("cannot listen on 127.0.0.1:\(site.port)"))
            }
        }
    }

    // MARK: - Helpers

    /// The build token in a served page's script tag.
    static func build(in html: String) -> String? {
        html.firstMatch(of: /data-answerkit-build="([^"]+)"/).map { String($0.1) }
    }

    static func lastFailure(_ site: TestSite) -> Diagnostics? {
        for event in site.reported.current.reversed() {
            if case let .failed(diagnostics, _) = event { return diagnostics }
        }
        return nil
    }
}
