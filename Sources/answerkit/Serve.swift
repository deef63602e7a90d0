import AnswerKit
import AnswerKitServer
import ArgumentParser
import Foundation

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it locally, and rebuild and reload the browser on every change.",
        discussion: """
            Serves the site at http://127.0.0.1:\(ServeOptions.defaultPort)/ (plus the base path of baseURL, \
            e.g. /help/). The site is built into \(ServeOptions.outputFolder)/public in the knowledge base \
            (gitignored as .answerkit-*/), never into public/, so a drafts build cannot replace the site \
            'answerkit build' made.

            answerkit.yml, content/ and templates/ (or the configured paths) are watched with inotify on \
            Linux, or by scanning modification times every 0.5 s elsewhere and with --poll. After a \
            change (20 ms quiet period) the site is rebuilt and open pages reload: the server adds a \
            <script src="\(ServeOptions.scriptPath)"> tag before </body> of every HTML page it sends \
            (never to the files on disk), which listens to Server-Sent Events at \(ServeOptions.eventsPath) \
            (events: hello, reload, build-error).

            Rebuilds are incremental: the server keeps the last build in memory and makes again only \
            what a change affects (the edited entry's page, its translations' language switchers, its \
            category, tag and home lists when its title or summary changed, its search shards, the \
            reply bundles when a reply changed, the sitemap and feeds when dates changed), with output \
            identical to a full build. A change to answerkit.yml or the theme rebuilds everything.

            When a build fails, its problems are printed here as path:line:column: error: message and \
            shown over the page in the browser, and the last good build keeps being served; the next \
            good build reloads the page and clears them. Only files inside the output folder are served \
            ('..', encoded separators and links out of it get 404); folders serve their index.html, \
            and misses get the site's 404 page (/<locale>/404.html under a locale, else /404.html). \
            Responses carry Cache-Control: no-cache.

            Ctrl-C (SIGINT) or SIGTERM stops the server cleanly. \
            Set SOURCE_DATE_EPOCH to judge review dates against a fixed day.
            """)

    @OptionGroup var site: SiteOptions

    @Option(help: ArgumentHelp("Port to listen on; 0 picks a free one.", valueName: "port"))
    var port: UInt16 = ServeOptions.defaultPort

    @Option(help: ArgumentHelp(
        "Interface to listen on: an IP address or localhost. Anything but loopback (e.g. 0.0.0.0) lets other machines read the site, drafts included, and prints a warning.",
        valueName: "address"))
    var host: String = ServeOptions.defaultHost

    @Flag(help: "Publish draft entries too (they show a draft marker). Drafts never reach public/ this way.")
    var drafts = false

    @Option(name: .shortAndLong, help: ArgumentHelp(
        "Folder to build into and serve (default: \(ServeOptions.outputFolder)/public in the knowledge base). It is replaced on every build.",
        valueName: "dir"))
    var output: String?

    @Flag(help: "Watch by scanning modification times every 0.5 s instead of inotify (network or container file systems).")
    var poll = false

    func run() async throws {
        var options = ServeOptions(root: site.rootURL)
        options.port = port
        options.host = host
        options.includeDrafts = drafts
        options.output = output.map { URL(fileURLWithPath: $0).standardizedFileURL }
        options.polling = poll
        // Catch the signals before the first build, so Ctrl-C during it still stops cleanly.
        let shutdown = Task { await ShutdownSignal.wait() }
        let server = DevServer(options: options) { event in printError(event.text) }
        do {
            try await server.start()
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
        _ = await shutdown.value
        await server.stop()
    }
}
