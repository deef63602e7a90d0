import AnswerKit
import AnswerKitMCP
import ArgumentParser
import Foundation

struct MCP: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the approved replies to AI agents over the Model Context Protocol (stdio).",
        discussion: """
            Tools: search_replies (query, locale, channel → ranked replies with URL and approval), \
            get_reply (id, variables → filled text and length), count_length (channel, text). \
            Resources: answerkit://snippets.json and answerkit://<locale>/snippets.json. Replies past \
            their review date are never served. Configure your MCP client to run \
            'answerkit mcp --bundle /path/to/public/snippets.json'.
            """)

    @OptionGroup var site: SiteOptions

    @Option(help: ArgumentHelp("The bundle to serve (default: snippets.json in the site's output folder).", valueName: "file"))
    var bundle: String?

    func run() async throws {
        let options = try BundleOptions.parse(bundle.map { ["--bundle", $0] } ?? [])
        let url = options.bundleURL(root: site.rootURL)
        // Fail before speaking MCP when the bundle cannot be read.
        do {
            _ = try SnippetBundle.read(from: url, displayPath: bundle ?? url.path)
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
        try await ReplyServer.run(bundle: url, displayPath: bundle ?? url.path, version: Builder.version)
    }
}
