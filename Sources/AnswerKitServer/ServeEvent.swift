import AnswerKit
import Foundation

/// Something the dev server reports to the terminal.
public enum ServeEvent: Sendable {
    /// Listening and watching.
    case listening(url: String, output: URL, watcher: String)
    /// Listening on an interface other machines can reach.
    case exposed(host: String)
    /// inotify could not start; polling instead.
    case watcherFallback(reason: String)
    /// A build succeeded (`changes` is `nil` for the first build).
    case built(BuildReport, warnings: Diagnostics, changes: ChangeSet?, seconds: Double)
    /// A build found errors; the previous build is still served.
    case failed(Diagnostics, changes: ChangeSet?)
    /// The tool itself failed while building.
    case toolFailure(BuildFailure)
    /// Shut down.
    case stopped

    /// The lines printed for the event (diagnostics compiler-style, as `answerkit build` prints them).
    public var text: String {
        switch self {
        case let .listening(url, output, watcher):
            return """
                serving \(url) (press Ctrl-C to stop)
                  output: \(output.path) (public/ is left alone)
                  watching answerkit.yml, content and templates with \(watcher); \
                browsers reload through \(ServeOptions.eventsPath)
                """
        case let .exposed(host):
            return "warning: listening on \(host): anyone who can reach this machine can read the site, drafts included"
        case let .watcherFallback(reason):
            return "warning: inotify is not available (\(reason)); watching by polling instead"
        case let .built(report, warnings, changes, seconds):
            let what = String(format: "%d entries, %d pages, %d replies in %.0f ms", report.entries, report.pages, report.replies, seconds * 1000)
            var line = changes.map { "\($0.summary) changed: rebuilt \(what)" } ?? "built \(what)"
            if let incremental = report.incremental {
                if let reason = incremental.fullBuildReason {
                    line += " (everything: \(reason))"
                } else if report.upToDate {
                    line += " (nothing changed)"
                } else {
                    line += " (\(incremental.pagesRendered) pages made again, \(incremental.filesWritten) files written, \(incremental.filesRemoved) removed)"
                }
            }
            return DiagnosticFormatter.text(warnings) + line
        case let .failed(diagnostics, changes):
            let prefix = changes.map { "\($0.summary) changed: " } ?? ""
            return DiagnosticFormatter.text(diagnostics)
                + "\(prefix)build failed (\(DiagnosticFormatter.summary(diagnostics))); still serving the last good build"
        case let .toolFailure(failure):
            return "error: \(failure); still serving the last good build"
        case .stopped:
            return "stopped"
        }
    }
}

/// Why the dev server could not start.
public struct ServeFailure: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable {
        /// No `answerkit.yml` in the root.
        case notAKnowledgeBase(String)
        /// `--host` is not an IP address or `localhost`.
        case invalidHost(String)
        /// The output folder would overwrite the site's sources.
        case unsafeOutput(String)
        /// Binding the port failed.
        case cannotListen(String, String)
    }

    public var reason: Reason

    public init(_ reason: Reason) { self.reason = reason }

    public var description: String {
        switch reason {
        case let .notAKnowledgeBase(path): "no \(ConfigLoader.fileName) in \(path); run 'answerkit init' or pass --root"
        case let .invalidHost(host): "--host takes an IP address such as 127.0.0.1, 0.0.0.0 or ::1, or localhost; got '\(host)'"
        case let .unsafeOutput(why): why
        case let .cannotListen(address, why): "cannot listen on \(address): \(why); is another server running there? pick another port with --port"
        }
    }
}
