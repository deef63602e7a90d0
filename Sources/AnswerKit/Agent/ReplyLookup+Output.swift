/// What `answerkit reply` prints: text for a person, JSON for scripts and agents.
extension ReplyLookup {
    // MARK: - Text

    /// The best reply filled in, then its count, title and id, URL and approval;
    /// with `all`, every reply found as a numbered block. Empty when nothing was found.
    public func text(all: Bool) -> String {
        guard !found.isEmpty else { return "" }
        if !all {
            guard let best = found.first, case let .success(text) = best.filled else { return "" }
            return text + "\n\n" + details(best).joined(separator: "\n") + "\n"
        }
        var blocks: [String] = []
        for item in found {
            var lines = ["\(item.rank). \(item.reply.title)  [\(item.reply.locale) · \(item.reply.channel) · \(item.reply.kind)]  score \(Self.format(item.score))"]
            switch item.filled {
            case let .success(text): lines += text.split(separator: "\n", omittingEmptySubsequences: false).map { "   " + $0 }
            case let .failure(error):
                lines += item.reply.text.split(separator: "\n", omittingEmptySubsequences: false).map { "   " + $0 }
                lines.append("   (needs \((error.missing + error.invalid.map(\.name)).joined(separator: ", ")))")
            }
            lines += details(item).map { "   " + $0 }
            blocks.append(lines.joined(separator: "\n"))
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    /// The lines under a reply's text.
    func details(_ item: Found) -> [String] {
        var lines: [String] = []
        if let count = item.count { lines.append(count.summary) }
        lines.append("\(item.reply.title) — \(item.reply.id)")
        lines.append(item.reply.url)
        var approval = "approved by \(item.reply.approvedBy) on \(item.reply.approvedOn)"
        if let reviewBy = item.reply.reviewBy { approval += ", review by \(reviewBy)" }
        lines.append(approval)
        if let days = item.reviewDueInDays {
            lines.append("warning: review due \(days == 0 ? "today" : days == 1 ? "tomorrow" : "in \(days) days"); check the reply is still right")
        }
        if item.reply.staleTranslation == true {
            lines.append("warning: translation may be stale: the entry was approved again in the default locale after this translation")
        }
        return lines
    }

    /// The error for standard error, with what each missing or rejected variable is.
    public func errorMessage(declarations: [String: PlaceholderSpec]) -> String? {
        guard let failure else { return nil }
        var lines = ["error: \(failure)"]
        if case let .cannotFill(_, error) = failure {
            for name in error.missing + error.invalid.map(\.name) {
                guard let spec = declarations[name] else {
                    lines.append("  \(name): not declared under placeholders: in answerkit.yml")
                    continue
                }
                var hint = spec.description ?? spec.type.rawValue
                if let max = spec.max { hint += " (at most \(max) characters)" }
                lines.append("  \(name): \(hint)")
            }
            lines.append("pass values with --set name=value")
        }
        return lines.joined(separator: "\n")
    }

    /// A score for people: two decimals.
    static func format(_ score: Double) -> String {
        let hundredths = Int((score * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    // MARK: - JSON

    /// `{query, locale, channel, kind, count, replies: [...], error?, missing?, invalid?}`.
    public func json(declarations: [String: PlaceholderSpec]) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("query", .string(request.query)),
            ("locale", request.filter.locale.map(JSONValue.string) ?? .null),
            ("channel", request.filter.channel.map(JSONValue.string) ?? .null),
            ("kind", request.filter.kind.map(JSONValue.string) ?? .null),
            ("count", .int(found.count)),
            ("replies", .array(found.map { replyJSON($0, declarations: declarations) })),
        ]
        if let failure {
            members.append(("error", .string(failure.description)))
            if case let .cannotFill(_, error) = failure { members += Self.problemsJSON(error) }
        }
        return .object(members)
    }

    func replyJSON(_ item: Found, declarations: [String: PlaceholderSpec]) -> JSONValue {
        let reply = item.reply
        var members: [(String, JSONValue)] = [
            // Shortest round-trip form, as JavaScript prints the same double.
            ("rank", .int(item.rank)), ("score", .raw(Array("\(item.score)".utf8))),
            ("id", .string(reply.id)), ("entry", .string(reply.entry)), ("title", .string(reply.title)),
            ("locale", .string(reply.locale)), ("channel", .string(reply.channel)), ("kind", .string(reply.kind)),
            ("text", (try? item.filled.get()).map(JSONValue.string) ?? .null), ("template", .string(reply.text)),
            ("variables", .array(reply.variables.map { variableJSON($0, declarations: declarations) })),
            ("count", item.count?.json ?? .null),
            ("worst_case_length", reply.worstCaseLength.map(JSONValue.int) ?? .null),
            ("url", .string(reply.url)),
            ("approval", .object([
                ("approved_by", .string(reply.approvedBy)), ("approved_on", .string(reply.approvedOn.description)),
                ("review_by", reply.reviewBy.map { .string($0.description) } ?? .null),
                ("review_due_in_days", item.reviewDueInDays.map(JSONValue.int) ?? .null),
                ("stale_translation", .bool(reply.staleTranslation == true)),
            ])),
        ]
        if case let .failure(error) = item.filled { members += Self.problemsJSON(error) }
        return .object(members)
    }

    func variableJSON(_ name: String, declarations: [String: PlaceholderSpec]) -> JSONValue {
        let spec = declarations[name]
        var members: [(String, JSONValue)] = [("name", .string(name)), ("required", .bool(spec?.defaultValue == nil))]
        if let value = request.variables[name], !value.isEmpty { members.append(("value", .string(value))) }
        if let spec { members += spec.jsonMembers }
        return .object(members)
    }

    static func problemsJSON(_ error: FillError) -> [(String, JSONValue)] {
        [
            ("missing", .array(error.missing.map(JSONValue.string))),
            ("invalid", .array(error.invalid.map { .object([("name", .string($0.name)), ("problem", .string($0.problem))]) })),
        ]
    }
}
