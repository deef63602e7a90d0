import Foundation
import Yams

extension ConfigLoader {
    /// Reads `placeholders:` (name → declaration) into `config.placeholders`, reporting
    /// every problem at its key or value.
    static func readPlaceholders(_ reader: inout MappingReader, into config: inout SiteConfig) {
        guard let node = reader.value("placeholders") else { return }
        guard case let .mapping(mapping) = node else {
            reader.report(.error(
                "yaml-type", at: reader.location(of: node), "'placeholders' must map placeholder names to declarations",
                notes: ["e.g. placeholders: { order_id: { max: 12 } }"]))
            return
        }
        for (keyNode, valueNode) in mapping {
            let name = keyNode.string ?? ""
            let (spec, diagnostics) = readPlaceholder(name: name, keyLocation: reader.location(of: keyNode), node: valueNode, path: reader.path)
            reader.report(contentsOf: diagnostics)
            if let spec { config.placeholders[name] = spec }
        }
    }

    /// One declaration; `nil` when it has an error.
    static func readPlaceholder(name: String, keyLocation: SourceLocation, node: Node, path: String) -> (PlaceholderSpec?, Diagnostics) {
        var settings = MappingReader(node, path: path, lineOffset: 0, what: "placeholder '\(name)'")
        var diagnostics = Diagnostics()
        if !Placeholder.isName(name) {
            diagnostics.append(.badPlaceholderName(name, at: keyLocation))
        }
        var spec = PlaceholderSpec(name: name)
        if let (value, location) = settings.string("type") {
            if let type = PlaceholderSpec.ValueType(rawValue: value) {
                spec.type = type
            } else {
                settings.report(.unknownValue("type", value, among: PlaceholderSpec.ValueType.allCases.map(\.rawValue), at: location))
            }
        }
        if let (value, location) = settings.string("charset") {
            if spec.type == .url {
                settings.report(.error("placeholder-charset-url", at: location, "'charset' does not apply to a url placeholder",
                                       notes: ["url values are ASCII http(s) links; remove 'charset'"]))
            } else if let charset = PlaceholderSpec.Charset(rawValue: value) {
                spec.charset = charset
            } else {
                settings.report(.unknownValue("charset", value, among: PlaceholderSpec.Charset.allCases.map(\.rawValue), at: location))
            }
        }
        if spec.type == .url { spec.charset = .ascii }
        if let maxNode = settings.value("max") {
            if let max = maxNode.int, max > 0 {
                spec.max = max
            } else {
                settings.report(.error("bad-placeholder-max", at: settings.location(of: maxNode),
                                       "'max' must be a positive whole number of characters",
                                       notes: ["it is the longest value in Unicode code points, e.g. max: 15 for an X handle"]))
            }
        }
        if let (value, location) = settings.string("default") {
            spec.defaultValue = value
            if let problem = Placeholder.problem(with: value, for: spec) {
                settings.report(.error("bad-placeholder-default", at: location, "default of '\(name)' \(problem)"))
            }
        }
        spec.description = settings.string("description")?.0
        diagnostics.append(contentsOf: settings.finish())
        return (diagnostics.hasErrors ? nil : spec, diagnostics)
    }
}

extension Diagnostic {
    /// A placeholder name that `{{…}}` could never use.
    static func badPlaceholderName(_ name: String, at location: SourceLocation) -> Diagnostic {
        let suggestion = Slug.make(name).replacingOccurrences(of: "-", with: "_")
        return .error(
            "bad-placeholder-name", at: location, "'\(name)' is not a placeholder name: use lower-case letters, digits and '_'",
            notes: Placeholder.isName(suggestion) ? ["e.g. '\(suggestion)'"] : [])
    }

    /// A value outside a fixed set, with a "did you mean".
    static func unknownValue(_ key: String, _ value: String, among allowed: [String], at location: SourceLocation) -> Diagnostic {
        var notes = ["\(key): \(allowed.joined(separator: ", "))"]
        if let guess = Suggestion.closest(to: value, among: allowed) { notes.insert("did you mean '\(guess)'?", at: 0) }
        return .error("bad-placeholder-\(key)", at: location, "unknown \(key) '\(value)'", notes: notes)
    }
}
