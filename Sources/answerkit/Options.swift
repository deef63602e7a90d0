import AnswerKit
import ArgumentParser
import Foundation

/// `--root`, shared by every command that reads a knowledge base.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The knowledge base folder (with answerkit.yml).", valueName: "dir"))
    var root: String = "."

    var rootURL: URL { URL(fileURLWithPath: root).standardizedFileURL }
}

/// Output format of a command.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

/// Prints diagnostics in the chosen format (text to stderr, JSON to stdout).
func emit(_ diagnostics: Diagnostics, format: OutputFormat) {
    switch format {
    case .text:
        let text = DiagnosticFormatter.text(diagnostics)
        if !text.isEmpty { printError(text) }
    case .json:
        print(DiagnosticFormatter.json(diagnostics), terminator: "")
    }
}
