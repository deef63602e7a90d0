/// A parsed Mustache template.
///
/// Written by hand instead of using hummingbird-project/swift-mustache: that
/// engine renders `Any` contexts through dynamic casts and escapes HTML one
/// Character at a time through a dictionary, which profiled at 40 % of a
/// 10 000-entry build. This one compiles names to key paths, renders typed
/// `TemplateValue`s into a UTF-8 buffer and escapes bytes. It implements the
/// Mustache spec's variables, sections, inverted sections, comments, partials
/// and the inheritance extension (`{{<parent}}` with `{{$block}}`), with
/// standalone-tag line removal; it leaves out set-delimiter tags and lambdas.
public struct Template: Sendable {
    indirect enum Node: Sendable {
        case text([UInt8])
        case variable(Path, escaped: Bool)
        case section(Path, inverted: Bool, [Node])
        case partial(String)
        case parent(String, blocks: [String: [Node]])
        case block(String, [Node])
    }

    /// A dotted name, split once at parse time; `["."]` is the implicit iterator.
    struct Path: Sendable {
        let parts: [String]
        /// The part looked up the context stack (empty for no parts).
        let first: TemplateKey
        /// The parts looked up inside it.
        let rest: [TemplateKey]
        /// `.`: the innermost context itself.
        let isImplicitIterator: Bool

        init(parts: [String]) {
            self.parts = parts
            first = TemplateKey(parts.first ?? "")
            rest = parts.dropFirst().map { TemplateKey($0) }
            isImplicitIterator = parts.first == "."
        }
    }

    /// A syntax error with its position in the template (1-based, columns in characters).
    public struct SyntaxError: Error, Sendable {
        public var line: Int
        public var column: Int
        public var message: String
    }

    let nodes: [Node]
    /// The nodes compiled for rendering.
    let program: TemplateProgram

    /// Parses template text.
    public init(_ text: String) throws(SyntaxError) {
        var parser = TemplateParser(text)
        nodes = try parser.parse()
        program = TemplateProgram(nodes)
    }

    /// Names of the partials and parents this template refers to.
    public var references: [String] {
        var names: [String] = []
        func walk(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case let .partial(name): names.append(name)
                case let .parent(name, blocks):
                    names.append(name)
                    blocks.values.forEach(walk)
                case let .section(_, _, children), let .block(_, children): walk(children)
                case .text, .variable: break
                }
            }
        }
        walk(nodes)
        return names
    }
}

/// A set of named templates that can include each other.
public struct TemplateLibrary: Sendable {
    /// By name, as `TemplateKey`s: partials are looked up on every page without hashing their names.
    var templates: [TemplateKey: Template] = [:]

    public init() {}

    /// Adds `template` under `name` (its path under the theme folder without extension).
    public mutating func register(_ template: Template, named name: String) {
        templates[TemplateKey(name)] = template
    }

    /// Whether a template named `name` exists.
    public func contains(_ name: String) -> Bool { templates[TemplateKey(name)] != nil }

    /// Renders the template `name` with `context`; `nil` when there is no such template.
    public func render(_ name: String, _ context: TemplateValue) -> [UInt8]? {
        guard let template = templates[TemplateKey(name)] else { return nil }
        var renderer = TemplateRenderer(library: self, stack: [context])
        renderer.output.reserveCapacity(16_384)
        renderer.render(template.program, template.program.operations.indices, blocks: [:], depth: 0)
        return renderer.output
    }
}
