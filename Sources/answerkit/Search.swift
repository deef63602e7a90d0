import AnswerKit
import ArgumentParser
import Foundation

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the built site's index, ranked exactly as the site's search box ranks.",
        discussion: """
            Reads public/search/<locale>/ (run 'answerkit build' first) with the same analysis \
            (diacritics, prefixes and suffixes, Turkish dotted and dotless i) and ranking as the \
            browser. The last word also matches as a prefix unless the query ends with a space; \
            words of five letters or more tolerate one typo. \
            With --format json, prints [{"id","locale","title","url","score"}] in rank order.
            """)

    @Argument(help: "The query.")
    var query: String

    @Option(name: .shortAndLong, help: "The locale to search (default: the site's default locale).")
    var locale: String?

    @Option(help: "The most results to print.")
    var limit: Int = 10

    @Option(name: .shortAndLong, help: ArgumentHelp("The built site (default: paths.public of answerkit.yml).", valueName: "dir"))
    var output: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @OptionGroup var site: SiteOptions

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        var folder = output.map { URL(fileURLWithPath: $0) }
        var locale = self.locale
        var absolute: (String) -> String = { $0 }
        let configURL = site.rootURL.appendingPathComponent(ConfigLoader.fileName)
        if FileManager.default.fileExists(atPath: configURL.path) {
            let (config, diagnostics) = ConfigLoader.load(root: site.rootURL)
            guard let config else {
                emit(diagnostics, format: .text)
                throw ExitCode(2)
            }
            folder = folder ?? config.resolve(config.publicPath, root: site.rootURL)
            let urls = URLScheme(config: config)
            absolute = { urls.absolute($0) }
            locale = locale ?? config.defaultLocale
            if let code = locale, config.locale(code) == nil {
                throw ValidationError("unknown locale '\(code)'; locales: \(config.locales.map(\.code).joined(separator: ", "))")
            }
        }
        guard let folder else { throw ValidationError("no answerkit.yml here: pass --output <built site>") }
        guard let locale else { throw ValidationError("no answerkit.yml here: pass --locale") }
        let hits: [SearchHit]
        do {
            hits = try SearchEngine(locale: locale, site: folder).search(query, limit: limit)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        switch format {
        case .json:
            let rows: [JSONValue] = hits.map { hit in
                .object([
                    ("id", .string(hit.id)), ("locale", .string(hit.locale)), ("title", .string(hit.title)),
                    // Shortest round-trip form, as JavaScript prints the same double.
                    ("url", .string(absolute(hit.url))), ("score", .raw(Array("\(hit.score)".utf8))),
                ])
            }
            FileHandle.standardOutput.write(Data(JSONWriter.bytes(.array(rows))))
        case .text:
            if hits.isEmpty { printError("no results for '\(query)' in \(locale)") }
            for (rank, hit) in hits.enumerated() {
                print("\(rank + 1). \(hit.title)  [\(SearchHit.format(hit.score))]")
                print("   \(absolute(hit.url))")
            }
        }
    }
}
