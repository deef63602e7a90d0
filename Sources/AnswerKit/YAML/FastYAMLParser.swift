import Yams

/// The parser behind `FastYAML`: a cursor over UTF-8 bytes that builds Yams nodes directly.
///
/// Every parse function throws `Unsupported` as soon as the text leaves the subset that
/// `FastYAML` documents; nothing is reported, since Yams then parses the text again.
/// Collection parsers leave the cursor on the first character of the next token (after
/// spaces, comments and line breaks) or at the end; positions handed around as "columns"
/// are byte offsets from the line start, which equal libyaml's character columns because
/// only spaces, `-` and spaces precede a block token.
struct FastYAMLParser {
    /// The text is outside the subset (or invalid): Yams must parse it.
    struct Unsupported: Error {}

    /// One scalar token, scanned but not yet turned into a node.
    struct ScannedScalar {
        var string: String
        var style: Node.Scalar.Style
        /// Byte offset of its first character (the quote for quoted scalars).
        var start: Int
        var mark: Mark
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let count: Int
    let resolver: Resolver
    let constructor: Constructor
    /// Byte offset of the cursor.
    var pos = 0
    /// 1-based line of the cursor.
    var line = 1
    /// Byte offset where the cursor's line starts.
    var lineStart = 0
    /// Open block collections.
    var depth = 0
    /// Reused buffer for scalars that are not a plain slice of the input.
    var scratch: [UInt8] = []
    /// One `str` tag for every node that has it: Yams only ever rewrites implicit tags (when it
    /// resolves them), so sharing a resolved one saves an allocation per node unobservably.
    let strTag: Tag

    /// libyaml stops treating a key as a simple key 1024 characters after its start; bytes
    /// never undercount characters, so this bound is safe.
    static let maxKeyLength = 1000
    /// Deeper documents go to Yams (libyaml's own limit is 1000).
    static let maxDepth = 64

    init(bytes: UnsafeBufferPointer<UInt8>, resolver: Resolver, constructor: Constructor) {
        self.bytes = bytes
        self.count = bytes.count
        self.resolver = resolver
        self.constructor = constructor
        self.strTag = Tag(.str, resolver, constructor)
    }

    // MARK: - Characters

