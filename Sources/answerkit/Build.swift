import AnswerKit
import ArgumentParser
import Foundation

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Validate the knowledge base and write the site and bundles to public/.",
        discussion: """
            The site is built in a staging folder beside the output and swapped in only when \
            there is no error, so a failed build leaves the previous public/ untouched. \
            Set SOURCE_DATE_EPOCH to judge review dates against a fixed day (reproducible builds).
            """)

    @OptionGroup var site: SiteOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("Output folder (default: paths.public of answerkit.yml).", valueName: "dir"))
    var output: String?

    @Flag(help: "Publish draft entries too (marked as drafts).")
    var drafts = false

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Flag(help: "Build even when nothing changed since the last build into this output folder.")
    var force = false

    @Flag(help: "Print the time of each stage.")
    var timings = false

    /// For benchmarks only (bench/search/run.sh): the build without analysis and `search/`.
    @Flag(help: .hidden)
    var noSearchIndex = false

    @Flag(name: .shortAndLong, help: "Print only problems.")
    var quiet = false

    @Option(help: "Format of the problems: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        var options = BuildOptions(root: site.rootURL)
        options.output = output.map { URL(fileURLWithPath: $0).standardizedFileURL }
        options.includeDrafts = drafts
        options.strict = strict
        options.useCache = !force && !noSearchIndex
        options.searchIndex = !noSearchIndex
        let result: BuildResult
        do {
            result = try Builder.build(options)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        emit(result.diagnostics, format: format)
        if timings {
            for stage in result.report.stages { printError(String(format: "stage %@ %.3fs", stage.name, stage.seconds)) }
            printError(String(format: "search-cpu %.3fs (analysis and indexing, all threads; mostly inside render)", result.report.searchCPUSeconds))
        }
        guard result.succeeded else {
            printError("build failed: \(DiagnosticFormatter.summary(result.diagnostics)); public/ was left as it was")
            throw ExitCode.failure
        }
        if !quiet, result.report.upToDate {
            let report = result.report
            printError(String(
                format: "up to date: nothing changed since the last build (%d entries, %d pages, %d replies) in %@; --force rebuilds",
                report.entries, report.pages, report.replies, report.output?.path ?? ""))
        } else if !quiet {
            let report = result.report
            let where_ = report.output.map { " → \($0.path)" } ?? ""
            printError(String(
                format: "built %d entries, %d pages, %d replies, %d warnings in %.2f s%@",
                report.entries, report.pages, report.replies, result.diagnostics.warningCount, report.seconds, where_))
        }
    }
}
