import AnswerKit
import ArgumentParser

struct ExportEspanso: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "espanso",
        abstract: "Write an Espanso match file: type :<entry>-<channel> to expand a reply anywhere.",
        discussion: """
            Triggers are :<entry>-<channel>[-<kind>][-<n>][-<locale>], e.g. :refund-status-tw or \
            :refund-status-tw-ack; they expand after a space. Placeholders become the fields of an \
            Espanso form. Save the file in Espanso's match folder (espanso path).
            """)

    @OptionGroup var site: SiteOptions
    @OptionGroup var options: BundleOptions

    func run() throws {
        let bundle = try options.load(root: site.rootURL)
        try options.write(EspansoExport.yaml(bundle))
    }
}
