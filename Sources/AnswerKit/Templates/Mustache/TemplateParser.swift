/// Turns template text into nodes, removing the lines of standalone tags.
struct TemplateParser {
    private let bytes: [UInt8]
    private var position = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// A tag as read from the text.
    private struct Tag {
        var sigil: UInt8?  // # ^ / ! > < $ & { or nil for a variable
        var name: String
        var start: Int  // offset of "{{"
        var end: Int  // offset after "}}"
    }

    /// An open section, parent or block while parsing.
    private struct Frame {
        var tag: Tag
        var nodes: [Template.Node] = []
    }

    mutating func parse() throws(Template.SyntaxError) -> [Template.Node] {
        var stack = [Frame(tag: Tag(sigil: nil, name: "", start: 0, end: 0))]
        var textStart = 0
        while let open = find([0x7B, 0x7B], from: position) {
            let tag = try readTag(at: open)
            var textEnd = open
            var next = tag.end
            // Standalone: only white space around the tag on its line → drop the line.
            if tag.sigil != nil, tag.sigil != UInt8(ascii: "&"), tag.sigil != UInt8(ascii: "{"),
                let (lineStart, lineEnd) = standaloneLine(tag)
            {
                textEnd = max(lineStart, textStart)
                next = lineEnd
            }
            if textEnd > textStart { stack[stack.count - 1].nodes.append(.text(Array(bytes[textStart..<textEnd]))) }
            position = next
            textStart = next
            switch tag.sigil {
            case UInt8(ascii: "!"):
                break
            case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "<"), UInt8(ascii: "$"):
                stack.append(Frame(tag: tag))
            case UInt8(ascii: "/"):
                guard stack.count > 1, stack[stack.count - 1].tag.name == tag.name else {
                    let expected = stack.count > 1 ? "{{/\(stack[stack.count - 1].tag.name)}}" : "no open section"
                    throw error(at: tag.start, "unexpected {{/\(tag.name)}}: expected \(expected)")
                }
                let frame = stack.removeLast()
                stack[stack.count - 1].nodes.append(close(frame))
            case UInt8(ascii: ">"):
                stack[stack.count - 1].nodes.append(.partial(tag.name))
            case UInt8(ascii: "&"), UInt8(ascii: "{"):
                stack[stack.count - 1].nodes.append(.variable(path(tag.name), escaped: false))
            case UInt8(ascii: "="):
                throw error(at: tag.start, "changing delimiters is not supported")
            default:
                stack[stack.count - 1].nodes.append(.variable(path(tag.name), escaped: true))
            }
        }
        if textStart < bytes.count { stack[stack.count - 1].nodes.append(.text(Array(bytes[textStart...]))) }
        if stack.count > 1 {
            let open = stack[stack.count - 1].tag
            throw error(at: open.start, "{{\(Character(Unicode.Scalar(open.sigil ?? 0x20)))\(open.name)}} is never closed")
        }
        return stack[0].nodes
    }

    private func close(_ frame: Frame) -> Template.Node {
        switch frame.tag.sigil {
        case UInt8(ascii: "<"):
            // Inside a parent only block definitions count; other content is ignored.
            var blocks: [String: [Template.Node]] = [:]
            for node in frame.nodes { if case let .block(name, children) = node { blocks[name] = children } }
            return .parent(frame.tag.name, blocks: blocks)
        case UInt8(ascii: "$"):
            return .block(frame.tag.name, frame.nodes)
        default:
            return .section(path(frame.tag.name), inverted: frame.tag.sigil == UInt8(ascii: "^"), frame.nodes)
        }
    }

    private func path(_ name: String) -> Template.Path {
        Template.Path(parts: name == "." ? ["."] : name.split(separator: ".").map(String.init))
    }

    private mutating func readTag(at open: Int) throws(Template.SyntaxError) -> Tag {
        var start = open + 2
        var closing: [UInt8] = [0x7D, 0x7D]
        var sigil: UInt8?
        if start < bytes.count, "#^/!><$&{=".utf8.contains(bytes[start]) {
            sigil = bytes[start]
            if sigil == UInt8(ascii: "{") { closing = [0x7D, 0x7D, 0x7D] }
            start += 1
        }
        guard let close = find(closing, from: start) else { throw error(at: open, "tag is never closed with '\(String(decoding: closing, as: UTF8.self))'") }
        let raw = String(decoding: bytes[start..<close], as: UTF8.self)
        let name = raw.trimmed()
        if sigil == UInt8(ascii: "=") { throw error(at: open, "changing delimiters ({{=…=}}) is not supported") }
        if sigil != UInt8(ascii: "!"), name.isEmpty { throw error(at: open, "empty tag") }
        if sigil != UInt8(ascii: "!"), name.contains(where: { $0 == " " || $0 == "\n" }) {
            throw error(at: open, "tag name '\(name)' contains a space")
        }
        return Tag(sigil: sigil, name: name, start: open, end: close + closing.count)
    }

    /// The extent of the tag's line, including its newline, if nothing but spaces share it.
    private func standaloneLine(_ tag: Tag) -> (Int, Int)? {
        var lineStart = tag.start
        while lineStart > 0, bytes[lineStart - 1] != 0x0A {
            guard bytes[lineStart - 1] == 0x20 || bytes[lineStart - 1] == 0x09 else { return nil }
            lineStart -= 1
        }
        var lineEnd = tag.end
        while lineEnd < bytes.count, bytes[lineEnd] != 0x0A {
            guard bytes[lineEnd] == 0x20 || bytes[lineEnd] == 0x09 || bytes[lineEnd] == 0x0D else { return nil }
            lineEnd += 1
        }
        return (lineStart, lineEnd < bytes.count ? lineEnd + 1 : lineEnd)
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], bytes[index + 1] == needle[1], needle.count < 3 || bytes[index + 2] == needle[2] { return index }
            index += 1
        }
        return nil
    }

    private func error(at offset: Int, _ message: String) -> Template.SyntaxError {
        let prefix = bytes[..<offset]
        let line = prefix.count { $0 == 0x0A } + 1
        let lineStart = prefix.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1
        return Template.SyntaxError(line: line, column: column, message: message)
    }
}
