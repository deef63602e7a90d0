import ArgumentParser

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the approved replies of the built bundle for other tools.",
        discussion: """
            Reads public/snippets.json (or --bundle) and keeps only replies whose review date \
            has not passed today, so an export never holds more than the bundle does. \
            Run 'answerkit build' first.
            """,
        subcommands: [ExportEspanso.self, ExportZendeskMacros.self, ExportCSV.self])
}
