/// Finds the URLs that X (Twitter) would shorten to a t.co link.
///
/// Written by hand because none of the mirrored packages extracts URLs the way
/// twitter-text does, and Foundation's `NSDataDetector` is not on Linux. It
/// follows twitter-text's extractor (conformance/validate.yml, Extractor.java)
/// closely enough for counting: a URL starts with `http://`/`https://`, or is a
/// bare domain whose top-level domain is a known one; it is not preceded by a
/// letter, digit, `@`, `$`, `#`, `.` or `/`; every host label has 1–63
/// characters; the whole URL has at most 4 096 characters; a trailing
/// punctuation mark or an unbalanced `)` is not part of it.
public enum URLScanner {
    /// The ranges of `scalars` (by scalar offset) that are URLs, in order.
    public static func urlRanges(in scalars: [Unicode.Scalar]) -> [Range<Int>] {
        // Every URL has a host of two labels or more: a `.` with a host character
        // right after it. Sentence full stops are followed by a space, so most
        // text has none, and the scan below (a match tried at every offset) is skipped.
        guard scalars.indices.dropLast().contains(where: { scalars[$0] == "." && isHostScalar(scalars[$0 + 1]) }) else { return [] }
        var ranges: [Range<Int>] = []
        var index = 0
        while index < scalars.count {
            if let end = match(scalars, at: index) {
                ranges.append(index..<end)
                index = end
            } else {
                index += 1
            }
        }
        return ranges
    }

    /// The URL ranges of a string, as scalar offsets.
    public static func urlRanges(in text: String) -> [Range<Int>] {
        urlRanges(in: Array(text.unicodeScalars))
    }

    // MARK: - Matching

    private static func match(_ s: [Unicode.Scalar], at start: Int) -> Int? {
        if start > 0 {
            let before = s[start - 1]
            if isWordScalar(before) || "@$#＠＃./".unicodeScalars.contains(before) { return nil }
        }
        var position = start
        var hasProtocol = false
        if let afterScheme = scheme(s, at: start) {
            position = afterScheme
            hasProtocol = true
        } else if !isHostScalar(s[start]) {
            return nil
        }
        // `host` must find a second label: a `.` and a host character right after the
        // first. Most offsets tried (every word of running text) fail this, and are
        // turned away before labels are collected.
        var firstLabelEnd = position
        while firstLabelEnd < s.count, isHostScalar(s[firstLabelEnd]) { firstLabelEnd += 1 }
        guard firstLabelEnd > position, firstLabelEnd + 1 < s.count, s[firstLabelEnd] == ".", isHostScalar(s[firstLabelEnd + 1]) else {
            return nil
        }
        guard let (hostEnd, labels) = host(s, at: position), labels.count >= 2 else { return nil }
        guard labels.allSatisfy({ Punycode.asciiLabel($0).map { (1...63).contains($0.count) } ?? false }) else { return nil }
        let tld = String(String.UnicodeScalarView(labels[labels.count - 1])).lowercased()
        if hasProtocol {
            guard tld.unicodeScalars.allSatisfy(\.properties.isAlphabetic), tld.unicodeScalars.count >= 2 else {
                return nil
            }
        } else {
            guard TopLevelDomains.known.contains(tld) else { return nil }
        }
        var end = hostEnd
        // Optional port.
        if end < s.count, s[end] == ":" {
            var digits = end + 1
            while digits < s.count, ("0"..."9").contains(s[digits]) { digits += 1 }
            if digits > end + 1 { end = digits }
        }
        let hasPath = end < s.count && "/?#".unicodeScalars.contains(s[end])
        if hasPath { end = pathEnd(s, from: end) }
        // twitter-text does not link a bare two-label ccTLD domain without a path
        // ("example.co" alone), except t.co.
        if !hasProtocol, !hasPath, labels.count == 2, tld.unicodeScalars.count == 2 {
            let domain = labels.map { String(String.UnicodeScalarView($0)) }.joined(separator: ".").lowercased()
            if domain != "t.co" { return nil }
        }
        guard end - start <= 4096 else { return nil }
        return end
    }

    private static let schemes: [[Unicode.Scalar]] = [Array("https://".unicodeScalars), Array("http://".unicodeScalars)]

