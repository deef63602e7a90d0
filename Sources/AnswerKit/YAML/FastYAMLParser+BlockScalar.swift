import Yams

// Literal and folded block scalars: libyaml's yaml_parser_scan_block_scalar and
// yaml_parser_scan_block_scalar_breaks, line for line, without explicit indentation
// indicators (and without tabs, which never reach the parser).
extension FastYAMLParser {
    /// A `|` or `>` block scalar whose indicator is at the cursor, inside a block collection at
    /// column `parent` (libyaml's current indentation); the cursor ends on the next token.
    mutating func parseBlockScalar(parent: Int) throws(Unsupported) -> Node {
        let startMark = mark(at: pos)
        let literal = bytes[pos] == Byte.pipe
        pos += 1
        // Header: an optional chomping indicator, then spaces and an optional comment.
        var chomping = 0
        if byte(pos) == Byte.plus || byte(pos) == Byte.minus {
            chomping = byte(pos) == Byte.plus ? 1 : -1
            pos += 1
        }
        if byte(pos) >= UInt8(ascii: "0") && byte(pos) <= UInt8(ascii: "9") { throw Unsupported() }
        skipSpaces()
        if byte(pos) == Byte.hash { skipComment() }
        guard atEnd || bytes[pos] == Byte.newline else { throw Unsupported() }
        if !atEnd { nextLine() }

        scratch.removeAll(keepingCapacity: true)
        var indent = 0
        var trailingBreaks = 0
        var leadingBreak = false
        var leadingBlank = false
        scanBlockScalarBreaks(indent: &indent, breaks: &trailingBreaks, parent: parent)
        while !atEnd && column == indent {
            // A non-empty line: first join the break before it (folded: a space between two
            // lines that do not start with a space), then the empty lines in between.
            let trailingBlank = bytes[pos] == Byte.space
            if !literal && leadingBreak && !leadingBlank && !trailingBlank {
                if trailingBreaks == 0 { scratch.append(Byte.space) }
            } else if leadingBreak {
                scratch.append(Byte.newline)
            }
            leadingBreak = false
            for _ in 0..<trailingBreaks { scratch.append(Byte.newline) }
            trailingBreaks = 0
            leadingBlank = bytes[pos] == Byte.space
            let contentStart = pos
            while pos < count && bytes[pos] != Byte.newline { pos += 1 }
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[contentStart..<pos]))
            if !atEnd {
                nextLine()
                leadingBreak = true
            }
            scanBlockScalarBreaks(indent: &indent, breaks: &trailingBreaks, parent: parent)
        }
        // Chomping: strip (-) drops the final break, clip keeps it, keep (+) adds the empty lines too.
        if chomping != -1 && leadingBreak { scratch.append(Byte.newline) }
        if chomping == 1 {
            for _ in 0..<trailingBreaks { scratch.append(Byte.newline) }
        }
        let node = Node.scalar(
            .init(String(decoding: scratch, as: UTF8.self), strTag, literal ? .literal : .folded, startMark))
        skipToNextToken()
        return node
    }

    /// Eats indentation and empty lines, counting the line breaks; the first time (`indent == 0`)
    /// also fixes the indentation: the deepest of those lines, at least `parent + 1`.
    mutating func scanBlockScalarBreaks(indent: inout Int, breaks: inout Int, parent: Int) {
        var maxIndent = 0
        while true {
            while (indent == 0 || column < indent) && byte(pos) == Byte.space { pos += 1 }
            if column > maxIndent { maxIndent = column }
            guard !atEnd, bytes[pos] == Byte.newline else { break }
            nextLine()
            breaks += 1
        }
        if indent == 0 { indent = max(maxIndent, parent + 1, 1) }
    }
}
