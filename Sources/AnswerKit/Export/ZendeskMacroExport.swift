import Foundation

/// Zendesk macros (https://developer.zendesk.com/api-reference/ticketing/business-rules/macros/)
/// for a bundle's replies: `{"macros": [...]}`, the shape of Zendesk's List Macros
/// response, so each element can be sent as `{"macro": …}` to `POST /api/v2/macros`.
///
/// One macro per reply: `title` is `<locale>::<entry title> (<channel>, <kind>)`
/// (Zendesk groups titles on `::`, so the macro menu has one folder per
/// locale; a `::` inside an entry title becomes `:`), `active: true`, a
/// `description` naming the reply id, approval and page, and two actions: the
/// reply as `comment_value` and `comment_mode_is_public` (`false` for
/// `escalate` replies, which are notes to colleagues).
///
/// Zendesk reads `{{…}}` as its own placeholders and renders unknown ones as
/// nothing, so each `{{name}}` becomes `[[name]]` for the agent to replace, or
/// a Zendesk placeholder given in `mapping` (`name` → `ticket.requester.first_name`).
public enum ZendeskMacroExport {
    /// The macros document.
    public static func json(_ bundle: SnippetBundle, mapping: [String: String] = [:]) -> JSONValue {
        .object([("macros", .array(bundle.replies.map { macro($0, mapping: mapping) }))])
    }

    /// The comment text Zendesk receives for `text`.
    public static func comment(_ text: String, mapping: [String: String]) -> String {
        Placeholder.fill(text) { name in mapping[name].map { "{{\($0)}}" } ?? "[[\(name)]]" }
    }

    private static func macro(_ reply: SnippetBundle.Snippet, mapping: [String: String]) -> JSONValue {
        let title = "\(reply.locale)::\(reply.title.replacingOccurrences(of: "::", with: ":")) (\(reply.channel), \(reply.kind))"
        var description = "AnswerKit reply \(reply.id), approved by \(reply.approvedBy) on \(reply.approvedOn)"
        if let reviewBy = reply.reviewBy { description += ", review by \(reviewBy)" }
        description += ". \(reply.url)"
        let isPublic = reply.kind != ReplyKind.escalate.rawValue
        return .object([
            ("title", .string(title)), ("active", .bool(true)), ("description", .string(description)),
            ("actions", .array([
                .object([("field", .string("comment_value")), ("value", .string(comment(reply.text, mapping: mapping)))]),
                .object([("field", .string("comment_mode_is_public")), ("value", .string(isPublic ? "true" : "false"))]),
            ])),
        ])
    }
}