    private static func scheme(_ s: [Unicode.Scalar], at start: Int) -> Int? {
        for p in schemes {
            guard start + p.count <= s.count else { continue }
            var same = true
            for (offset, scalar) in p.enumerated() where !lowercases(s[start + offset], to: scalar) {
                same = false
                break
            }
            if same { return start + p.count }
        }
        return nil
    }

    /// Whether `scalar`'s lower-case mapping is the ASCII `target`: compared directly for
    /// ASCII (a match is tried at every offset; the mapping is a new string each time).
    private static func lowercases(_ scalar: Unicode.Scalar, to target: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return scalar.properties.lowercaseMapping == String(target) }
        let value = ("A"..."Z").contains(scalar) ? scalar.value + 0x20 : scalar.value
        return value == target.value
    }

    /// Reads `label(.label)+`; returns the end offset and the labels.
    private static func host(_ s: [Unicode.Scalar], at start: Int) -> (Int, [ArraySlice<Unicode.Scalar>])? {
        var labels: [ArraySlice<Unicode.Scalar>] = []
        var labelStart = start
        var index = start
        while true {
            while index < s.count, isHostScalar(s[index]) { index += 1 }
            guard index > labelStart else { break }
            labels.append(s[labelStart..<index])
            // A dot continues the host only if another label follows.
            if index + 1 < s.count, s[index] == ".", isHostScalar(s[index + 1]) {
                index += 1
                labelStart = index
            } else {
                break
            }
        }
        guard !labels.isEmpty else { return nil }
        // A label may not start or end with a hyphen.
        for label in labels where label.first == "-" || label.last == "-" { return nil }
        return (index, labels)
    }

    private static func pathEnd(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var end = start
        while end < s.count, !s[end].properties.isWhitespace, !isDirectionalControl(s[end]) { end += 1 }
        // Trim trailing punctuation and unbalanced closing brackets.
        while end > start {
            let last = s[end - 1]
            if ".,;:!?'\"…".unicodeScalars.contains(last) {
                end -= 1
            } else if last == ")" {
                let opens = s[start..<end].count { $0 == "(" }
                let closes = s[start..<end].count { $0 == ")" }
                if closes > opens { end -= 1 } else { break }
            } else {
                break
            }
        }
        return end
    }

    static func isHostScalar(_ c: Unicode.Scalar) -> Bool {
        // ASCII answered without the Unicode property tables (the scan asks at every offset).
        if c.value < 0x80 { return isASCIIWord(c.value) || c == "-" }
        if c.value < 0x800 { return classes[Int(c.value)] & hostClass != 0 }
        return hostProperties(c)
    }

    static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { return isASCIIWord(c.value) }
        if c.value < 0x800 { return classes[Int(c.value)] & wordClass != 0 }
        return wordProperties(c)
    }

    private static func hostProperties(_ c: Unicode.Scalar) -> Bool {
        c == "-" || c == "_" || c.properties.isAlphabetic || c.properties.numericType == .decimal
            || c.properties.generalCategory == .nonspacingMark || c.properties.generalCategory == .spacingMark
    }

    private static func wordProperties(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || c.properties.numericType == .decimal || c == "_"
    }

    private static let hostClass: UInt8 = 1
    private static let wordClass: UInt8 = 2

    /// `hostProperties` and `wordProperties` of every scalar below U+0800 (Latin to
    /// Arabic), made once: the scan asks at every offset of Hebrew and Arabic text too.
    private static let classes: [UInt8] = (0..<0x800).map { value in
        guard let scalar = Unicode.Scalar(UInt32(value)) else { return 0 }
        return (hostProperties(scalar) ? hostClass : 0) | (wordProperties(scalar) ? wordClass : 0)
    }

    /// ASCII letters, digits and `_` (the ASCII scalars that are alphabetic or decimal, or `_`).
    private static func isASCIIWord(_ value: UInt32) -> Bool {
        (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) || value == 0x5F
    }

    private static func isDirectionalControl(_ c: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(c.value) || (0x2066...0x2069).contains(c.value)
            || c.value == 0x200E || c.value == 0x200F
    }
}
