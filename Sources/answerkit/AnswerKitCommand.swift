import AnswerKit
import ArgumentParser

/// The `answerkit` command.
///
/// Every subcommand names itself (`commandName`): otherwise ArgumentParser derives
/// each name from `String(describing:)` of its type, and the runtime's conformance
/// lookups behind that cost ~2 ms of every run in a binary this size.
@main
struct AnswerKitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "answerkit",
        abstract: "Build a searchable help site and an approved-reply bundle from Markdown FAQ entries.",
        discussion: """
            A knowledge base is a folder with answerkit.yml, content/<locale>/<category>/<slug>.md \
            entries and a templates/ theme. 'answerkit build' writes the site and snippets.json to public/.
            Start with 'answerkit init my-help' or run it inside the sample knowledge base.
            """,
        version: Builder.version,
        subcommands: [Build.self, Check.self, Count.self, Diff.self, Export.self, Init.self, MCP.self, New.self, Reply.self, Search.self, Serve.self],
        defaultSubcommand: nil
    )
}
