/// The agent console, `public/agent/`: a static page over `snippets.json` where
/// an agent finds a reply, fills its variables and copies it (see
/// `templates/agent/`). One page per locale, in that locale's language and
/// direction: `agent/index.html` for the default locale, `agent/<locale>/index.html`
/// for the others. The build writes it when the theme has `agent/index.mustache`
/// and `agentConsole` is not turned off in `answerkit.yml`.
enum AgentConsole {
    /// The console's template, by its name in the theme.
    static let template = "agent/index"

    /// Interface strings the console's script needs (the page's own text comes from `t`).
    static let stringPrefixes = ["agent_", "channel_", "kind_", "unit_", "results_"]
    static let stringKeys: Set = ["copy", "copied", "copy_failed", "approved_by", "approved_on", "next_review", "characters", "language"]

    /// Whether the build writes the console for this site and theme.
    static func isEnabled(config: SiteConfig, theme: Theme) -> Bool {
        config.agentConsole && theme.library.contains(template)
    }

    /// The file of the console in `locale`.
    static func file(_ locale: String, config: SiteConfig) -> String {
        locale == config.defaultLocale ? "agent/index.html" : "agent/\(locale)/index.html"
    }

    /// The console's pages, one per locale.
    static func pages(_ renderer: PageRenderer) -> [OutputFile] {
        let context = renderer.context
        let config = context.config
        let urls = context.urls
        let alternates = Dictionary(uniqueKeysWithValues: config.locales.map { ($0.code, urls.url(ofFile: file($0.code, config: config))) })
        let directions = JSONValue.object(config.locales.map { ($0.code, .string($0.direction.rawValue)) })
        return config.locales.map { locale in
            let strings = context.theme.strings(for: locale.code)
            let title = strings["agent_title"] ?? "Agent console"
            var values = context.common(
                locale: locale.code, kind: "agent", title: title, description: title, file: file(locale.code, config: config),
                alternates: alternates, indexable: false)
            let label = { (prefix: String, name: String) in strings[prefix + name.replacingOccurrences(of: "-", with: "_")] ?? name }
            let scriptStrings = strings.filter { key, _ in stringKeys.contains(key) || stringPrefixes.contains { key.hasPrefix($0) } }
            values["agent"] = [
                "bundle": .string(urls.root() + "snippets.json"),
                "css": .string(fileURL("console.css", context)), "counting": .string(fileURL("counting.js", context)),
                "replies": .string(fileURL("replies.js", context)),
                "console": .string(fileURL("console.js", context)),
                "strings": .string(compact(.object(scriptStrings.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }))),
                "directions": .string(compact(directions)),
                "digits": .string(locale.digits.numberingSystem),
                "reviewWarningDays": .int(ReplyLookup.reviewWarningDays),
                "channels": .list(config.channels.map { ["name": .string($0.name), "label": .string(label("channel_", $0.name))] }),
                "kinds": .list(ReplyKind.allCases.map { ["name": .string($0.rawValue), "label": .string(label("kind_", $0.rawValue))] }),
            ]
            return renderer.render(template, values, file: file(locale.code, config: config))
        }
    }

    /// The URL of a file of the theme's `agent/` folder, with its content hash for cache busting.
    static func fileURL(_ name: String, _ context: PageContext) -> String {
        context.urls.root() + "agent/" + name + (context.theme.agentFiles[name].map { "?v=\($0)" } ?? "")
    }

    private static func compact(_ value: JSONValue) -> String {
        String(decoding: JSONWriter.compactBytes(value).dropLast(), as: UTF8.self)
    }
}
