/// Renders compiled templates (`TemplateProgram`) into UTF-8 bytes.
struct TemplateRenderer {
    let library: TemplateLibrary
    var output: [UInt8] = []
    /// The context stack, innermost last: sections push their value while their
    /// children render and pop it after (one array for the whole page rather
    /// than a copy per section and list item).
    var stack: [TemplateValue] = []

    /// Partials and parents nested deeper than this are cut off (a template including itself).
    static let maximumDepth = 64

    /// Where a block's content is: operations of the template that overrode it.
    struct BlockContent {
        let program: TemplateProgram
        let range: Range<Int>
    }

    /// Renders `program`'s operations in `range`; `blocks` are the overrides of the
    /// templates that extend this one (the most derived definition of a name wins).
    mutating func render(_ program: TemplateProgram, _ range: Range<Int>, blocks: [TemplateKey: BlockContent], depth: Int) {
        var index = range.lowerBound
        while index < range.upperBound {
            let operation = program.operations[index]
            switch operation.kind {
            case .text:
                program.text.withUnsafeBufferPointer {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: $0[Int(operation.first)..<Int(operation.second)]))
                }
                index += 1
            case .variable:
                index += 1
                guard let value = lookup(operation, in: program) else { continue }
                switch value {
                case let .string(text):
                    if operation.flag { HTML.appendEscaped(text, to: &output) } else { output.append(contentsOf: text.utf8) }
                case let .bytes(bytes):
                    if operation.flag { bytes.withUnsafeBufferPointer { HTML.appendEscaped($0, to: &output) } } else { output.append(contentsOf: bytes) }
                case .bool, .int:
                    // No character of `true`, `false` or a number needs escaping.
                    output.append(contentsOf: value.text.utf8)
                case .list, .object:
                    break
                }
            case .section:
                let children = (index + 1)..<Int(operation.end)
                index = Int(operation.end)
                let value = lookup(operation, in: program)
                let truthy = value?.isTruthy ?? false
                if operation.flag {
                    if !truthy { render(program, children, blocks: blocks, depth: depth) }
                    continue
                }
                guard truthy, let value else { continue }
                if case let .list(items) = value {
                    for item in items { render(program, children, pushing: item, blocks: blocks, depth: depth) }
                } else {
                    render(program, children, pushing: value, blocks: blocks, depth: depth)
                }
            case .partial:
                index += 1
                guard depth < Self.maximumDepth, let template = library.templates[program.names[Int(operation.first)]] else { continue }
                render(template.program, template.program.operations.indices, blocks: blocks, depth: depth + 1)
            case .parent:
                index = Int(operation.end)
                guard depth < Self.maximumDepth, let template = library.templates[program.names[Int(operation.first)]] else { continue }
                // The most derived definition wins: blocks already set by an outer child stay.
                var merged = blocks
                for (name, range) in program.overrides[Int(operation.second)] where merged[name] == nil {
                    merged[name] = BlockContent(program: program, range: range)
                }
                render(template.program, template.program.operations.indices, blocks: merged, depth: depth + 1)
            case .block:
                let defaults = (index + 1)..<Int(operation.end)
                index = Int(operation.end)
                if let content = blocks[program.names[Int(operation.first)]] {
                    render(content.program, content.range, blocks: blocks, depth: depth)
                } else {
                    render(program, defaults, blocks: blocks, depth: depth)
                }
            }
        }
    }

    private mutating func render(
        _ program: TemplateProgram, _ range: Range<Int>, pushing context: TemplateValue, blocks: [TemplateKey: BlockContent], depth: Int
    ) {
        stack.append(context)
        render(program, range, blocks: blocks, depth: depth)
        stack.removeLast()
    }

    /// Resolves the dotted name of `operation`: the first part up the context stack, the rest inside it.
    private func lookup(_ operation: TemplateProgram.Operation, in program: TemplateProgram) -> TemplateValue? {
        let count = Int(operation.second)
        if count < 0 { return stack.last }
        guard count > 0 else { return nil }
        let start = Int(operation.first)
        let first = program.keys[start]
        var found: TemplateValue?
        var level = stack.count - 1
        while level >= 0 {
            if case let .object(members) = stack[level], let value = members[first] {
                found = value
                break
            }
            level -= 1
        }
        guard var value = found else { return nil }
        for part in (start + 1)..<(start + count) {
            guard case let .object(members) = value, let member = members[program.keys[part]] else { return nil }
            value = member
        }
        return value
    }
}
