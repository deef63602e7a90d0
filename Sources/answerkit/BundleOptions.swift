import AnswerKit
import ArgumentParser
import Foundation

/// `--bundle`, `--locale`, `--channel` and `--output`, shared by the commands that read a built bundle.
struct BundleOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The bundle to read (default: snippets.json in the site's output folder).", valueName: "file"))
    var bundle: String?

    @Option(help: "Only replies of this locale.")
    var locale: String?

    @Option(help: "Only replies for this channel (replies for 'any' included).")
    var channel: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    /// The bundle file: `--bundle`, else `<paths.public>/snippets.json` of the site at `root`.
    func bundleURL(root: URL) -> URL {
        Self.bundleURL(bundle, root: root)
    }

    /// The bundle file: `bundle`, else `<paths.public>/snippets.json` of the site at `root`.
    static func bundleURL(_ bundle: String?, root: URL) -> URL {
        if let bundle { return URL(fileURLWithPath: bundle).standardizedFileURL }
        let config = ConfigLoader.load(root: root).0
        let publicPath = config?.publicPath ?? "public"
        let folder = config?.resolve(publicPath, root: root) ?? root.appendingPathComponent(publicPath)
        return folder.appendingPathComponent("snippets.json")
    }

    /// The bundle's replies still approved today, narrowed to `--locale` and `--channel`;
    /// exits with status 1 and a message when the bundle cannot be read.
    func load(root: URL, today: Day = .today()) throws -> SnippetBundle {
        do {
            let bundle = try SnippetBundle.read(from: bundleURL(root: root), displayPath: self.bundle)
            return bundle.current(on: today).selecting(locale: locale, channel: channel)
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
    }

    /// Writes `text` to `--output` (atomically) or standard output.
    func write(_ text: String) throws {
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
    }
}
