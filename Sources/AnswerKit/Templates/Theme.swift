import Foundation
import Yams

/// The templates, interface strings and assets of a theme, loaded and checked.
public struct Theme: Sendable {
    /// Parsed templates, registered by path without extension (`entry`, `partials/header`).
    public var library: TemplateLibrary
    /// Interface strings by locale, each already merged over the default locale's.
    public var strings: [String: [String: String]]
    /// Files under `assets/`, relative to it, sorted.
    public var assets: [String]
    /// Short content hashes of the assets, for cache-busting query strings.
    public var assetVersions: [String: String]
    /// The theme folder.
    public var directory: URL
    /// Files of `agent/` other than templates (the agent console's script and
    /// styles, copied to `public/agent/`), with short content hashes.
    public var agentFiles: [String: String] = [:]

    /// The templates every site needs.
    public static let requiredTemplates = ["root", "home", "category", "entry", "tags", "tag", "search", "404"]

    /// Interface strings of `locale`.
    public func strings(for locale: String) -> [String: String] {
        strings[locale] ?? [:]
    }
}

/// Loads a theme folder, reporting template syntax errors with their positions.
public enum ThemeLoader {
    /// Loads the theme at `directory`; `displayPath` names it in diagnostics (`templates`).
    public static func load(_ directory: URL, displayPath: String, config: SiteConfig) -> (Theme?, Diagnostics) {
        var diagnostics = Diagnostics()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return (nil, Diagnostics([.error(
                "no-templates", at: SourceLocation(path: displayPath), "template folder not found",
                notes: ["set paths.templates in answerkit.yml, or run 'answerkit init' to get the default theme"])]))
        }
        let files = (try? ContentLoader.discover(directory)) ?? []
        var library = TemplateLibrary()
        var parsed: [String: Template] = [:]
        for file in files where file.hasSuffix(".mustache") {
            let path = "\(displayPath)/\(file)"
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(file).path) else { continue }
            guard case let .success(text) = TextDecoding.decode(data, path: path) else {
                if case let .failure(diagnostic) = TextDecoding.decode(data, path: path) { diagnostics.append(diagnostic) }
                continue
            }
            let name = String(file.dropLast(".mustache".count))
            do throws(Template.SyntaxError) {
                let template = try Template(text)
                library.register(template, named: name)
                parsed[name] = template
            } catch {
                diagnostics.append(.error(
                    "template-syntax", at: SourceLocation(path: path, line: error.line, column: error.column), "template error: \(error.message)"))
            }
        }
        for name in Theme.requiredTemplates where parsed[name] == nil && !diagnostics.hasErrors {
            diagnostics.append(.error("missing-template", at: SourceLocation(path: "\(displayPath)/\(name).mustache"), "template '\(name).mustache' is missing"))
        }
        for (name, template) in parsed.sorted(by: { $0.key < $1.key }) {
            for reference in template.references where !library.contains(reference) {
                diagnostics.append(.error(
                    "missing-partial", at: SourceLocation(path: "\(displayPath)/\(name).mustache"),
                    "template '\(reference)' does not exist", notes: ["templates are named by their path under \(displayPath)/ without '.mustache'"]))
            }
        }
        let (strings, stringDiagnostics) = loadStrings(directory, displayPath: displayPath, files: files, config: config)
        diagnostics.append(contentsOf: stringDiagnostics)
        let assets = files.filter { $0.hasPrefix("assets/") }.map { String($0.dropFirst("assets/".count)) }
        var versions: [String: String] = [:]
        for asset in assets {
            if let data = FileManager.default.contents(atPath: directory.appendingPathComponent("assets/\(asset)").path) {
                versions[asset] = String(ContentHash.sha256(data).prefix(10))
            }
        }
        var agentFiles: [String: String] = [:]
        for file in files where file.hasPrefix("agent/") && !file.hasSuffix(".mustache") {
            if let data = FileManager.default.contents(atPath: directory.appendingPathComponent(file).path) {
                agentFiles[String(file.dropFirst("agent/".count))] = String(ContentHash.sha256(data).prefix(10))
            }
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (Theme(
            library: library, strings: strings, assets: assets, assetVersions: versions, directory: directory, agentFiles: agentFiles), diagnostics)
    }

    /// Reads `i18n/<locale>.yml` for every locale and merges each over the default locale.
    static func loadStrings(_ directory: URL, displayPath: String, files: [String], config: SiteConfig) -> ([String: [String: String]], Diagnostics) {
        var diagnostics = Diagnostics()
        var raw: [String: [String: String]] = [:]
        for locale in config.locales {
            let file = "i18n/\(locale.code).yml"
            let path = "\(displayPath)/\(file)"
            guard files.contains(file), let data = FileManager.default.contents(atPath: directory.appendingPathComponent(file).path) else { continue }
            switch TextDecoding.decode(data, path: path) {
            case let .failure(diagnostic): diagnostics.append(diagnostic)
            case let .success(text):
                let document = YAMLDocument(parsing: text, path: path)
                diagnostics.append(contentsOf: document.diagnostics)
                guard let root = document.root else { continue }
                guard case let .mapping(mapping) = root else {
                    diagnostics.append(.error("yaml-type", at: root.location(in: path, lineOffset: 0), "interface strings must be a mapping of keys to texts"))
                    continue
                }
                var strings: [String: String] = [:]
                for (key, value) in mapping {
                    guard let name = key.string, let string = value.string else {
                        diagnostics.append(.error("yaml-type", at: value.location(in: path, lineOffset: 0), "each interface string must be a single text"))
                        continue
                    }
                    strings[name] = string
                }
                raw[locale.code] = strings
            }
        }
        let fallback = raw[config.defaultLocale] ?? [:]
        var merged: [String: [String: String]] = [:]
        for locale in config.locales {
            let own = raw[locale.code] ?? [:]
            let missing = fallback.keys.filter { own[$0] == nil }.sorted()
            if !missing.isEmpty, locale.code != config.defaultLocale {
                let path = "\(displayPath)/i18n/\(locale.code).yml"
                diagnostics.append(.warning(
                    "missing-translation", at: SourceLocation(path: path),
                    own.isEmpty ? "no interface strings for '\(locale.code)'; \(config.defaultLocale) strings are used"
                        : "\(missing.count) interface string\(missing.count == 1 ? "" : "s") missing; \(config.defaultLocale) text is used",
                    notes: own.isEmpty ? [] : ["missing: \(missing.prefix(12).joined(separator: ", "))\(missing.count > 12 ? ", …" : "")"]))
            }
            merged[locale.code] = fallback.merging(own) { _, new in new }
        }
        return (merged, diagnostics)
    }
}
