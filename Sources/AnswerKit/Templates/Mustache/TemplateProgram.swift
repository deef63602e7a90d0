/// A template compiled to a flat list of plain operations.
///
/// The parsed tree (`Template.Node`, an indirect enum of arrays and strings) cost a
/// reference-count increment and decrement for every node of every page it was
/// walked for; operations here are plain integers into the program's tables, so
/// rendering a page touches no reference counts for the template itself.
final class TemplateProgram: Sendable {
    struct Operation: Sendable {
        enum Kind: UInt8, Sendable {
            /// `text[first..<second]`.
            case text
            /// The value at the path `keys[first..<first + second]` (`second` -1: the
            /// implicit iterator `.`); `flag`: HTML-escaped.
            case variable
            /// A section over a path (as for `variable`), its children up to operation `end`; `flag`: inverted.
            case section
            /// The template named `names[first]`.
            case partial
            /// The template named `names[first]`, with the blocks `overrides[second]`;
            /// the operations up to `end` are the blocks' contents.
            case parent
            /// The block named `names[first]`, with its default children up to `end`.
            case block
        }

        var kind: Kind
        var flag = false
        var first: Int32 = 0
        var second: Int32 = 0
        /// The index after the operation's children (sections, parents, blocks).
        var end: Int32 = 0
    }

    let operations: [Operation]
    let text: [UInt8]
    let keys: [TemplateKey]
    let names: [TemplateKey]
    /// Block overrides of each `parent`: name → range of operations.
    let overrides: [[TemplateKey: Range<Int>]]

    init(_ nodes: [Template.Node]) {
        var compiler = Compiler()
        compiler.compile(nodes)
        operations = compiler.operations
        text = compiler.text
        keys = compiler.keys
        names = compiler.names
        overrides = compiler.overrides
    }

    private struct Compiler {
        var operations: [Operation] = []
        var text: [UInt8] = []
        var keys: [TemplateKey] = []
        var names: [TemplateKey] = []
        var overrides: [[TemplateKey: Range<Int>]] = []

        /// The path's keys appended to `keys`: where they start, and how many (-1 for `.`).
        mutating func add(_ path: Template.Path) -> (Int32, Int32) {
            let start = Int32(keys.count)
            if path.isImplicitIterator { return (start, -1) }
            if path.parts.isEmpty { return (start, 0) }
            keys.append(path.first)
            keys.append(contentsOf: path.rest)
            return (start, Int32(path.parts.count))
        }

        mutating func compile(_ nodes: [Template.Node]) {
            for node in nodes {
                switch node {
                case let .text(bytes):
                    let start = text.count
                    text.append(contentsOf: bytes)
                    operations.append(Operation(kind: .text, first: Int32(start), second: Int32(text.count)))
                case let .variable(path, escaped):
                    let (first, count) = add(path)
                    operations.append(Operation(kind: .variable, flag: escaped, first: first, second: count))
                case let .section(path, inverted, children):
                    let (first, count) = add(path)
                    let index = operations.count
                    operations.append(Operation(kind: .section, flag: inverted, first: first, second: count))
                    compile(children)
                    operations[index].end = Int32(operations.count)
                case let .partial(name):
                    names.append(TemplateKey(name))
                    operations.append(Operation(kind: .partial, first: Int32(names.count - 1)))
                case let .parent(name, blocks):
                    names.append(TemplateKey(name))
                    let index = operations.count
                    operations.append(Operation(kind: .parent, first: Int32(names.count - 1), second: Int32(overrides.count)))
                    overrides.append([:])
                    var ranges: [TemplateKey: Range<Int>] = [:]
                    for (block, children) in blocks.sorted(by: { $0.key < $1.key }) {
                        let start = operations.count
                        compile(children)
                        ranges[TemplateKey(block)] = start..<operations.count
                    }
                    overrides[Int(operations[index].second)] = ranges
                    operations[index].end = Int32(operations.count)
                case let .block(name, defaults):
                    names.append(TemplateKey(name))
                    let index = operations.count
                    operations.append(Operation(kind: .block, first: Int32(names.count - 1)))
                    compile(defaults)
                    operations[index].end = Int32(operations.count)
                }
            }
        }
    }
}
