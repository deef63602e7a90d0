import AnswerKit
import Foundation

/// How `answerkit serve` builds, listens and watches.
public struct ServeOptions: Sendable {
    /// Hugo's default port, so writers coming from `hugo server` find it where they expect.
    public static let defaultPort: UInt16 = 1313
    /// The loopback interface: nothing outside this machine can connect.
    public static let defaultHost = "127.0.0.1"
    /// The folder in the site root that holds the served build (gitignored as `.answerkit-*/`).
    public static let outputFolder = ".answerkit-serve"
    /// The Server-Sent Events endpoint the injected script listens to.
    public static let eventsPath = "/__answerkit/events"
    /// The live-reload script, referenced by the tag injected into every served HTML page.
    public static let scriptPath = "/__answerkit/reload.js"

    /// The site root (holds `answerkit.yml`).
    public var root: URL
    /// Interface to listen on: an IPv4 or IPv6 address, or `localhost`.
    public var host = ServeOptions.defaultHost
    /// TCP port; 0 picks a free one (the chosen port is in `DevServer.url`).
    public var port = ServeOptions.defaultPort
    /// Publish draft entries (they carry the theme's draft marker).
    public var includeDrafts = false
    /// Where the served build goes; `nil` means `<root>/.answerkit-serve/public`.
    ///
    /// Never `public/`: a drafts build must not replace the site `build` made.
    public var output: URL?
    /// Watch by scanning modification times instead of inotify.
    public var polling = false
    /// Quiet period after the last file event before a rebuild starts.
    public var debounce: Duration = .milliseconds(20)
    /// Time between two scans of the polling watcher.
    public var pollInterval: Duration = .milliseconds(500)
    /// How long requests being answered get to finish when the server stops. FlyingFox
    /// waits this long in any case (closing its listening socket does not wake it).
    public var shutdownGrace: Duration = .milliseconds(500)
    /// The day review dates are judged against; `nil` means `Day.today()` at each build
    /// (which honours `SOURCE_DATE_EPOCH`), so a server left running over midnight stays right.
    public var today: Day?

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    /// The folder the server builds into and serves from.
    public var outputDirectory: URL {
        (output ?? root.appendingPathComponent(ServeOptions.outputFolder).appendingPathComponent("public")).standardizedFileURL
    }

    /// Whether `host` only accepts connections from this machine.
    public var isLoopback: Bool {
        ["127.0.0.1", "::1", "localhost"].contains(host) || host.hasPrefix("127.")
    }
}
