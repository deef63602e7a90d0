@testable import AnswerKit
import Foundation
import Testing

/// End-to-end builds of the fixture sites under Tests/Fixtures.
@Suite struct FixtureBuildTests {
    /// The basic fixture builds to exactly the files in its `expected/` folder.
    @Test func basicSiteMatchesGoldenOutput() throws {
        let site = Fixtures.site("basic")
        let (result, files) = try Fixtures.build(site)
        #expect(result.succeeded)
        let expected = site.appendingPathComponent("expected")
        try Golden.assertEqual(DiagnosticFormatter.text(result.diagnostics), file: expected.appendingPathComponent("diagnostics.txt"))
        for (path, data) in files.sorted(by: { $0.key < $1.key }) {
            try Golden.assertEqual(String(decoding: data, as: UTF8.self), file: expected.appendingPathComponent("public/\(path)"))
        }
        // No stale golden files: the expected tree lists exactly what was built.
        if !Golden.recording {
            let goldenFiles = try ContentLoader.discover(expected.appendingPathComponent("public"))
            #expect(goldenFiles == files.keys.sorted())
        }
    }

    /// Every kind of bad input in one run, compiler-style, in file order.
    @Test func invalidSiteReportsEveryProblem() throws {
        let site = Fixtures.site("invalid")
        let (result, _) = try Fixtures.build(site)
        #expect(!result.succeeded)
        try Golden.assertEqual(DiagnosticFormatter.text(result.diagnostics), file: site.appendingPathComponent("expected-diagnostics.txt"))
        try Golden.assertEqual(DiagnosticFormatter.json(result.diagnostics), file: site.appendingPathComponent("expected-diagnostics.json"))
    }

    @Test func buildingTwiceGivesIdenticalBytes() throws {
        let (_, first) = try Fixtures.build(Fixtures.site("basic"))
        let (_, second) = try Fixtures.build(Fixtures.site("basic"))
        #expect(first == second)
    }

    @Test func draftsArePublishedOnlyWhenAsked() throws {
        let (_, without) = try Fixtures.build(Fixtures.site("basic"))
        let (_, with) = try Fixtures.build(Fixtures.site("basic"), drafts: true)
        #expect(without["en/orders/draft-entry/index.html"] == nil)
        let page = String(decoding: try #require(with["en/orders/draft-entry/index.html"]), as: UTF8.self)
        #expect(page.contains("class=\"draft\""))
        #expect(without["en/orders/retired-entry/index.html"] == nil && with["en/orders/retired-entry/index.html"] == nil)
    }

    @Test func expiredEntryStaysUnderReviewWithoutReplies() throws {
        let (_, files) = try Fixtures.build(Fixtures.site("basic"))
        let page = String(decoding: try #require(files["en/orders/expired/index.html"]), as: UTF8.self)
        #expect(page.contains("role=\"note\""))
        #expect(!page.contains("This reply is expired"))
    }
}
