import Foundation
import Yams

/// An Espanso match file (https://espanso.org/docs/matches/basics/) of a bundle's
/// replies, so agents expand approved replies in any application.
///
/// - Triggers are `:<entry>-<channel>` plus `-<kind>` when the kind is not
///   `answer`, `-<n>` for a second reply of the same channel and kind, and
///   `-<locale>` when the file holds several locales (`:refund-status-tw`,
///   `:refund-status-tw-ack`, `:refund-status-sms-fr`). They are lower-case
///   ASCII letters, digits and `-` only, made unique by appending `-2`, `-3`…
///   in id order if two replies would still share one.
/// - Every match has `word: true`: it expands when followed by a space or other
///   separator, so `:x-tw` does not fire while typing `:x-tw-ack` (Espanso's
///   default separators do not include `-`).
/// - Placeholders become the fields of an Espanso form (`{{form1.name}}` in
///   `replace`, `[[name]]` in the layout), with the declared default and
///   description.
/// The YAML is written by Yams, so quoting and block scalars are libyaml's.
public enum EspansoExport {
    /// The match file for `bundle`'s replies.
    public static func yaml(_ bundle: SnippetBundle) throws -> String {
        let triggers = self.triggers(for: bundle.replies)
        let matches = bundle.replies.map { reply in match(reply, trigger: triggers[reply.id]!, placeholders: bundle.placeholders ?? [:]) }
        let root = Node.mapping(Node.Mapping([(key("matches"), .sequence(Node.Sequence(matches)))]))
        let body = try Yams.serialize(node: root, width: -1, allowUnicode: true)
        let header = "# Espanso matches of \(bundle.site.title) (\(bundle.site.baseURL)): \(bundle.replies.count) approved replies.\n"
            + "# Written by 'answerkit export espanso' from snippets.json; export again after each build instead of editing.\n"
        return header + body
    }

    /// The trigger of every reply, by reply id.
    public static func triggers(for replies: [SnippetBundle.Snippet]) -> [String: String] {
        let multiLocale = Set(replies.map(\.locale)).count > 1
        var result: [String: String] = [:]
        var taken = Set<String>()
        for reply in replies.sorted(by: { $0.id < $1.id }) {
            var parts = [ascii(reply.entry), channelAbbreviation(reply.channel)]
            if reply.kind != ReplyKind.answer.rawValue { parts.append(kindAbbreviation(reply.kind)) }
            if let number = reply.id.split(separator: ":").last.flatMap({ Int($0) }), number > 1 { parts.append(String(number)) }
            if multiLocale { parts.append(ascii(reply.locale)) }
            let base = ":" + parts.filter { !$0.isEmpty }.joined(separator: "-")
            var trigger = base
            var suffix = 2
            while taken.contains(trigger) {
                trigger = "\(base)-\(suffix)"
                suffix += 1
            }
            taken.insert(trigger)
            result[reply.id] = trigger
        }
        return result
    }

    /// The short form of a channel in triggers (custom channels keep their name).
    static func channelAbbreviation(_ channel: String) -> String {
        switch channel {
        case "twitter": "tw"
        case "facebook": "fb"
        case "instagram": "ig"
        case "instagram-dm": "igdm"
        case "whatsapp": "wa"
        case "linkedin": "li"
        case "email": "em"
        default: ascii(channel)
        }
    }

    /// The short form of a reply kind in triggers.
    static func kindAbbreviation(_ kind: String) -> String {
        switch kind {
        case "acknowledge": "ack"
        case "follow-up": "fup"
        case "private": "dm"
        case "escalate": "esc"
        default: ascii(kind)
        }
    }

    /// Lower-case ASCII letters and digits, everything else `-` (ids are slugs already;
    /// this keeps triggers typeable whatever a custom channel or locale is called).
    static func ascii(_ text: String) -> String {
        var result = ""
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else if !result.hasSuffix("-") {
                result += "-"
            }
        }
        return result.trimmingCharacters(in: ["-"])
    }

    // MARK: - Nodes

    private static func match(_ reply: SnippetBundle.Snippet, trigger: String, placeholders: [String: PlaceholderSpec]) -> Node {
        var pairs: [(Node, Node)] = [
            (key("trigger"), string(trigger)),
            (key("label"), string("\(reply.title) — \(reply.channel) \(reply.kind) (\(reply.locale))")),
            (key("word"), Node.scalar(Node.Scalar("true", .implicit, .plain))),
        ]
        if reply.variables.isEmpty {
            pairs.append((key("replace"), string(reply.text)))
        } else {
            let replace = Placeholder.fill(reply.text) { "{{form1.\($0)}}" }
            // `[[` starts a form field in a layout: keep it out of the labels.
            func label(_ text: String) -> String { text.replacingOccurrences(of: "[[", with: "[ [") }
            let layout = reply.variables.map { name in
                "\(label(placeholders[name]?.description ?? name.replacingOccurrences(of: "_", with: " "))): [[\(name)]]"
            }.joined(separator: "\n")
            var fields: [(Node, Node)] = []
            for name in reply.variables {
                if let value = placeholders[name]?.defaultValue {
                    fields.append((key(name), .mapping(Node.Mapping([(key("default"), string(value))]))))
                }
            }
            var params: [(Node, Node)] = [(key("layout"), string(label(reply.title) + "\n\n" + layout))]
            if !fields.isEmpty { params.append((key("fields"), .mapping(Node.Mapping(fields)))) }
            let form: [(Node, Node)] = [
                (key("name"), string("form1")), (key("type"), string("form")), (key("params"), .mapping(Node.Mapping(params))),
            ]
            pairs.append((key("replace"), string(replace)))
            pairs.append((key("vars"), .sequence(Node.Sequence([.mapping(Node.Mapping(form))]))))
        }
        return .mapping(Node.Mapping(pairs))
    }

    /// A mapping key, plain.
    private static func key(_ name: String) -> Node {
        .scalar(Node.Scalar(name, .implicit, .plain))
    }

    /// A string: a literal block when it has several lines, else double-quoted, so YAML
    /// never reads it as a number, date or boolean.
    private static func string(_ value: String) -> Node {
        .scalar(Node.Scalar(value, .implicit, value.contains("\n") ? .literal : .doubleQuoted))
    }
}
