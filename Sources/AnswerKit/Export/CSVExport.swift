import Foundation

/// A CSV table of a bundle's replies for spreadsheets and other help desks.
///
/// RFC 4180: a header row, CRLF after every record, a field in double quotes
/// when it holds a comma, a double quote, CR or LF, and quotes doubled inside.
/// Written by hand because it is a dozen lines and no mirrored package writes
/// RFC 4180 without also reading files. Columns: see `columns`.
///
/// `excel: true` adds a UTF-8 byte-order mark (Excel otherwise reads UTF-8 as
/// the local code page) and puts a `'` before a field that starts with `=`,
/// `+`, `-`, `@`, tab or CR, so a reply such as `@{{customer_handle}} …` is not
/// run as a formula (OWASP "CSV injection"). That output no longer round-trips
/// exactly; the default output does.
public enum CSVExport {
    /// The header row.
    public static let columns = [
        "id", "entry", "locale", "channel", "kind", "title", "text", "variables", "url", "tags",
        "length", "worst_case_length", "limit", "unit", "approved_by", "approved_on", "review_by", "stale_translation",
    ]

    /// The table as text (with a BOM first when `excel`).
    public static func csv(_ bundle: SnippetBundle, excel: Bool = false) -> String {
        var rows = [columns]
        for reply in bundle.replies {
            rows.append([
                reply.id, reply.entry, reply.locale, reply.channel, reply.kind, reply.title, reply.text,
                reply.variables.joined(separator: " "), reply.url, reply.tags.joined(separator: "; "),
                String(reply.length), reply.worstCaseLength.map(String.init) ?? "", reply.limit.map(String.init) ?? "", reply.unit,
                reply.approvedBy, reply.approvedOn.description, reply.reviewBy?.description ?? "", reply.staleTranslation == true ? "true" : "",
            ])
        }
        let body = rows.map { row in row.map { field(excel ? guarded($0) : $0) }.joined(separator: ",") + "\r\n" }.joined()
        return (excel ? "\u{FEFF}" : "") + body
    }

    /// One field, quoted when needed.
    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func guarded(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return value }
        return "'" + value
    }
}
