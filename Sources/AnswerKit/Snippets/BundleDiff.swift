/// What changed between two bundles, reply by reply (matched by id): for a
/// team's changelog and for `answerkit diff old.json new.json`.
///
/// A reply whose text changed and that was approved again appears under both.
/// Other fields (title, tags, URL, review date) are not compared: they do not
/// change what an agent sends.
public struct BundleDiff: Sendable, Equatable {
    /// A reply present in both bundles with something changed.
    public struct Change: Sendable, Equatable {
        public var old: SnippetBundle.Snippet
        public var new: SnippetBundle.Snippet
    }

    /// Replies only in the new bundle, by id.
    public var added: [SnippetBundle.Snippet]
    /// Replies only in the old bundle, by id.
    public var removed: [SnippetBundle.Snippet]
    /// Replies whose text changed, by id.
    public var textChanged: [Change]
    /// Replies whose `approved_on` changed, by id.
    public var reapproved: [Change]

    /// Whether the bundles hold the same replies with the same texts and approvals.
    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && textChanged.isEmpty && reapproved.isEmpty }

    /// Compares two bundles.
    public static func compare(_ old: SnippetBundle, _ new: SnippetBundle) -> BundleDiff {
        let before = Dictionary(old.replies.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(new.replies.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var diff = BundleDiff(added: [], removed: [], textChanged: [], reapproved: [])
        for id in after.keys.sorted() {
            let reply = after[id]!
            guard let previous = before[id] else {
                diff.added.append(reply)
                continue
            }
            if previous.text != reply.text { diff.textChanged.append(Change(old: previous, new: reply)) }
            if previous.approvedOn != reply.approvedOn { diff.reapproved.append(Change(old: previous, new: reply)) }
        }
        diff.removed = before.keys.sorted().filter { after[$0] == nil }.map { before[$0]! }
        return diff
    }
}

// MARK: - Output

extension BundleDiff {
    /// `2 added, 1 removed, 0 text changed, 3 re-approved`.
    public var summary: String {
        "\(added.count) added, \(removed.count) removed, \(textChanged.count) text changed, \(reapproved.count) re-approved"
    }

    /// For people: the summary, then one section per kind of change.
    public var text: String {
        guard !isEmpty else { return "no changes: \(summary)\n" }
        var lines = [summary]
        func section(_ title: String, _ count: Int) {
            guard count > 0 else { return }
            lines.append("")
            lines.append("\(title) (\(count))")
        }
        section("Added", added.count)
        for reply in added {
            lines.append("  + \(Self.heading(reply))")
            lines.append(contentsOf: Self.indented(reply.text, marker: "      "))
        }
        section("Removed", removed.count)
        for reply in removed { lines.append("  - \(Self.heading(reply))") }
        section("Text changed", textChanged.count)
        for change in textChanged {
            lines.append("  ~ \(Self.heading(change.new))")
            lines.append(contentsOf: Self.indented(change.old.text, marker: "      - "))
            lines.append(contentsOf: Self.indented(change.new.text, marker: "      + "))
        }
        section("Re-approved", reapproved.count)
        for change in reapproved {
            lines.append("  * \(Self.heading(change.new))")
            lines.append("      approved_on \(change.old.approvedOn) → \(change.new.approvedOn) by \(change.new.approvedBy)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// For tools: counts and the changed replies.
    public var json: JSONValue {
        func reply(_ snippet: SnippetBundle.Snippet) -> [(String, JSONValue)] {
            [("id", .string(snippet.id)), ("title", .string(snippet.title)), ("locale", .string(snippet.locale)),
             ("channel", .string(snippet.channel)), ("kind", .string(snippet.kind))]
        }
        return .object([
            ("same", .bool(isEmpty)),
            ("summary", .object([
                ("added", .int(added.count)), ("removed", .int(removed.count)),
                ("text_changed", .int(textChanged.count)), ("reapproved", .int(reapproved.count)),
            ])),
            ("added", .array(added.map { .object(reply($0) + [("text", .string($0.text))]) })),
            ("removed", .array(removed.map { .object(reply($0) + [("text", .string($0.text))]) })),
            ("text_changed", .array(textChanged.map {
                .object(reply($0.new) + [("old_text", .string($0.old.text)), ("new_text", .string($0.new.text))])
            })),
            ("reapproved", .array(reapproved.map {
                .object(reply($0.new) + [
                    ("old_approved_on", .string($0.old.approvedOn.description)), ("new_approved_on", .string($0.new.approvedOn.description)),
                    ("approved_by", .string($0.new.approvedBy)),
                ])
            })),
        ])
    }

    private static func heading(_ reply: SnippetBundle.Snippet) -> String {
        "\(reply.id)  \(reply.title)"
    }

    private static func indented(_ text: String, marker: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { marker + $0 }
    }
}
