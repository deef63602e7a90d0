/// One Atom feed per locale (`/<locale>/feed.xml`, RFC 4287) of the entries most
/// recently approved or updated, so agents and readers can follow changes.
///
/// Deterministic: an entry's date is the later of `approved_on` and `updated`,
/// the feed's date is its newest entry's, and no clock is read. Entries under
/// review and drafts are left out: the feed announces answers that can be used.
public enum AtomFeed {
    /// Entries per feed.
    public static let limit = 30
    /// The feed's title after the site's when the theme has no `feed_title` string.
    public static let defaultTitle = "Recently updated"

    /// The feed file of `locale`.
    public static func path(locale: String) -> String { "\(locale)/feed.xml" }

    /// An entry's date in feeds: the later of `approved_on` and `updated`.
    static func day(of entry: Entry) -> Day? {
        [entry.approvedOn, entry.updated].compactMap { $0 }.max()
    }

    /// The entries the feed of `locale` lists, newest first (ties by title, then key).
    public static func entries(locale: String, index: SiteIndex, today: Day) -> [(entry: Entry, day: Day)] {
        // Dates first (cheap to sort), then the full order among the few as new as the
        // newest `limit`: at 100 000 entries most share their day with thousands of others.
        var dated: [(position: Int, day: Day)] = []
        for position in index.entries.indices {
            let entry = index.entries[position]
            guard entry.key.locale == locale, entry.status == .approved, !entry.isExpired(on: today), let day = day(of: entry) else { continue }
            dated.append((position, day))
        }
        guard !dated.isEmpty else { return [] }
        let days = dated.map(\.day).sorted(by: >)
        let cutoff = days[min(limit, days.count) - 1]
        let newest = dated.filter { $0.day >= cutoff }.map { (entry: index.entries[$0.position], day: $0.day) }
        let sorted = newest.sorted { ($1.day, $0.entry.title, $0.entry.key) < ($0.day, $1.entry.title, $1.entry.key) }
        return Array(sorted.prefix(limit))
    }

    /// The feed of `locale`, titled `<site> · <title>`; `nil` when `baseURL` is not
    /// absolute (Atom ids and links must be absolute IRIs).
    public static func file(
        locale: SiteLocale, title: String, config: SiteConfig, urls: URLScheme, index: SiteIndex, today: Day,
        items listed: [(entry: Entry, day: Day)]? = nil
    ) -> OutputFile? {
        guard urls.isAbsolute else { return nil }
        let items = listed ?? entries(locale: locale.code, index: index, today: today)
        let feedURL = urls.absolute(urls.url(ofFile: path(locale: locale.code)))
        let home = urls.absolute(urls.home(locale.code))
        // An empty feed still needs <updated>; the Unix epoch keeps it deterministic.
        let updated = items.first.map { XML.dateTime($0.day) } ?? "1970-01-01T00:00:00Z"
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(XML.escape(locale.code))">
            <title>\(XML.escape("\(config.title) · \(title)"))</title>
            <id>\(XML.escape(feedURL))</id>
            <link rel="self" type="application/atom+xml" href="\(XML.escape(feedURL))"/>
            <link rel="alternate" type="text/html" hreflang="\(XML.escape(locale.code))" href="\(XML.escape(home))"/>
            <updated>\(updated)</updated>
            <author><name>\(XML.escape(config.title))</name></author>
            <generator version="\(Builder.version)">AnswerKit</generator>

            """
        for (entry, day) in items {
            let url = XML.escape(urls.absolute(urls.entry(entry.key)))
            xml += """
                <entry>
                <title>\(XML.escape(entry.title))</title>
                <id>\(url)</id>
                <link rel="alternate" type="text/html" href="\(url)"/>
                <updated>\(XML.dateTime(day))</updated>

                """
            if !entry.summary.isEmpty { xml += "<summary>\(XML.escape(entry.summary))</summary>\n" }
            for tag in entry.tags { xml += "<category term=\"\(XML.escape(tag))\"/>\n" }
            xml += "</entry>\n"
        }
        xml += "</feed>\n"
        return OutputFile(path: path(locale: locale.code), text: xml)
    }
}
