import AnswerKit
import ArgumentParser
import Foundation

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed between two snippet bundles, reply by reply.",
        discussion: """
            Lists replies added, removed, with changed text, and approved again (approved_on changed), \
            matched by id, e.g. for a changelog. Exit status as diff(1): 0 when the bundles hold the \
            same replies, 1 when they differ, 2 when a bundle cannot be read.
            """)

    @Argument(help: ArgumentHelp("The earlier bundle.", valueName: "old.json"))
    var old: String

    @Argument(help: ArgumentHelp("The later bundle.", valueName: "new.json"))
    var new: String

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let before: SnippetBundle
        let after: SnippetBundle
        do {
            before = try SnippetBundle.read(from: URL(fileURLWithPath: old), displayPath: old)
            after = try SnippetBundle.read(from: URL(fileURLWithPath: new), displayPath: new)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        let diff = BundleDiff.compare(before, after)
        switch format {
        case .text: print(diff.text, terminator: "")
        case .json: FileHandle.standardOutput.write(Data(JSONWriter.bytes(diff.json)))
        }
        if !diff.isEmpty { throw ExitCode(1) }
    }
}
