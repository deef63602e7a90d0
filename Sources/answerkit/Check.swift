import AnswerKit
import ArgumentParser
import Foundation

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the knowledge base without writing anything.",
        discussion: """
            Reports every problem in one run as path:line:column: error|warning: message, \
            and exits non-zero when there is an error. With --stale, lists instead the approved \
            entries due for review within --within (default 30d), grouped by owner (approved_by).
            """)

    @OptionGroup var site: SiteOptions

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Flag(help: "Check drafts as if they were published.")
    var drafts = false

    @Option(help: "Output format: text (stderr) or json (stdout).")
    var format: OutputFormat = .text

    @Flag(help: "List replies whose review date falls within --within, by owner, instead of checking.")
    var stale = false

    @Option(help: ArgumentHelp("With --stale: how far ahead to look (30d, 2w, 45).", valueName: "days"))
    var within: String = "30d"

    func run() throws {
        if stale { return try listStale() }
        var options = BuildOptions(root: site.rootURL)
        options.write = false
        options.strict = strict
        options.includeDrafts = drafts
        let result: BuildResult
        do {
            result = try Builder.build(options)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        emit(result.diagnostics, format: format)
        if format == .text, result.diagnostics.isEmpty {
            printError("no problems in \(result.report.entries) entries")
        }
        if !result.succeeded { throw ExitCode.failure }
    }
}
