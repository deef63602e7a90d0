import AnswerKit
import ArgumentParser
import Foundation

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new knowledge base: answerkit.yml, one entry per locale and the default theme.",
        discussion: "Refuses to write into a folder that already has an answerkit.yml.")

    @Argument(help: ArgumentHelp("The folder to create (default: the current folder).", valueName: "dir"))
    var directory: String = "."

    @Option(help: "Site title.")
    var title: String = "Help Center"

    func run() throws {
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        if FileManager.default.fileExists(atPath: root.appendingPathComponent(ConfigLoader.fileName).path) {
            printError("error: \(root.path) already has \(ConfigLoader.fileName)")
            throw ExitCode.failure
        }
        let files = Scaffold.knowledgeBase(title: title, today: .today())
        for file in files {
            let url = root.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard !FileManager.default.fileExists(atPath: url.path) else { continue }
            try file.contents.write(to: url)
        }
        print("created a knowledge base with \(files.count) files in \(root.path)")
        print("next: cd \(directory) && answerkit build")
    }
}
