/// Translations that may lag behind the entry they translate.
///
/// The entry in the default locale is the source. When it is approved again
/// (a later `approved_on`) after a translation's own `approved_on`, the
/// translation may no longer say the same thing: `check` warns at the
/// translation's `approved_on`, and the bundle marks its replies
/// `stale_translation: true` so agents' tools can show it.
public enum TranslationSync {
    /// One translation approved before its source was last approved.
    public struct Lag: Sendable, Hashable {
        /// The translation.
        public var translation: EntryKey
        /// Its `approved_on` (or the top of the file).
        public var location: SourceLocation
        public var approvedOn: Day
        /// The entry in the default locale.
        public var sourcePath: String
        public var sourceApprovedOn: Day
    }

    /// Every lagging translation among approved `entries`, in path order.
    public static func lags(in entries: [Entry], defaultLocale: String) -> [Lag] {
        var sources: [String: Entry] = [:]
        for entry in entries where entry.key.locale == defaultLocale && entry.status == .approved && entry.approvedOn != nil {
            sources[entry.id] = entry
        }
        var lags: [Lag] = []
        for entry in entries where entry.key.locale != defaultLocale && entry.status == .approved {
            guard let approvedOn = entry.approvedOn, let source = sources[entry.id], let sourceApprovedOn = source.approvedOn,
                sourceApprovedOn > approvedOn
            else { continue }
            lags.append(Lag(
                translation: entry.key, location: entry.approvedOnLocation ?? SourceLocation(path: entry.path, line: 1, column: 1),
                approvedOn: approvedOn, sourcePath: source.path, sourceApprovedOn: sourceApprovedOn))
        }
        return lags.sorted { $0.location < $1.location }
    }

    /// The keys of lagging translations.
    public static func staleKeys(in entries: [Entry], defaultLocale: String) -> Set<EntryKey> {
        Set(lags(in: entries, defaultLocale: defaultLocale).map(\.translation))
    }

    /// A warning per lagging translation.
    static func diagnostics(_ entries: [Entry], defaultLocale: String) -> [Diagnostic] {
        lags(in: entries, defaultLocale: defaultLocale).map(Diagnostic.staleTranslation)
    }
}

extension Diagnostic {
    /// A translation approved before its source's latest approval.
    static func staleTranslation(_ lag: TranslationSync.Lag) -> Diagnostic {
        .warning(
            "stale-translation", at: lag.location,
            "translation may be stale: \(lag.sourcePath) was approved again on \(lag.sourceApprovedOn), after this translation (\(lag.approvedOn))",
            notes: ["compare it with the source, update it if needed, and set approved_on to the day it was checked; until then its replies are marked stale_translation in the bundle"])
    }
}
