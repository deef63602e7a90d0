/// A reply's text as HTML for its page: placeholders marked, left-to-right runs isolated.
///
/// Made here rather than by the script so the page is right without
/// JavaScript: each `{{name}}` becomes `<mark class="placeholder">` (an
/// isolate in the stylesheet, so `{{name}}` reads whole inside Arabic), and on
/// right-to-left pages the text between placeholders gets `BidiIsolation`.
/// Only elements are added: the element's text, which the copy button copies,
/// is the approved reply exactly.
enum ReplyHTML {
    static func make(_ text: String, isolate: Bool) -> String {
        let plain = { (part: String) in isolate ? BidiIsolation.html(part) : HTML.escape(part) }
        // The brace pairs, matched by code point as `fill` and the validator match
        // them, as UTF-8 offsets; the text is cut there.
        let spans = Placeholder.braces(in: text)
        guard !spans.isEmpty else { return plain(text) }
        return UTF8Bytes.with(text) { bytes in
            let piece = { (range: Range<Int>) in String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
            var html = ""
            var rest = 0
            for case let (open, close?) in spans {
                let name = bytes[(open + 2)..<close]
                if !name.isEmpty, name.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }) {
                    html += plain(piece(rest..<open))
                    html += "<mark class=\"placeholder\">{{"
                    html += piece((open + 2)..<close)
                    html += "}}</mark>"
                } else {
                    // Not a placeholder (validation reports it): keep it as text.
                    html += plain(piece(rest..<(close + 2)))
                }
                rest = close + 2
            }
            return html + plain(piece(rest..<bytes.count))
        }
    }
}
