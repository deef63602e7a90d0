import AnswerKit
import ArgumentParser
import Foundation

struct Reply: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reply",
        abstract: "Print the approved reply that best answers a customer's question, filled in and measured.",
        discussion: """
            Searches the built bundle (public/snippets.json) with the site search's analyzers and the \
            agent console's ranking, fills the reply's {{placeholders}} with --set values (or the \
            defaults declared in answerkit.yml) and measures it by its channel's rule, as \
            'answerkit count' does. Prints the text, then its length, title, URL, owner and review date. \
            Replies past their review date are never offered. Exit status 1 when nothing matches or the \
            best reply needs a value that was not given or is not allowed (the error names it), 2 when \
            the bundle cannot be read.
            """)

    @Argument(help: "The customer's question or a few words of it.")
    var query: String

    @Option(name: .shortAndLong, help: "Only replies in this locale.")
    var locale: String?

    @Option(name: .shortAndLong, help: "Only replies for this channel (replies for 'any' included); measures on it.")
    var channel: String?

    @Option(help: "Only replies of this kind (answer, acknowledge, follow-up, private, escalate).")
    var kind: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("A placeholder value (repeatable).", valueName: "name=value"))
    var values: [String] = []

    @Flag(help: "List the next best replies too.")
    var all = false

    @Option(help: "With --all: the most replies to list.")
    var limit: Int = 10

    @Option(help: ArgumentHelp("The bundle to read (default: snippets.json in the site's output folder).", valueName: "file"))
    var bundle: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @OptionGroup var site: SiteOptions

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
        for value in values where !value.contains("=") {
            throw ValidationError("--set takes name=value, e.g. --set customer_handle=@sam (got '\(value)')")
        }
    }

    func run() throws {
        let url = BundleOptions.bundleURL(bundle, root: site.rootURL)
        let snippets: SnippetBundle
        do {
            snippets = try SnippetBundle.read(from: url, displayPath: bundle ?? url.path)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        var variables: [String: String] = [:]
        for value in values {
            let parts = value.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            variables[String(parts[0])] = String(parts[1])
        }
        let request = ReplyLookup.Request(
            query: query, filter: ReplyFilter(locale: locale, channel: channel, kind: kind), variables: variables, limit: all ? limit : 1)
        let lookup = ReplyLookup(request, in: snippets, today: .today())
        let declarations = snippets.placeholders ?? [:]
        switch format {
        case .json:
            FileHandle.standardOutput.write(Data(JSONWriter.bytes(lookup.json(declarations: declarations))))
        case .text:
            let text = lookup.text(all: all)
            if !text.isEmpty { print(text, terminator: "") }
        }
        if let message = lookup.errorMessage(declarations: declarations) {
            printError(message)
            throw ExitCode.failure
        }
    }
}
