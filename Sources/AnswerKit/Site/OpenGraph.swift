import Foundation

/// Open Graph values (https://ogp.me).
public enum OpenGraph {
    private static let cache = Locked<[String: String]>([:])

    /// `og:locale` of a locale code: `language_TERRITORY` as Open Graph expects
    /// (`pt-BR` → `pt_BR`); a bare language gets its likely territory from CLDR's
    /// likely subtags through Foundation (`ar` → `ar_EG`, `he` → `he_IL`, `en` → `en_US`).
    public static func locale(_ code: String) -> String {
        if let hit = cache.withLock({ $0[code] }) { return hit }
        let given = Locale.Language(identifier: code)
        let language = given.languageCode?.identifier ?? code
        let region = given.region?.identifier ?? Locale.Language(identifier: given.maximalIdentifier).region?.identifier
        let value = region.map { "\(language)_\($0)" } ?? language
        cache.withLock { $0[code] = value }
        return value
    }
}
