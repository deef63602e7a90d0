import AnswerKit
import Foundation

/// One message on the `text/event-stream` the live-reload script listens to.
///
/// Encoding follows the HTML Living Standard's event-stream format: an
/// `event:` line, one `data:` line per line of payload (the browser joins them
/// with `\n`), and a blank line to dispatch.
public struct ServerSentEvent: Sendable, Equatable {
    /// The event type (`hello`, `reload`, `build-error`); `nil` for a comment (keep-alive).
    public var name: String?
    /// The payload, usually one JSON document.
    public var data: String

    public init(name: String?, data: String) {
        self.name = name
        self.data = data
    }

    /// The bytes on the wire.
    public var encoded: [UInt8] {
        guard let name else { return Array(": \(data)\n\n".utf8) }
        var text = "event: \(name)\n"
        for line in data.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            text += "data: \(line)\n"
        }
        return Array((text + "\n").utf8)
    }

    /// Asks the browser to wait a second before reconnecting, sent once per connection.
    static let retry: [UInt8] = Array("retry: 1000\n\n".utf8)

    /// A comment that only keeps the connection alive and reveals closed ones.
    static let keepAlive = ServerSentEvent(name: nil, data: "keep-alive")

    /// The first event of each connection: which build is being served.
    static func hello(build: String) -> ServerSentEvent {
        ServerSentEvent(name: "hello", data: JSONOutput.string(BuildToken(build: build), pretty: false).trimmingCharacters(in: .newlines))
    }

    /// A good build is being served: reload.
    static func reload(build: String) -> ServerSentEvent {
        ServerSentEvent(name: "reload", data: JSONOutput.string(BuildToken(build: build), pretty: false).trimmingCharacters(in: .newlines))
    }

    /// The last build failed: show its problems.
    static func buildError(_ report: BuildErrorReport) -> ServerSentEvent {
        ServerSentEvent(name: "build-error", data: JSONOutput.string(report, pretty: false).trimmingCharacters(in: .newlines))
    }

    private struct BuildToken: Encodable {
        var build: String
    }
}

/// The problems of a failed build, as the error overlay shows them.
public struct BuildErrorReport: Sendable, Equatable, Encodable {
    /// One problem: `location` is `path:line:column` (or less, when not known).
    public struct Item: Sendable, Equatable, Encodable {
        public var location: String?
        public var severity: String
        public var message: String
        public var notes: [String]
    }

    /// `2 errors, 1 warning`.
    public var summary: String
    /// Errors and warnings in file order.
    public var diagnostics: [Item]

    /// The report of a build's diagnostics, worded as `answerkit check` prints them.
    public init(_ diagnostics: Diagnostics) {
        summary = DiagnosticFormatter.summary(diagnostics)
        self.diagnostics = diagnostics.sorted.map {
            Item(location: $0.location?.description, severity: $0.severity.rawValue, message: $0.message, notes: $0.notes)
        }
    }
}
