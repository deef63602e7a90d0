import AnswerKit
import ArgumentParser

struct ExportCSV: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "Write the replies as CSV (RFC 4180, UTF-8) for spreadsheets and other help desks.",
        discussion: """
            One row per reply with its id, locale, channel, kind, question, text, placeholders, \
            URL, lengths and approval. --excel adds a byte-order mark so Excel reads UTF-8, and \
            quotes cells that start like a formula (= + - @) with a leading apostrophe.
            """)

    @OptionGroup var site: SiteOptions
    @OptionGroup var options: BundleOptions

    @Flag(help: "For Excel: UTF-8 byte-order mark and formula-safe cells.")
    var excel = false

    func run() throws {
        let bundle = try options.load(root: site.rootURL)
        try options.write(CSVExport.csv(bundle, excel: excel))
    }
}
