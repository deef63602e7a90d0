import Foundation

/// Approved entries whose review date falls within a window, grouped by owner
/// (`approved_by`): what `answerkit check --stale` lists.
///
/// An entry past its `review_by` is listed too (its replies are already out of
/// every bundle): the owner has to re-approve or retire it either way.
public struct ExpiryReport: Sendable, Equatable {
    /// One entry due for review.
    public struct Item: Sendable, Equatable {
        public var id: String
        public var locale: String
        public var title: String
        /// Where its `review_by` is.
        public var location: SourceLocation
        public var reviewBy: Day
        /// Days from today to `review_by`; negative once it has passed.
        public var daysLeft: Int
        /// The bundle ids of its replies.
        public var replies: [String]
    }

    /// The entries of one owner, soonest first.
    public struct Group: Sendable, Equatable {
        public var owner: String
        public var items: [Item]
    }

    public var today: Day
    /// The window in days: entries due on or before `today + within` are listed.
    public var within: Int
    /// Owners in alphabetical order.
    public var groups: [Group]

    /// The last day of the window.
    public var until: Day { today.adding(days: within) }
    /// Number of entries listed.
    public var entryCount: Int { groups.reduce(0) { $0 + $1.items.count } }
    /// Number of replies listed.
    public var replyCount: Int { groups.reduce(0) { $0 + $1.items.reduce(0) { $0 + $1.replies.count } } }

    /// The report for approved `entries` on `today`.
    public static func make(entries: [Entry], today: Day, within: Int) -> ExpiryReport {
        let until = today.adding(days: within)
        var byOwner: [String: [Item]] = [:]
        for entry in entries where entry.status == .approved {
            guard let reviewBy = entry.reviewBy, reviewBy <= until else { continue }
            let owner = entry.approvedBy.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 } ?? "(no owner)"
            byOwner[owner, default: []].append(Item(
                id: entry.id, locale: entry.key.locale, title: entry.title,
                location: entry.reviewByLocation ?? SourceLocation(path: entry.path, line: 1, column: 1),
                reviewBy: reviewBy, daysLeft: days(from: today, to: reviewBy),
                replies: entry.replies.map { entry.replyID($0) }))
        }
        // Owners in alphabetical order regardless of case and accents (Équipe next to Engineering).
        let key = { (owner: String) in owner.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }
        let groups = byOwner.keys.sorted { (key($0), $0) < (key($1), $1) }.map { owner in
            Group(owner: owner, items: byOwner[owner]!.sorted { ($0.reviewBy, $0.location) < ($1.reviewBy, $1.location) })
        }
        return ExpiryReport(today: today, within: within, groups: groups)
    }

    /// Parses a window such as `30d`, `2w` or `30` (days).
    public static func parseWindow(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let (digits, factor): (Substring, Int) = switch trimmed.last {
        case "d": (trimmed.dropLast(), 1)
        case "w": (trimmed.dropLast(), 7)
        default: (Substring(trimmed), 1)
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let count = Int(digits), count >= 0, count <= 36_500 else { return nil }
        return count * factor
    }

    private static func days(from start: Day, to end: Day) -> Int {
        Int((end.date.timeIntervalSince(start.date) / 86_400).rounded())
    }
}

// MARK: - Output

extension ExpiryReport {
    /// For people: one block per owner, one line per entry starting with its `review_by` location.
    public var text: String {
        guard !groups.isEmpty else {
            return "No approved entry is due for review by \(until) (within \(within) days of \(today)).\n"
        }
        var lines = ["Due for review by \(until) (within \(within) days of \(today)): \(plural(entryCount, "entry", "entries")), \(plural(replyCount, "reply", "replies"))"]
        for group in groups {
            lines.append("")
            lines.append("\(group.owner) — \(plural(group.items.count, "entry", "entries"))")
            for item in group.items {
                let when = switch item.daysLeft {
                case ..<0: "expired \(plural(-item.daysLeft, "day", "days")) ago; its replies are out of every bundle"
                case 0: "today"
                default: "in \(plural(item.daysLeft, "day", "days"))"
                }
                lines.append("  \(item.location): review by \(item.reviewBy) (\(when)) — \(plural(item.replies.count, "reply", "replies")) — \(item.title)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// For tools: `{today, until, within_days, entries, replies, owners: [{owner, entries: […]}]}`.
    public var json: JSONValue {
        .object([
            ("today", .string(today.description)), ("until", .string(until.description)), ("within_days", .int(within)),
            ("entries", .int(entryCount)), ("replies", .int(replyCount)),
            ("owners", .array(groups.map { group in
                .object([
                    ("owner", .string(group.owner)),
                    ("entries", .array(group.items.map { item in
                        .object([
                            ("id", .string(item.id)), ("locale", .string(item.locale)), ("title", .string(item.title)),
                            ("path", .string(item.location.path)), ("line", item.location.line.map(JSONValue.int) ?? .null),
                            ("column", item.location.column.map(JSONValue.int) ?? .null),
                            ("review_by", .string(item.reviewBy.description)), ("days_left", .int(item.daysLeft)),
                            ("expired", .bool(item.daysLeft < 0)), ("replies", .array(item.replies.map(JSONValue.string))),
                        ])
                    })),
                ])
            })),
        ])
    }

    private func plural(_ count: Int, _ one: String, _ many: String) -> String { "\(count) \(count == 1 ? one : many)" }
}

extension Entry {
    /// The bundle id of one of its replies: `<entry>:<locale>:<channel>:<kind>:<n>`.
    public func replyID(_ reply: Reply) -> String {
        "\(self.id):\(self.key.locale):\(reply.channel):\(reply.kind.rawValue):\(reply.number)"
    }
}
