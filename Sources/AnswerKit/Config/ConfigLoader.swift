import Foundation
import Yams

/// Reads `answerkit.yml` into a `SiteConfig`.
public enum ConfigLoader {
    /// The file name looked for at the site root.
    public static let fileName = "answerkit.yml"

    /// Parses configuration text; `path` names the file in diagnostics.
    public static func parse(_ text: String, path: String = fileName) -> (SiteConfig?, Diagnostics) {
        let document = YAMLDocument(parsing: text, path: path)
        var diagnostics = document.diagnostics
        guard let root = document.root else {
            if !diagnostics.hasErrors {
                diagnostics.append(.error("config-empty", at: SourceLocation(path: path), "configuration is empty; it needs at least 'title'"))
            }
            return (nil, diagnostics)
        }
        var reader = MappingReader(root, path: path, lineOffset: 0, what: "the configuration")
        var config = SiteConfig(title: "")
        if let (title, _) = reader.string("title") {
            config.title = title
        } else {
            reader.report(.error("missing-title", at: SourceLocation(path: path, line: 1, column: 1), "configuration has no 'title'"))
        }
        if let (base, location) = reader.string("baseURL") {
            if base.hasPrefix("/") || URL(string: base)?.scheme.map({ ["http", "https"].contains($0) }) == true {
                config.baseURL = SiteConfig.normalizedBaseURL(base)
            } else {
                reader.report(.error("bad-base-url", at: location, "baseURL '\(base)' must be an absolute http(s) URL or a path starting with '/'"))
            }
        }
        readLocales(&reader, into: &config)
        readChannels(&reader, into: &config)
        readPlaceholders(&reader, into: &config)
        if let pathsNode = reader.value("paths") {
            var paths = MappingReader(pathsNode, path: path, lineOffset: 0, what: "'paths'")
            if let (value, _) = paths.string("content") { config.contentPath = value }
            if let (value, _) = paths.string("templates") { config.templatesPath = value }
            if let (value, _) = paths.string("public") { config.publicPath = value }
            diagnostics.append(contentsOf: paths.finish())
        }
        if let flag = reader.bool("agentConsole") { config.agentConsole = flag }
        if let markdownNode = reader.value("markdown") {
            var markdown = MappingReader(markdownNode, path: path, lineOffset: 0, what: "'markdown'")
            if let unsafe = markdown.bool("unsafe") { config.allowRawHTML = unsafe }
            diagnostics.append(contentsOf: markdown.finish())
        }
        diagnostics.append(contentsOf: reader.finish())
        return (diagnostics.hasErrors ? nil : config, diagnostics)
    }

    private static func readLocales(_ reader: inout MappingReader, into config: inout SiteConfig) {
        let defaultLocale = reader.string("defaultLocale")
        // Site-wide `digits` is the default of every locale that does not set its own.
        let siteDigits = readDigits(&reader) ?? .latin
        if let items = reader.list("locales") {
            var locales: [SiteLocale] = []
            for item in items {
                var locale = MappingReader(item, path: reader.path, lineOffset: 0, what: "a locale")
                guard let (code, codeLocation) = locale.string("code") else {
                    locale.report(.error("missing-locale-code", at: locale.location, "locale has no 'code'"))
                    reader.report(contentsOf: locale.finish())
                    continue
                }
                if !isLocaleCode(code) {
                    locale.report(.error("bad-locale-code", at: codeLocation, "'\(code)' is not a language code such as 'en', 'ar' or 'pt-BR'"))
                }
                if locales.contains(where: { $0.code == code }) {
                    locale.report(.error("duplicate-locale", at: codeLocation, "locale '\(code)' is listed twice"))
                }
                var direction = TextDirection.ltr
                if let (value, location) = locale.string("direction") {
                    if let parsed = TextDirection(rawValue: value) {
                        direction = parsed
                    } else {
                        locale.report(.error("bad-direction", at: location, "direction must be 'ltr' or 'rtl', not '\(value)'"))
                    }
                } else if ["ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb"].contains(code.split(separator: "-").first.map(String.init) ?? code) {
                    direction = .rtl
                }
                let name = locale.string("name")?.0 ?? code
                let digits = readDigits(&locale) ?? siteDigits
                reader.report(contentsOf: locale.finish())
                locales.append(SiteLocale(code: code, name: name, direction: direction, digits: digits))
            }
            if !locales.isEmpty { config.locales = locales }
        } else {
            for index in config.locales.indices { config.locales[index].digits = siteDigits }
        }
        if let (code, location) = defaultLocale {
            if config.locale(code) == nil {
                reader.report(.error(
                    "unknown-locale", at: location, "defaultLocale '\(code)' is not among the configured locales",
                    notes: ["configured: \(config.locales.map(\.code).joined(separator: ", "))"]))
            }
            config.defaultLocale = code
        } else {
            config.defaultLocale = config.locales[0].code
        }
    }