    /// Whether every character is one the subset handles: no tab, CR or other control
    /// character, no NEL/LS/PS (libyaml line breaks), no BOM, no U+FFFE/U+FFFF.
    static func usesSubsetCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var i = 0
        while i < count {
            if i + 8 <= count && !mayHoldExcludedCharacter(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                i += 8
                continue
            }
            // One byte at a time up to the next word.
            let end = min(i + 8, count)
            while i < end {
                let b = bytes[i]
                if b < 0x80 {
                    if b < 0x20 && b != Byte.newline || b == 0x7F { return false }  // controls, tab, CR, DEL
                } else if b == 0xC2 {
                    if i + 1 < count && bytes[i + 1] < 0xA0 { return false }  // C1 controls, NEL
                } else if b == 0xE2 {
                    if i + 2 < count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9) { return false }
                } else if b == 0xEF, i + 2 < count {
                    if bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF { return false }  // BOM
                    if bytes[i + 1] == 0xBF && bytes[i + 2] >= 0xBE { return false }  // U+FFFE, U+FFFF
                }
                i += 1
            }
        }
        return true
    }

    /// Whether eight bytes may hold a byte below 0x20 (line breaks included), 0x7F, or the lead
    /// byte of an excluded character (0xC2, 0xE2, 0xEF); `false` lets them be skipped at once.
    /// The classic bit tricks: a word has a zero byte iff `(w - 0x01…) & ~w & 0x80…` is not zero.
    @inline(__always)
    static func mayHoldExcludedCharacter(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ w: UInt64) -> Bool { (w &- ones) & ~w & high != 0 }
        // Bytes below 0x20, counted only among bytes without the high bit.
        if (word &- 0x20 &* ones) & ~word & high != 0 { return true }
        return hasZeroByte(word ^ (0x7F &* ones)) || hasZeroByte(word ^ (0xC2 &* ones))
            || hasZeroByte(word ^ (0xE2 &* ones)) || hasZeroByte(word ^ (0xEF &* ones))
    }

    /// Whether a document marker (`---` or `...` then a space or the line end) starts at `offset`,
    /// which must be a line start: libyaml ends the document there.
    func isDocumentMarker(at offset: Int) -> Bool {
        let b = byte(offset)
        return (b == Byte.minus || b == Byte.dot) && byte(offset + 1) == b && byte(offset + 2) == b
            && Self.isBlankOrEnd(byte(offset + 3))
    }

    // MARK: - Cursor

    /// The byte at `index`, or 0 past the end (the text holds no NUL: see `usesSubsetCharacters`).
    @inline(__always)
    func byte(_ index: Int) -> UInt8 { index < count ? bytes[index] : 0 }

    /// Whether the cursor is at the end of the text.
    var atEnd: Bool { pos >= count }

    /// The cursor's block column (see the type's note).
    var column: Int { pos - lineStart }

    /// The mark of byte offset `offset` on the cursor's line; columns count Unicode scalars.
    func mark(at offset: Int) -> Mark {
        var column = 1
        var i = lineStart
        while i < offset {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return FastYAML.mark(line: line, column: column)
    }

    /// A space, a line break or the end (libyaml's "blankz" without tabs).
    @inline(__always)
    static func isBlankOrEnd(_ b: UInt8) -> Bool { b == Byte.space || b == Byte.newline || b == 0 }

    /// Whether a block sequence entry (`-` then a space or the line end) starts at `offset`.
    func isEntry(at offset: Int) -> Bool { byte(offset) == Byte.minus && Self.isBlankOrEnd(byte(offset + 1)) }

    mutating func skipSpaces() {
        while pos < count && bytes[pos] == Byte.space { pos += 1 }
    }

    mutating func skipComment() {
        while pos < count && bytes[pos] != Byte.newline { pos += 1 }
    }

    mutating func nextLine() {
        pos += 1
        line += 1
        lineStart = pos
    }

    /// Eats spaces, comments and line breaks up to the next token, as libyaml does in block context.
    mutating func skipToNextToken() {
        while true {
            skipSpaces()
            if byte(pos) == Byte.hash { skipComment() }
            guard pos < count, bytes[pos] == Byte.newline else { return }
            nextLine()
        }
    }

    /// Requires the rest of the line to be spaces and an optional comment, then moves to the next token.
    mutating func endLine() throws(Unsupported) {
        skipSpaces()
        if byte(pos) == Byte.hash { skipComment() }
        guard atEnd || bytes[pos] == Byte.newline else { throw Unsupported() }
        skipToNextToken()
    }

    /// Counts one more open collection.
    mutating func enter() throws(Unsupported) {
        depth += 1
        guard depth <= Self.maxDepth else { throw Unsupported() }
    }

    // MARK: - Nodes

    func tag(_ name: Tag.Name) -> Tag { Tag(name, resolver, constructor) }

    /// A value scalar: plain ones keep an implicit tag, the others get `str` (libyaml's `quoted_implicit`).
    func valueNode(_ scalar: ScannedScalar) -> Node {
        .scalar(.init(scalar.string, scalar.style == .plain ? tag(.implicit) : strTag, scalar.style, scalar.mark))
    }

    /// A key scalar with its tag resolved, as Yams' duplicate-key check (which hashes every key)
    /// leaves it: `str` for quoted keys and, with the basic resolver, for plain ones; another
    /// resolver is asked.
    func keyNode(_ scalar: ScannedScalar) -> Node {
        if scalar.style != .plain || resolver === Resolver.basic {
            return .scalar(.init(scalar.string, strTag, scalar.style, scalar.mark))
        }
        let node = valueNode(scalar)
        _ = node.tag
        return node
    }

    /// The empty plain scalar libyaml produces for a missing value.
    func emptyNode(_ mark: Mark) -> Node {
        .scalar(.init("", tag(.implicit), .plain, mark))
    }

    /// Whether a key appears twice, compared as Yams compares them (`String` equality, which is
    /// canonical equivalence: `é` and `e` + U+0301 are the same key).
    static func hasDuplicates(_ keys: [String]) -> Bool {
        guard keys.count > 1 else { return false }
        if keys.count <= 16 {
            for i in 1..<keys.count {
                for j in 0..<i where keys[i] == keys[j] { return true }
            }
            return false
        }
        var seen = Set<String>(minimumCapacity: keys.count)
        for key in keys where !seen.insert(key).inserted { return true }
        return false
    }

    // MARK: - Block structure

    /// The document's root node, or `nil` when it holds only blank and comment lines.
    mutating func parseDocument() throws(Unsupported) -> Node? {
        skipToNextToken()
        guard !atEnd else { return nil }
        let root = try parseBlockCollection(column: column)
        guard atEnd else { throw Unsupported() }
        return root
    }

    /// A block sequence or mapping starting at the cursor, at `column`.
    mutating func parseBlockCollection(column: Int) throws(Unsupported) -> Node {
        isEntry(at: pos) ? try parseSequence(column: column, indentless: false) : try parseMapping(column: column, firstKey: nil)
    }

    /// A block mapping whose keys sit at `column`; `firstKey` when the caller already scanned it
    /// (a mapping that starts after `- `), with the cursor on the spaces before its `:`.
    mutating func parseMapping(column: Int, firstKey: ScannedScalar?) throws(Unsupported) -> Node {
        try enter()
        defer { depth -= 1 }
        var pairs: [(Node, Node)] = []
        var keys: [String] = []
        pairs.reserveCapacity(16)
        keys.reserveCapacity(16)
        var mappingMark: Mark?
        var pending = firstKey
        while true {
            let key: ScannedScalar
            if let scanned = pending {
                key = scanned
                pending = nil
            } else {
                key = try scanScalar(flow: false)
            }
            skipSpaces()
            guard byte(pos) == Byte.colon, Self.isBlankOrEnd(byte(pos + 1)), pos - key.start <= Self.maxKeyLength else {
                throw Unsupported()
            }
            pos += 1
            if mappingMark == nil { mappingMark = key.mark }
            let value = try parseMappingValue(column: column, colonEnd: pos)
            pairs.append((keyNode(key), value))
            keys.append(key.string)
            guard !atEnd, self.column >= column else { break }
            guard self.column == column else { throw Unsupported() }
        }
        guard !Self.hasDuplicates(keys) else { throw Unsupported() }
        return .mapping(.init(pairs, tag(.implicit), .any, mappingMark))
    }

    /// The value after `key:` (cursor right after the colon) in a mapping at `column`.
    mutating func parseMappingValue(column: Int, colonEnd: Int) throws(Unsupported) -> Node {
        skipSpaces()
        guard atEnd || bytes[pos] == Byte.newline || bytes[pos] == Byte.hash else {
            return try parseInline(parent: column, allowKey: false)
        }
        // Nothing on the key's line: a block collection below, or an empty value.
        let emptyMark = mark(at: colonEnd)
        try endLine()
        if !atEnd {
            if self.column > column { return try parseBlockCollection(column: self.column) }
            if self.column == column && isEntry(at: pos) { return try parseSequence(column: column, indentless: true) }
        }
        return emptyNode(emptyMark)
    }

    /// A block sequence whose `-` sit at `column`, the cursor on the first one. An indentless
    /// sequence (the value of a key at the same column) ends at the first line that is not an entry.
    mutating func parseSequence(column: Int, indentless: Bool) throws(Unsupported) -> Node {
        try enter()
        defer { depth -= 1 }
        let sequenceMark = mark(at: pos)
        var items: [Node] = []
        items.reserveCapacity(8)
        while true {
            pos += 1
            let dashEnd = pos
            skipSpaces()
            if atEnd || bytes[pos] == Byte.newline || bytes[pos] == Byte.hash {
                let emptyMark = mark(at: dashEnd)
                try endLine()
                if !atEnd && self.column > column {
                    items.append(try parseBlockCollection(column: self.column))
                } else {
                    items.append(emptyNode(emptyMark))
                }
            } else {
                items.append(try parseInline(parent: column, allowKey: true))
            }
            guard !atEnd, self.column >= column else { break }
            guard self.column == column else { throw Unsupported() }
            if isEntry(at: pos) { continue }
            guard indentless else { throw Unsupported() }
            break
        }
        return .sequence(.init(items, tag(.implicit), .any, sequenceMark))
    }

    /// A node that starts on the current line after `key: ` or `- ` (then it may be the first key
    /// of a mapping: `allowKey`), inside a block collection at column `parent`.
    mutating func parseInline(parent: Int, allowKey: Bool) throws(Unsupported) -> Node {
        switch bytes[pos] {
        case Byte.pipe, Byte.greater:
            return try parseBlockScalar(parent: parent)
        case Byte.leftBracket:
            let node = try parseFlowSequence()
            try endLine()
            return node
        case Byte.leftBrace:
            let node = try parseFlowMapping()
            try endLine()
            return node
        default:
            break
        }
        let scalar = try scanScalar(flow: false)
        if allowKey {
            let end = pos
            skipSpaces()
            if byte(pos) == Byte.colon && Self.isBlankOrEnd(byte(pos + 1)) {
                pos = end
                return try parseMapping(column: scalar.start - lineStart, firstKey: scalar)
            }
        }
        try endLine()
        return valueNode(scalar)
    }
}

// MARK: - Bytes

extension FastYAMLParser {
    /// The ASCII bytes the parser looks for.
    enum Byte {
        static let newline = UInt8(ascii: "\n")
        static let space = UInt8(ascii: " ")
        static let hash = UInt8(ascii: "#")
        static let colon = UInt8(ascii: ":")
        static let comma = UInt8(ascii: ",")
        static let minus = UInt8(ascii: "-")
        static let plus = UInt8(ascii: "+")
        static let dot = UInt8(ascii: ".")
        static let pipe = UInt8(ascii: "|")
        static let greater = UInt8(ascii: ">")
        static let question = UInt8(ascii: "?")
        static let singleQuote = UInt8(ascii: "'")
        static let doubleQuote = UInt8(ascii: "\"")
        static let backslash = UInt8(ascii: "\\")
        static let leftBracket = UInt8(ascii: "[")
        static let rightBracket = UInt8(ascii: "]")
        static let leftBrace = UInt8(ascii: "{")
        static let rightBrace = UInt8(ascii: "}")
    }
}
