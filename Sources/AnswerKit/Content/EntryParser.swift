import Foundation
import Yams

/// Validates an entry's front matter into an `Entry` (pure: text in, value out).
public struct EntryParser: Sendable {
    /// The site configuration (locales, channels).
    public var config: SiteConfig
    /// The day expiry is judged against.
    public var today: Day

    public init(config: SiteConfig, today: Day) {
        self.config = config
        self.today = today
    }

    /// Front matter keys an entry may have.
    static let keys = ["id", "title", "summary", "tags", "status", "approved_by", "approved_on", "review_by", "updated", "sources", "replies"]

    /// Parses the front matter of an already decoded and split file.
    public func parse(_ frontMatter: FrontMatter, key: EntryKey, path: String) -> (Entry?, Diagnostics) {
        let top = SourceLocation(path: path, line: 1, column: 1)
        guard let yaml = frontMatter.yaml else {
            return (nil, Diagnostics([.missingFrontMatter(at: top)]))
        }
        let document = YAMLDocument(parsing: yaml, path: path, lineOffset: frontMatter.yamlLineOffset)
        var diagnostics = document.diagnostics
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        guard let root = document.root else {
            diagnostics.append(.error("missing-title", at: top, "front matter is empty; an entry needs at least a 'title'"))
            return (nil, diagnostics)
        }
        var reader = MappingReader(root, path: path, lineOffset: frontMatter.yamlLineOffset, what: "front matter")
        var entry = Entry(
            key: key, path: path, id: key.slug, title: "", summary: "", tags: [], status: .draft,
            approvedBy: nil, approvedOn: nil, reviewBy: nil, updated: nil, sources: [], replies: [],
            bodyLineOffset: frontMatter.bodyLineOffset, idLocation: top)

        if let (id, location) = reader.string("id") {
            entry.id = id
            entry.idLocation = location
            if !Slug.isValid(id) {
                reader.report(.error("bad-id", at: location, "id '\(id)' must be a slug: lower-case letters, digits, '-' or '_'",
                                     notes: Slug.make(id).isEmpty ? [] : ["e.g. '\(Slug.make(id))'"]))
            }
        }
        if let (title, location) = reader.string("title"), !title.trimmed().isEmpty {
            entry.title = title
            _ = location
        } else {
            reader.report(.error("missing-title", at: reader.keyLocation("title") ?? top, "entry has no 'title'",
                                 notes: ["the title is the customer's question, e.g. title: Where is my refund?"]))
        }
        entry.summary = reader.string("summary")?.0 ?? ""
        if let tags = reader.strings("tags") {
            entry.tags = tags.map(\.0).filter { !$0.isEmpty }
            for (tag, location) in tags where Slug.make(tag).isEmpty {
                reader.report(.error("bad-tag", at: location, "tag '\(tag)' has no letter or digit"))
            }
        }
        if let (status, location) = reader.string("status") {
            if let parsed = EntryStatus(rawValue: status) {
                entry.status = parsed
            } else {
                reader.report(.error(
                    "bad-status", at: location, "unknown status '\(status)'",
                    notes: ["status is one of: \(EntryStatus.allCases.map(\.rawValue).joined(separator: ", "))"]))
            }
        }
        entry.approvedBy = reader.string("approved_by")?.0
        entry.approvedOn = readDay("approved_on", &reader)
        entry.reviewBy = readDay("review_by", &reader)
        entry.updated = readDay("updated", &reader)
        entry.approvedOnLocation = reader.keyLocation("approved_on")
        entry.reviewByLocation = reader.keyLocation("review_by")
        if let sources = reader.strings("sources") {
            entry.sources = sources.map { EntrySource(text: $0.0) }
            for (source, location) in sources where source.hasPrefix("http") && !isPlausibleURL(source) {
                reader.report(.error("bad-source", at: location, "source '\(source)' is not a valid URL"))
            }
        }
        if let replies = reader.list("replies") {
            entry.replies = readReplies(replies, reader: &reader, status: entry.status)
        }
        checkApproval(entry, &reader, top: top)
        diagnostics.append(contentsOf: reader.finish())
        return (diagnostics.hasErrors ? nil : entry, diagnostics)
    }

    // MARK: - Fields

    private func readDay(_ key: String, _ reader: inout MappingReader) -> Day? {
        guard let (text, location) = reader.string(key) else { return nil }
        guard let day = Day(parsing: text) else {
            reader.report(.error("bad-date", at: location, "'\(key)' is not a date: '\(text)'", notes: ["write dates as YYYY-MM-DD, e.g. 2026-03-31"]))
            return nil
        }
        return day
    }

