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

/// Builds the site for `serve`.
///
/// The only place the dev server calls the builder: a full `Builder.build`
/// into the serve output folder today; an incremental build can take its
/// place here, using `changes`, without touching the rest of the server.
struct SiteRebuilder: Sendable {
    var options: ServeOptions

    /// Builds the site after `changes` (everything on the first build) and reads the
    /// config again for what the server itself needs (base path, watched folders).
    func build(after changes: ChangeSet) -> (outcome: RebuildOutcome, config: SiteConfig?) {
        var build = BuildOptions(root: options.root, today: options.today ?? .today())
        build.output = options.outputDirectory
        build.includeDrafts = options.includeDrafts
        let config = ConfigLoader.load(root: options.root).0
        do {
            let result = try Builder.build(build)
            guard result.succeeded else { return (.failed(result.diagnostics), config) }
            return (.built(result, basePath: config?.basePath ?? "/"), config)
        } catch {
            return (.toolFailure(error), config)
        }
    }
}
