import Yams

// Scalars, ported from libyaml's scanner (scanner.c in Yams' CYaml) for the single-line
// cases of the subset, so that values and marks come out exactly as Yams gives them.
extension FastYAMLParser {
    /// A plain, single-quoted or double-quoted scalar starting at the cursor; the cursor ends
    /// right after it (after the closing quote, or after the plain scalar's last character).
    mutating func scanScalar(flow: Bool) throws(Unsupported) -> ScannedScalar {
        let start = pos
        let mark = mark(at: start)
        switch byte(pos) {
        case Byte.singleQuote:
            return ScannedScalar(string: try scanSingleQuoted(), style: .singleQuoted, start: start, mark: mark)
        case Byte.doubleQuote:
            return ScannedScalar(string: try scanDoubleQuoted(), style: .doubleQuoted, start: start, mark: mark)
        default:
            guard Self.canStartPlain(byte(pos), next: byte(pos + 1), flow: flow) else { throw Unsupported() }
            // A block token at a line start may be a document marker instead.
            if pos == lineStart && isDocumentMarker(at: pos) { throw Unsupported() }
            let end = try scanPlainEnd(flow: flow)
            return ScannedScalar(string: string(from: start, to: end), style: .plain, start: start, mark: mark)
        }
    }

    /// The text of `bytes[start..<end]`.
    func string(from start: Int, to end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// libyaml's rule for the first character of a plain scalar: not an indicator, except `-`
    /// (and, outside flow collections, `?` and `:`) followed by a non-blank character.
    static func canStartPlain(_ b: UInt8, next: UInt8, flow: Bool) -> Bool {
        switch b {
        case Byte.minus:
            return !isBlankOrEnd(next)
        case Byte.question, Byte.colon:
            return !flow && !isBlankOrEnd(next)
        case 0, Byte.space, Byte.newline, Byte.comma, Byte.leftBracket, Byte.rightBracket, Byte.leftBrace,
            Byte.rightBrace, Byte.hash, Byte.pipe, Byte.greater, Byte.singleQuote, Byte.doubleQuote,
            UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            return false
        default:
            return true
        }
    }

    /// `,` `[` `]` `{` `}`: the characters that end a plain scalar inside a flow collection.
    @inline(__always)
    static func isFlowIndicator(_ b: UInt8) -> Bool {
        b == Byte.comma || b == Byte.leftBracket || b == Byte.rightBracket || b == Byte.leftBrace || b == Byte.rightBrace
    }

    /// Scans a plain scalar that must end on its line: before `: ` (or `:` at the line end),
    /// before ` #`, at the line end, and in flow collections before a flow indicator. Returns the
    /// end of its text (trailing spaces excluded) and leaves the cursor there. Whether a next line
    /// would continue it is the caller's check (its column).
    mutating func scanPlainEnd(flow: Bool) throws(Unsupported) -> Int {
        var i = pos
        var end = pos
        scan: while true {
            while i < count {
                let b = bytes[i]
                if b == Byte.space || b == Byte.newline { break }
                if b == Byte.colon {
                    let next = byte(i + 1)
                    if Self.isBlankOrEnd(next) { break scan }
                    // libyaml rejects "x:" followed by one of ",?[]{}" in flow context.
                    if flow && (Self.isFlowIndicator(next) || next == Byte.question) { throw Unsupported() }
                } else if flow && Self.isFlowIndicator(b) {
                    break scan
                }
                i += 1
                end = i
            }
            guard i < count, bytes[i] == Byte.space else { break }
            while i < count && bytes[i] == Byte.space { i += 1 }
            let next = byte(i)
            if next == 0 || next == Byte.newline || next == Byte.hash {
                // In a flow collection this would continue on the next line.
                if flow { throw Unsupported() }
                break
            }
        }
        pos = end
        return end
    }

    /// A single-line single-quoted scalar (`''` is a quote); the cursor is on the opening quote.
    mutating func scanSingleQuoted() throws(Unsupported) -> String {
        let start = pos + 1
        var i = start
        var escaped = false
        while true {
            guard i < count, bytes[i] != Byte.newline else { throw Unsupported() }
            if bytes[i] == Byte.singleQuote {
                guard byte(i + 1) == Byte.singleQuote else { break }
                escaped = true
                i += 2
            } else {
                i += 1
            }
        }
        pos = i + 1
        guard escaped else { return string(from: start, to: i) }
        scratch.removeAll(keepingCapacity: true)
        var k = start
        while k < i {
            scratch.append(bytes[k])
            k += bytes[k] == Byte.singleQuote ? 2 : 1
        }
        return String(decoding: scratch, as: UTF8.self)
    }

    /// A single-line double-quoted scalar; the cursor is on the opening quote.
    mutating func scanDoubleQuoted() throws(Unsupported) -> String {
        let start = pos + 1
        var i = start
        while i < count && bytes[i] != Byte.doubleQuote && bytes[i] != Byte.backslash && bytes[i] != Byte.newline { i += 1 }
        if i < count && bytes[i] == Byte.doubleQuote {
            pos = i + 1
            return string(from: start, to: i)
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
        while true {
            guard i < count, bytes[i] != Byte.newline else { throw Unsupported() }
            let b = bytes[i]
            if b == Byte.doubleQuote { break }
            if b == Byte.backslash {
                i = try appendEscape(at: i)
            } else {
                scratch.append(b)
                i += 1
            }
        }
        pos = i + 1
        return String(decoding: scratch, as: UTF8.self)
    }

    /// Appends the character of the escape sequence at `index` (a backslash) to `scratch` and
    /// returns the index after it: libyaml's table, without escaped line breaks.
    mutating func appendEscape(at index: Int) throws(Unsupported) -> Int {
        let digits: Int
        switch byte(index + 1) {
        case UInt8(ascii: "x"): digits = 2
        case UInt8(ascii: "u"): digits = 4
        case UInt8(ascii: "U"): digits = 8
        default:
            guard let character = Self.simpleEscape(byte(index + 1)) else { throw Unsupported() }
            scratch.append(contentsOf: character.utf8)
            return index + 2
        }
        var value: UInt32 = 0
        for k in 0..<digits {
            guard let digit = Self.hexValue(byte(index + 2 + k)) else { throw Unsupported() }
            value = value << 4 | digit
        }
        guard let scalar = Unicode.Scalar(value) else { throw Unsupported() }  // surrogates, > U+10FFFF
        scratch.append(contentsOf: scalar.utf8)
        return index + 2 + digits
    }

    /// libyaml's one-character escapes (a backslash then a tab cannot occur: tabs are outside the subset).
    static func simpleEscape(_ b: UInt8) -> Unicode.Scalar? {
        switch b {
        case UInt8(ascii: "0"): "\u{00}"
        case UInt8(ascii: "a"): "\u{07}"
        case UInt8(ascii: "b"): "\u{08}"
        case UInt8(ascii: "t"): "\u{09}"
        case UInt8(ascii: "n"): "\u{0A}"
        case UInt8(ascii: "v"): "\u{0B}"
        case UInt8(ascii: "f"): "\u{0C}"
        case UInt8(ascii: "r"): "\u{0D}"
        case UInt8(ascii: "e"): "\u{1B}"
        case UInt8(ascii: " "), UInt8(ascii: "\""), UInt8(ascii: "/"), UInt8(ascii: "\\"): Unicode.Scalar(b)
        case UInt8(ascii: "N"): "\u{85}"
        case UInt8(ascii: "_"): "\u{A0}"
        case UInt8(ascii: "L"): "\u{2028}"
        case UInt8(ascii: "P"): "\u{2029}"
        default: nil
        }
    }

    static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
