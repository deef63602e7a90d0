/// Renders template nodes into UTF-8 bytes.
struct TemplateRenderer {
    let library: TemplateLibrary
    var output: [UInt8] = []
    /// The context stack, innermost last: sections push their value while their
    /// children render and pop it after (one array for the whole page rather
    /// than a copy per section and list item).
    var stack: [TemplateValue] = []

    /// Partials and parents nested deeper than this are cut off (a template including itself).
    static let maximumDepth = 64

    mutating func render(_ nodes: [Template.Node], blocks: [String: [Template.Node]], depth: Int) {
        for node in nodes {
            switch node {
            case let .text(bytes):
                output.append(contentsOf: bytes)
            case let .variable(path, escaped):
                guard let value = lookup(path) else { continue }
                switch value {
                case let .string(text):
                    if escaped { HTML.appendEscaped(text, to: &output) } else { output.append(contentsOf: text.utf8) }
                case let .bytes(bytes):
                    if escaped { bytes.withUnsafeBufferPointer { HTML.appendEscaped($0, to: &output) } } else { output.append(contentsOf: bytes) }
                case .bool, .int:
                    // No character of `true`, `false` or a number needs escaping.
                    output.append(contentsOf: value.text.utf8)
                case .list, .object:
                    break
                }
            case let .section(path, inverted, children):
                let value = lookup(path)
                let truthy = value?.isTruthy ?? false
                if inverted {
                    if !truthy { render(children, blocks: blocks, depth: depth) }
                    continue
                }
                guard truthy, let value else { continue }
                if case let .list(items) = value {
                    for item in items { render(children, pushing: item, blocks: blocks, depth: depth) }
                } else {
                    render(children, pushing: value, blocks: blocks, depth: depth)
                }
            case let .partial(name):
                guard depth < Self.maximumDepth, let template = library.templates[name] else { continue }
                render(template.nodes, blocks: blocks, depth: depth + 1)
            case let .parent(name, overrides):
                guard depth < Self.maximumDepth, let template = library.templates[name] else { continue }
                // The most derived definition wins: blocks already set by an outer child stay.
                let merged = blocks.isEmpty ? overrides : overrides.merging(blocks) { _, outer in outer }
                render(template.nodes, blocks: merged, depth: depth + 1)
            case let .block(name, defaults):
                render(blocks[name] ?? defaults, blocks: blocks, depth: depth)
            }
        }
    }

    private mutating func render(_ nodes: [Template.Node], pushing context: TemplateValue, blocks: [String: [Template.Node]], depth: Int) {
        stack.append(context)
        render(nodes, blocks: blocks, depth: depth)
        stack.removeLast()
    }

    /// Resolves a dotted name: the first part up the context stack, the rest inside it.
    private func lookup(_ path: Template.Path) -> TemplateValue? {
        if path.isImplicitIterator { return stack.last }
        guard !path.parts.isEmpty else { return nil }
        var found: TemplateValue?
        var level = stack.count - 1
        while level >= 0 {
            if case let .object(members) = stack[level], let value = members[path.first] {
                found = value
                break
            }
            level -= 1
        }
        guard var value = found else { return nil }
        for part in path.rest {
            guard case let .object(members) = value, let member = members[part] else { return nil }
            value = member
        }
        return value
    }
}
