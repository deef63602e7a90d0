import Yams

// Flow collections of scalars on one line, as libyaml's parser reads them:
// `[a, "b c",]` and `{ code: en, name: English, empty: }`.
extension FastYAMLParser {
    /// A flow sequence whose `[` is at the cursor; the cursor ends after its `]`.
    mutating func parseFlowSequence() throws(Unsupported) -> Node {
        let sequenceMark = mark(at: pos)
        pos += 1
        skipSpaces()
        var items: [Node] = []
        while byte(pos) != Byte.rightBracket {
            items.append(valueNode(try scanScalar(flow: true)))
            skipSpaces()
            if byte(pos) == Byte.comma {
                pos += 1
                skipSpaces()
            } else if byte(pos) != Byte.rightBracket {
                throw Unsupported()  // a `key: value` pair, a line break, a comment…
            }
        }
        pos += 1
        return .sequence(.init(items, tag(.implicit), .any, sequenceMark))
    }

    /// A flow mapping whose `{` is at the cursor; the cursor ends after its `}`.
    ///
    /// A missing value is an empty plain scalar marked at the token after the `:` (a `,` or `}`),
    /// where libyaml marks it.
    mutating func parseFlowMapping() throws(Unsupported) -> Node {
        let mappingMark = mark(at: pos)
        pos += 1
        skipSpaces()
        var pairs: [(Node, Node)] = []
        var keys: [String] = []
        while byte(pos) != Byte.rightBrace {
            let key = try scanScalar(flow: true)
            skipSpaces()
            guard byte(pos) == Byte.colon, pos - key.start <= Self.maxKeyLength else { throw Unsupported() }
            pos += 1
            skipSpaces()
            let value: Node
            if byte(pos) == Byte.comma || byte(pos) == Byte.rightBrace {
                value = emptyNode(mark(at: pos))
            } else {
                value = valueNode(try scanScalar(flow: true))
                skipSpaces()
            }
            pairs.append((keyNode(key), value))
            keys.append(key.string)
            if byte(pos) == Byte.comma {
                pos += 1
                skipSpaces()
            } else if byte(pos) != Byte.rightBrace {
                throw Unsupported()
            }
        }
        pos += 1
        guard !Self.hasDuplicates(keys) else { throw Unsupported() }
        return .mapping(.init(pairs, tag(.implicit), .any, mappingMark))
    }
}
