import AnswerKit
import ArgumentParser
import Foundation

struct ExportZendeskMacros: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zendesk-macros",
        abstract: "Write Zendesk macros as JSON: one macro per reply, the reply as a comment action.",
        discussion: """
            The document is {"macros": [...]}; send each element as {"macro": …} to \
            POST /api/v2/macros. {{name}} placeholders become [[name]] for the agent to replace, \
            unless mapped to a Zendesk placeholder with --map name=ticket.requester.first_name.
            """)

    @OptionGroup var site: SiteOptions
    @OptionGroup var options: BundleOptions

    @Option(name: .customLong("map"), help: ArgumentHelp("Map a placeholder to a Zendesk placeholder (repeatable).", valueName: "name=zendesk.placeholder"))
    var mappings: [String] = []

    func run() throws {
        var mapping: [String: String] = [:]
        for item in mappings {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, Placeholder.isName(parts[0]), !parts[1].isEmpty else {
                throw ValidationError("--map takes name=zendesk.placeholder, e.g. name=ticket.requester.first_name, not '\(item)'")
            }
            mapping[parts[0]] = parts[1]
        }
        let bundle = try options.load(root: site.rootURL)
        try options.write(String(decoding: JSONWriter.bytes(ZendeskMacroExport.json(bundle, mapping: mapping)), as: UTF8.self))
    }
}