    private static func readChannels(_ reader: inout MappingReader, into config: inout SiteConfig) {
        guard let node = reader.value("channels") else { return }
        guard case let .mapping(mapping) = node else {
            reader.report(.error("yaml-type", at: reader.location(of: node), "'channels' must map channel names to settings"))
            return
        }
        for (keyNode, valueNode) in mapping {
            let name = keyNode.string ?? ""
            var channel = config.channel(name) ?? Channel(name: name, unit: .characters, limit: nil)
            var settings = MappingReader(valueNode, path: reader.path, lineOffset: 0, what: "channel '\(name)'")
            if name == Channel.anyName {
                settings.report(.error("reserved-channel", at: reader.location(of: keyNode), "'any' is reserved for replies usable on every channel"))
            }
            if let (value, location) = settings.string("unit") {
                if let unit = LengthUnit(rawValue: value) {
                    channel.unit = unit
                } else {
                    settings.report(.error(
                        "bad-unit", at: location, "unknown unit '\(value)'",
                        notes: ["units: \(LengthUnit.allCases.map(\.rawValue).joined(separator: ", "))"]))
                }
            }
            if let limitNode = settings.value("limit") {
                if let limit = limitNode.int, limit > 0 {
                    channel.limit = limit
                } else if limitNode.string == "none" {
                    channel.limit = nil
                } else {
                    settings.report(.error("bad-limit", at: settings.location(of: limitNode), "limit must be a positive whole number or 'none'"))
                }
            }
            reader.report(contentsOf: settings.finish())
            if let index = config.channels.firstIndex(where: { $0.name == name }) {
                config.channels[index] = channel
            } else {
                config.channels.append(channel)
            }
        }
    }

    /// Reads `digits` of a mapping (the site or one locale); reports values that are not a `DigitStyle`.
    private static func readDigits(_ reader: inout MappingReader) -> DigitStyle? {
        guard let (value, location) = reader.string("digits") else { return nil }
        if let style = DigitStyle(rawValue: value) { return style }
        var notes = ["digits: \(DigitStyle.allCases.map(\.rawValue).joined(separator: ", "))"]
        if let guess = Suggestion.closest(to: value, among: DigitStyle.allCases.map(\.rawValue)) { notes.insert("did you mean '\(guess)'?", at: 0) }
        reader.report(.error("bad-digits", at: location, "unknown digits '\(value)'", notes: notes))
        return nil
    }

    /// Whether `code` looks like a BCP 47 language tag: `[a-z]{2,3}(-[A-Za-z0-9]{2,8})*`.
    ///
    /// Checked by hand: compiling the equivalent regular expression costs about a
    /// millisecond, a noticeable part of `answerkit reply`, which reads the configuration.
    static func isLocaleCode(_ code: String) -> Bool {
        func isLower(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) }
        func isAlphanumeric(_ byte: UInt8) -> Bool { isLower(byte | 0x20) || (0x30...0x39).contains(byte) }
        let parts = code.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard let language = parts.first, (2...3).contains(language.count), language.allSatisfy(isLower) else { return false }
        return parts.dropFirst().allSatisfy { (2...8).contains($0.count) && $0.allSatisfy(isAlphanumeric) }
    }

    /// Reads `answerkit.yml` under `root`.
    public static func load(root: URL) -> (SiteConfig?, Diagnostics) {
        let url = root.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return (nil, Diagnostics([.error(
                "no-config", at: SourceLocation(path: fileName),
                "no \(fileName) in \(root.path)", notes: ["run 'answerkit init' to create a knowledge base, or pass --root"])]))
        }
        switch TextDecoding.decode(data, path: fileName) {
        case let .failure(diagnostic): return (nil, Diagnostics([diagnostic]))
        case let .success(text): return parse(text, path: fileName)
        }
    }
}

extension MappingReader {
    /// Adds diagnostics gathered by a nested reader.
    mutating func report(contentsOf diagnostics: Diagnostics) {
        for diagnostic in diagnostics.items { report(diagnostic) }
    }
}
