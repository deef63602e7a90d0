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

            Build cache: each build leaves in .answerkit-cache/ (beside answerkit.yml, one \
            folder per output folder) what the next one needs to make again only the pages, \
            search shards and bundles an edit affects, each file replaced atomically; the \
            output is the same as a full build's. A full build is made instead, and the \
            summary says why, when there is no cache, when it is unreadable or was written by \
            another answerkit binary, when answerkit.yml, the theme, the options or the day \
            review dates are judged against changed, or when the output folder was replaced \
            or deleted since. Edits made inside the \
            output folder by hand are not detected: --force builds everything (and writes \
            the cache afresh). Deleting .answerkit-cache/ is always safe.
            """)

    @OptionGroup var site: SiteOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("Output folder (default: paths.public of answerkit.yml).", valueName: "dir"))
    var output: String?

    @Flag(help: "Publish draft entries too (marked as drafts).")
    var drafts = false

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Flag(help: "Build everything, ignoring the build cache (which is written afresh).")
    var force = false

    @Flag(help: "Print the time of each stage.")
    var timings = false

    /// For benchmarks only (bench/search/run.sh): the build without analysis and `search/`.
    @Flag(help: .hidden)
    var noSearchIndex = false

    /// For benchmarks only (bench/search/index_time.py): a full build that neither reads
    /// nor writes the build cache, so builds with and without the index do the same work
    /// apart from the index.
    @Flag(help: .hidden)
    var noCache = false

    @Flag(name: .shortAndLong, help: "Print only problems.")
    var quiet = false

    @Option(help: "Format of the problems: text or json.")
    var format: OutputFormat = .text

    /// The last line of a build: what was made, and whether only what changed was.
    static func summary(_ result: BuildResult) -> String {
        let report = result.report
        let where_ = report.output.map { " → \($0.path)" } ?? ""
        let site = String(
            format: "%d entries, %d pages, %d replies, %d warnings in %.2f s%@",
            report.entries, report.pages, report.replies, result.diagnostics.warningCount, report.seconds, where_)
        guard let incremental = report.incremental else { return "built " + site }
        if let reason = incremental.fullBuildReason { return "built \(site) (full build: \(reason))" }
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        return "rebuilt \(count(incremental.pagesRendered, "page")), \(count(incremental.filesWritten, "file")) (incremental) of \(site)"
    }

    func run() throws {
        var options = BuildOptions(root: site.rootURL)
        options.output = output.map { URL(fileURLWithPath: $0).standardizedFileURL }
        options.includeDrafts = drafts
        options.strict = strict
        // The cache holds the search postings: a build without the index is not cached.
        options.useCache = !noSearchIndex && !noCache
        options.force = force
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
            for stage in result.report.stages { printError(String(format: "stage %@ %.3fs (cpu %.3fs)", stage.name, stage.seconds, stage.cpuSeconds)) }
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
            printError(Self.summary(result))
        }
    }
}
