/// Finds left-to-right runs in right-to-left text and isolates them in `<bdi>`.
///
/// The Unicode bidi algorithm lays out a Latin word inside Arabic or Hebrew text
/// well by itself, but not the neutral characters at its edges: `#NB-48213`
/// shows as `NB-48213#`, `@NimbusHelp` as `NimbusHelp@`, `+966 50 123 4567` with
/// its groups reversed, and `Account → Orders` loses its order once split.
/// Wrapping each run in `<bdi>` (an isolate whose direction comes from its first
/// strong letter) keeps the run in one piece in its own direction while the
/// sentence around it flows right to left. Browsers need no script for it.
///
/// A run is made of tokens: letters of left-to-right scripts, ASCII digits,
/// combining marks and the joiners of identifiers and URLs (`-_./:@#?=&%+~'’`),
/// with sentence punctuation trimmed from both ends. A run starts at a token
/// with a left-to-right letter, a `#`/`@` handle or reference, or a `+` phone
/// number, and takes in the following tokens when only spaces and a few
/// symbols (`→`, `–`, `,`, `. ` …, never brackets, which the algorithm must pair
/// outside the isolate) stand between them and no right-to-left letter or new
/// line does; numbers next to such tokens join them (`2.4 GHz`). Digits alone
/// are left to the bidi algorithm, except space-separated digit groups (phone
/// numbers). A leading hyphen stays outside, with the Hebrew prefix it belongs
/// to (`ל-Nimbus`).
///
/// Hand-written: neither Foundation nor ICU's public API (through Swift) offers
/// bidi classes or run detection, and the rules here are about HTML isolation
/// rather than the bidi algorithm itself.
public enum BidiIsolation {
    /// `text` escaped for HTML, with every left-to-right run in `<bdi>…</bdi>`.
    public static func html(_ text: String) -> String {
        // A run needs a left-to-right letter or a digit: text of right-to-left letters,
        // spaces and ASCII punctuation only (most of a right-to-left page) has none.
        if UTF8Bytes.with(text, hasNothingToIsolate) { return HTML.escape(text) }
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { scalars.append(scalar) }
        let found = runs(scalars)
        guard !found.isEmpty else { return HTML.escape(text) }
        var html = ""
        html.reserveCapacity(text.utf8.count + found.count * 11)
        var cursor = 0
        for run in found {
            html += HTML.escape(string(scalars[cursor..<run.lowerBound]))
            html += "<bdi>" + HTML.escape(string(scalars[run])) + "</bdi>"
            cursor = run.upperBound
        }
        html += HTML.escape(string(scalars[cursor...]))
        return html
    }

