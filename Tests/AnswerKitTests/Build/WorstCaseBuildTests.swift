@testable import AnswerKit
import Foundation
import Testing

/// Builds that fail because a reply can outgrow its channel once filled in.
@Suite struct WorstCaseBuildTests {
    @Test func failsAtTheReplyTextWhenTheWorstCaseExceedsTheLimit() throws {
        let site = Fixtures.site("invalid-worst-case")
        let (result, _) = try Fixtures.build(site)
        #expect(!result.succeeded)
        #expect(result.diagnostics.errorCount == 3)
        try Golden.assertEqual(DiagnosticFormatter.text(result.diagnostics), file: site.appendingPathComponent("expected-diagnostics.txt"))
    }
}
