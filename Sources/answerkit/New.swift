import AnswerKit
import ArgumentParser
import Foundation

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a draft entry at content/<locale>/<category>/<slug>.md.",
        discussion: "Creates the category's _index.md too when the category is new. Never overwrites a file.")

    @Argument(help: ArgumentHelp("Where the entry goes, e.g. ar/billing/refund-status.", valueName: "locale/category/slug"))
    var path: String

    @Option(help: "The entry's title: the customer's question.")
    var title: String

    @OptionGroup var site: SiteOptions

    func run() throws {
        guard let key = Scaffold.parseEntryPath(path) else {
            throw ValidationError("'\(path)' is not <locale>/<category>/<slug>, e.g. en/billing/refund-status")
        }
        let (loaded, diagnostics) = ConfigLoader.load(root: site.rootURL)
        guard let config = loaded else {
            emit(diagnostics, format: .text)
            throw ExitCode.failure
        }
        guard config.locale(key.locale) != nil else {
            throw ValidationError("unknown locale '\(key.locale)'; configured: \(config.locales.map(\.code).joined(separator: ", "))")
        }
        for part in [key.category, key.slug] where !Slug.isValid(part) {
            throw ValidationError("'\(part)' is not a valid slug; try '\(Slug.make(part))'")
        }
        let content = config.resolve(config.contentPath, root: site.rootURL)
        let folder = content.appendingPathComponent("\(key.locale)/\(key.category)")
        let file = folder.appendingPathComponent("\(key.slug).md")
        let manager = FileManager.default
        guard !manager.fileExists(atPath: file.path) else {
            printError("error: \(config.contentPath)/\(key.locale)/\(key.category)/\(key.slug).md already exists")
            throw ExitCode.failure
        }
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        let index = folder.appendingPathComponent("_index.md")
        if !manager.fileExists(atPath: index.path) {
            try Scaffold.category(slug: key.category).write(to: index, atomically: true, encoding: .utf8)
            print("created \(config.contentPath)/\(key.locale)/\(key.category)/_index.md")
        }
        try Scaffold.entry(key: key, title: title, today: .today()).write(to: file, atomically: true, encoding: .utf8)
        print("created \(config.contentPath)/\(key.locale)/\(key.category)/\(key.slug).md")
    }
}