    private func checkApproval(_ entry: Entry, _ reader: inout MappingReader, top: SourceLocation) {
        let statusLocation = reader.keyLocation("status") ?? top
        if entry.status == .approved {
            var missing: [String] = []
            if entry.approvedBy?.isEmpty ?? true { missing.append("approved_by") }
            if entry.approvedOn == nil, reader.keyLocation("approved_on") == nil { missing.append("approved_on") }
            if !missing.isEmpty {
                reader.report(.error(
                    "approval-incomplete", at: statusLocation,
                    "entry is 'approved' but has no \(missing.joined(separator: " or "))",
                    notes: ["say who approved it and when, e.g. approved_by: Billing team and approved_on: \(today)"]))
            }
            if entry.sources.isEmpty {
                reader.report(.warning("no-sources", at: statusLocation, "approved entry has no 'sources' backing its facts"))
            }
            if let approvedOn = entry.approvedOn, approvedOn > today {
                reader.report(.warning("approved-in-future", at: reader.keyLocation("approved_on") ?? top, "approved_on \(approvedOn) is in the future"))
            }
        }
        if let reviewBy = entry.reviewBy, let approvedOn = entry.approvedOn, reviewBy < approvedOn {
            reader.report(.error("review-before-approval", at: reader.keyLocation("review_by") ?? top,
                                 "review_by \(reviewBy) is before approved_on \(approvedOn)"))
        }
        if entry.status == .approved, let reviewBy = entry.reviewBy, reviewBy < today {
            reader.report(.warning(
                "review-overdue", at: reader.keyLocation("review_by") ?? top,
                "review date \(reviewBy) has passed: the page shows \"under review\" and its replies are left out of every bundle",
                notes: ["re-approve it (new approved_on and review_by) or retire it"]))
        }
    }

    private func readReplies(_ nodes: [Node], reader: inout MappingReader, status: EntryStatus) -> [Reply] {
        var replies: [Reply] = []
        var numbers: [String: Int] = [:]
        // Computed from the channels on every use: made once per entry, not per reply.
        let channelNames = config.channelNames
        for node in nodes {
            var item = MappingReader(node, path: reader.path, lineOffset: reader.lineOffset, what: "a reply")
            let channel = item.string("channel")
            let kind = item.string("kind")
            let text = item.string("text")
            var valid = true
            if let (name, location) = channel {
                if !channelNames.contains(name) {
                    valid = false
                    var notes = ["channels: \(channelNames.joined(separator: ", "))"]
                    if let guess = Suggestion.closest(to: name, among: channelNames) { notes.insert("did you mean '\(guess)'?", at: 0) }
                    item.report(.error("unknown-channel", at: location, "unknown channel '\(name)'", notes: notes))
                }
            } else {
                valid = false
                item.report(.error("missing-channel", at: item.location, "reply has no 'channel'"))
            }
            var replyKind = ReplyKind.answer
            if let (name, location) = kind {
                if let parsed = ReplyKind(rawValue: name) {
                    replyKind = parsed
                } else {
                    valid = false
                    let all = ReplyKind.allCases.map(\.rawValue)
                    var notes = ["kinds: \(all.joined(separator: ", "))"]
                    if let guess = Suggestion.closest(to: name, among: all) { notes.insert("did you mean '\(guess)'?", at: 0) }
                    item.report(.error("unknown-kind", at: location, "unknown reply kind '\(name)'", notes: notes))
                }
            } else {
                valid = false
                item.report(.error("missing-kind", at: item.location, "reply has no 'kind'",
                                   notes: ["kinds: \(ReplyKind.allCases.map(\.rawValue).joined(separator: ", "))"]))
            }
            let trimmed = text?.0.trimmed() ?? ""
            guard let (_, textLocation) = text, !trimmed.isEmpty else {
                item.report(.error("missing-reply-text", at: item.location, "reply has no 'text'"))
                reader.report(contentsOf: item.finish())
                continue
            }
            let (variables, problems) = Placeholder.scan(trimmed)
            for problem in problems {
                item.report(.error("bad-placeholder", at: textLocation, problem.message))
                valid = false
            }
            if valid, let (channelName, _) = channel {
                let measure = ReplyLength.check(trimmed, channel: channelName, config: config, at: textLocation, status: status)
                for diagnostic in measure.diagnostics { item.report(diagnostic) }
                let key = "\(channelName)/\(replyKind.rawValue)"
                numbers[key, default: 0] += 1
                replies.append(Reply(
                    channel: channelName, kind: replyKind, text: trimmed, variables: variables,
                    number: numbers[key]!, location: textLocation, count: measure.count, worstCase: measure.worstCase))
            }
            reader.report(contentsOf: item.finish())
        }
        return replies
    }

    private func isPlausibleURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let host = url.host else { return false }
        // A byte search: `contains(".")` with a string argument is Foundation's `range(of:)`.
        return host.utf8.contains(UInt8(ascii: ".")) || host == "localhost"
    }
}

extension Diagnostic {
    /// A Markdown entry without a `---` block.
    static func missingFrontMatter(at location: SourceLocation) -> Diagnostic {
        .error("missing-front-matter", at: location, "entry has no front matter",
               notes: ["start the file with a '---' line, the YAML fields (title: …), and another '---' line"])
    }

    /// A `---` block that never ends.
    static func frontMatterNotClosed(at location: SourceLocation) -> Diagnostic {
        .error("front-matter-not-closed", at: location, "front matter is not closed",
               notes: ["add a line with '---' after the last YAML field"])
    }
}
