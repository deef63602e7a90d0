import AnswerKit
import ArgumentParser
import Foundation

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the knowledge base without writing anything.",
        discussion: """
            Reports every problem in one run as path:line:column: error|warning: message, \
            and exits non-zero when there is an error.
            """)

    @OptionGroup var site: SiteOptions

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Flag(help: "Check drafts as if they were published.")
    var drafts = false

    @Option(help: "Output format: text (stderr) or json (stdout).")
    var format: OutputFormat = .text

    func run() throws {
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
