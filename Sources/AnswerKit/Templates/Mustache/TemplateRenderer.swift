/// Renders template nodes into UTF-8 bytes.
struct TemplateRenderer {
    let library: TemplateLibrary
    var output: [UInt8] = []

    /// Partials and parents nested deeper than this are cut off (a template including itself).
    static let maximumDepth = 64

    mutating func render(_ nodes: [Template.Node], stack: [TemplateValue], blocks: [String: [Template.Node]], depth: Int) {
        for node in nodes {
            switch node {
            case let .text(bytes):
                output.append(contentsOf: bytes)
            case let .variable(path, escaped):
                guard let value = lookup(path, in: stack) else { continue }
                if escaped { appendEscaped(value.text) } else { output.append(contentsOf: value.text.utf8) }
            case let .section(path, inverted, children):
                let value = lookup(path, in: stack)
                let truthy = value?.isTruthy ?? false
                if inverted {
                    if !truthy { render(children, stack: stack, blocks: blocks, depth: depth) }
                    continue
                }
                guard truthy, let value else { continue }
                if case let .list(items) = value {
                    for item in items { render(children, stack: stack + [item], blocks: blocks, depth: depth) }
                } else {
                    render(children, stack: stack + [value], blocks: blocks, depth: depth)
                }
            case let .partial(name):
                guard depth < Self.maximumDepth, let template = library.templates[name] else { continue }
                render(template.nodes, stack: stack, blocks: blocks, depth: depth + 1)
            case let .parent(name, overrides):
                guard depth < Self.maximumDepth, let template = library.templates[name] else { continue }
                // The most derived definition wins: blocks already set by an outer child stay.
                let merged = overrides.merging(blocks) { _, outer in outer }
                render(template.nodes, stack: stack, blocks: merged, depth: depth + 1)
            case let .block(name, defaults):
                render(blocks[name] ?? defaults, stack: stack, blocks: blocks, depth: depth)
            }
        }
    }

    /// Resolves a dotted name: the first part up the context stack, the rest inside it.
    private func lookup(_ path: Template.Path, in stack: [TemplateValue]) -> TemplateValue? {
        guard let first = path.parts.first else { return nil }
        if first == "." { return stack.last }
        var found: TemplateValue?
        for context in stack.reversed() {
            if let value = context[first] {
                found = value
                break
            }
        }
        guard var value = found else { return nil }
        for part in path.parts.dropFirst() {
            guard let member = value[part] else { return nil }
            value = member
        }
        return value
    }

    private mutating func appendEscaped(_ text: String) {
        for byte in text.utf8 {
            switch byte {
            case 0x26: output.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
            case 0x3C: output.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
            case 0x3E: output.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
            case 0x22: output.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
            case 0x27: output.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])  // &#39;
            default: output.append(byte)
            }
        }
    }
}
