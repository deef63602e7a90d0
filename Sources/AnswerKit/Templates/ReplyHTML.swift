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
        let plain = { (part: Substring) in isolate ? BidiIsolation.html(String(part)) : HTML.escape(String(part)) }
        guard text.contains("{{") else { return plain(text[...]) }
        var html = ""
        var rest = text[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            let name = rest[open.upperBound..<close.lowerBound]
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
                // Not a placeholder (validation reports it): keep it as text.
                html += plain(rest[..<close.upperBound])
                rest = rest[close.upperBound...]
                continue
            }
            html += plain(rest[..<open.lowerBound])
            html += "<mark class=\"placeholder\">{{\(name)}}</mark>"
            rest = rest[close.upperBound...]
        }
        return html + plain(rest)
    }
}
