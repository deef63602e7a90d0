/// Text of new files: `answerkit new` entries and `answerkit init` knowledge bases.
public enum Scaffold {
    /// Parses `locale/category/slug` (a trailing `.md` is allowed).
    public static func parseEntryPath(_ path: String) -> EntryKey? {
        var path = path
        if path.hasPrefix("content/") { path.removeFirst("content/".count) }
        if path.hasSuffix(".md") { path.removeLast(3) }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        return EntryKey(locale: parts[0], category: parts[1], slug: parts[2])
    }

    /// A draft entry with the fields writers fill in, dated `today`.
    public static func entry(key: EntryKey, title: String, today: Day) -> String {
        """
        ---
        id: \(key.slug)
        title: \(yamlString(title))
        summary: ""
        tags: []
        status: draft
        updated: \(today)
        # When the owning department approves it:
        # status: approved
        # approved_by: Billing team (name)
        # approved_on: \(today)
        # review_by: \(today.adding(days: 182))
        sources: []
        replies:
          - channel: twitter
            kind: answer
            text: "Hi {{name}}, …"
        ---
        Write the full answer here. Link other entries by their file, e.g. [Refunds](../billing/refund-status.md).

        """
    }

    /// `_index.md` of a new category.
    public static func category(slug: String) -> String {
        """
        ---
        title: \(yamlString(Category(locale: "", slug: slug).title))
        description: ""
        order: 100
        ---

        """
    }

    /// A YAML double-quoted scalar.
    public static func yamlString(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            default:
                if scalar.value < 0x20 { escaped += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2) } else { escaped.unicodeScalars.append(scalar) }
            }
        }
        return escaped + "\""
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
