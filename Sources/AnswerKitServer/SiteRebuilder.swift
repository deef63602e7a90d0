import AnswerKit
import Foundation

/// The outcome of one build of the dev server.
enum RebuildOutcome: Sendable {
    /// The site was built into the output folder.
    case built(BuildResult, basePath: String)
    /// Errors in the input: nothing was written, the previous build stays.
    case failed(Diagnostics)
    /// The tool itself failed (unreadable folder, disk full).
    case toolFailure(BuildFailure)
}

/// Builds the site for `serve`: a full build first, then incremental builds
/// (`Builder.rebuild`) that make only what each batch of changes affects, from
/// the memory the previous build left. The only place the dev server calls the builder.
final class SiteRebuilder: Sendable {
    let options: ServeOptions
    /// What the last build left for the next; rebuilds never overlap (the server queues them).
    private let memory = Protected<BuildMemory?>(nil)

    init(options: ServeOptions) {
        self.options = options
    }

    /// Builds the site after `changes` (everything on the first build) and reads the
    /// config again for what the server itself needs (base path, watched folders).
    func build(after changes: ChangeSet) -> (outcome: RebuildOutcome, config: SiteConfig?) {
        var build = BuildOptions(root: options.root, today: options.today ?? .today())
        build.output = options.outputDirectory
        build.includeDrafts = options.includeDrafts
        let config = ConfigLoader.load(root: options.root).0
        do throws(BuildFailure) {
            let previous = memory.withLock { $0 }
            let (result, next) = try Builder.rebuild(build, memory: previous, changed: changes.everything ? nil : changes.paths)
            memory.withLock { $0 = next }
            // ANSWERKIT_TIMINGS=1 prints each stage of every build to stderr (profiling).
            if ProcessInfo.processInfo.environment["ANSWERKIT_TIMINGS"] == "1" {
                let stages = result.report.stages.map { String(format: "%@ %.1f", $0.name, $0.seconds * 1000) }.joined(separator: ", ")
                FileHandle.standardError.write(Data("stages (ms): \(stages)\n".utf8))
            }
            guard result.succeeded else { return (.failed(result.diagnostics), config) }
            return (.built(result, basePath: config?.basePath ?? "/"), config)
        } catch {
            // The output may be half-written: start again from a full build.
            memory.withLock { $0 = nil }
            return (.toolFailure(error), config)
        }
    }
}