    /// Whether the UTF-8 `bytes` hold no left-to-right letter or digit, so `html` is the
    /// escaped text. Decodes the bytes itself: the `unicodeScalars` loop this replaces
    /// was a tenth of the render time of right-to-left pages.
    static func hasNothingToIsolate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                if isASCIILetterOrDigit(UInt32(lead)) { return false }
                index += 1
                continue
            }
            let width = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            guard index + width <= count else { return false }
            var value = UInt32(lead) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
            for offset in 1..<width { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
            // Anything but a right-to-left letter (a stray continuation byte included) means a scan.
            if !isRightToLeft(value) { return false }
            index += width
        }
        return true
    }

    /// The left-to-right runs of `text`, as the texts they cover (for tests and tools).
    public static func runs(in text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return runs(scalars).map { string(scalars[$0]) }
    }

    // MARK: - Scanning

    /// What a character is to the scanner.
    enum Kind: Equatable {
        /// A letter of a left-to-right script (strong L).
        case letter
        /// A letter, digit or mark of a right-to-left script, or a right-to-left mark.
        case rightToLeft
        /// 0–9.
        case digit
        /// Combining mark: continues a token, never starts one.
        case mark
        /// Inside identifiers and URLs.
        case joiner
        /// Spaces and the symbols a run may span.
        case gap
        /// A new line, a bracket, anything else: ends a run.
        case stop
    }

    static let joiners: Set<Unicode.Scalar> = ["-", "_", ".", "/", ":", "@", "#", "?", "=", "&", "%", "+", "~", "'", "\u{2019}"]
    /// Trimmed from both ends of a token: sentence punctuation, not part of a name or URL.
    static let trimmed: Set<Unicode.Scalar> = [".", ",", ":", ";", "?", "!", "'", "\u{2019}"]
    /// Joiners a token may start with.
    static let leading: Set<Unicode.Scalar> = ["#", "@", "+", "/", "~"]
    /// Symbols a run may span between two tokens (besides spaces).
    static let gapSymbols: Set<Unicode.Scalar> = ["\u{2192}", "\u{2190}", "\u{2013}", "\u{2014}", "&", "/", "\u{00B7}", "\u{2022}", "|", "+", ",", ":", ";", "=", "!"]

    static func kind(_ scalar: Unicode.Scalar) -> Kind {
        let value = scalar.value
        if value < 0x80 {
            switch scalar {
            case "0"..."9": return .digit
            case "a"..."z", "A"..."Z": return .letter
            case " ", "\t": return .gap
            default:
                if joiners.contains(scalar) { return .joiner }
                return gapSymbols.contains(scalar) ? .gap : .stop
            }
        }
        if isRightToLeft(value) { return .rightToLeft }
        if joiners.contains(scalar) { return .joiner }
        if gapSymbols.contains(scalar) { return .gap }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .mark
        case .spaceSeparator: return .gap
        default: break
        }
        return properties.isAlphabetic ? .letter : .stop
    }

    private static func isASCIILetterOrDigit(_ value: UInt32) -> Bool {
        (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
    }

    /// Scripts written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko, …, their presentation
    /// forms and the supplementary right-to-left blocks), and the RLM/ALM marks.
    static func isRightToLeft(_ value: UInt32) -> Bool {
        (0x0590...0x08FF).contains(value) || (0xFB1D...0xFDFF).contains(value) || (0xFE70...0xFEFF).contains(value)
            || (0x10800...0x10FFF).contains(value) || (0x1E800...0x1EFFF).contains(value) || value == 0x200F || value == 0x061C
    }

    /// A token: its range and what it holds.
    struct Token {
        var range: Range<Int>
        var hasLetter: Bool
        /// Starts with `#` or `@` (a reference or handle) or `+` and a digit (a phone number).
        var isMarked: Bool
    }

    static func tokens(_ scalars: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while index < scalars.count {
            let first = kind(scalars[index])
            guard first == .letter || first == .digit || first == .joiner else {
                index += 1
                continue
            }
            var end = index
            var hasLetter = false
            while end < scalars.count {
                let kind = kind(scalars[end])
                guard kind == .letter || kind == .digit || kind == .joiner || kind == .mark else { break }
                if kind == .letter { hasLetter = true }
                end += 1
            }
            var start = index
            index = end
            // A leading hyphen or dot belongs to the word before it (Hebrew `ב-Wi-Fi`, `שה-APN`);
            // `#`, `@`, `+`, `/` and `~` start references, handles, numbers and paths.
            while start < end, trimmed.contains(scalars[start]) || (kind(scalars[start]) == .joiner && !leading.contains(scalars[start])) { start += 1 }
            while end > start, trimmed.contains(scalars[end - 1]) { end -= 1 }
            guard start < end, hasLetter || scalars[start..<end].contains(where: { kind($0) == .digit }) else { continue }
            let lead = scalars[start]
            let second = start + 1 < end ? kind(scalars[start + 1]) : .stop
            let isMarked = ((lead == "#" || lead == "@") && (second == .letter || second == .digit)) || (lead == "+" && second == .digit)
            tokens.append(Token(range: start..<end, hasLetter: hasLetter, isMarked: isMarked))
        }
        return tokens
    }

    static func runs(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
        let tokens = tokens(scalars)
        var runs: [Range<Int>] = []
        var index = 0
        while index < tokens.count {
            let first = tokens[index]
            var end = index
            // Extend over following tokens separated by a spannable gap.
            while end + 1 < tokens.count, isSpannable(scalars[tokens[end].range.upperBound..<tokens[end + 1].range.lowerBound]) {
                end += 1
            }
            let members = tokens[index...end]
            let strong = members.contains { $0.hasLetter || $0.isMarked }
            if strong {
                // Numbers next to the letters belong to them (`2.4 GHz`, `iPhone 15`).
                runs.append(first.range.lowerBound..<tokens[end].range.upperBound)
            } else if end > index, members.indices.dropFirst().allSatisfy({ scalars[tokens[$0 - 1].range.upperBound..<tokens[$0].range.lowerBound].allSatisfy { $0 == " " } }) {
                // Space-separated digit groups: a phone or account number.
                runs.append(first.range.lowerBound..<tokens[end].range.upperBound)
            }
            index = end + 1
        }
        return runs
    }

    /// Whether a run may continue across `gap`: spaces, joiners and a few symbols only
    /// (so `Nimbus - Help` and `Settings. Then tap Wi-Fi` stay whole).
    static func isSpannable(_ gap: ArraySlice<Unicode.Scalar>) -> Bool {
        !gap.isEmpty && gap.allSatisfy { let kind = kind($0); return kind == .gap || kind == .joiner }
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        String(String.UnicodeScalarView(scalars))
    }
}
