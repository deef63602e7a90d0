/// One language version of a page, as `<link rel="alternate" hreflang>` and sitemap.xml list it.
public struct AlternateLink: Sendable, Hashable {
    /// A locale code, or `x-default` for readers whose language the site does not have.
    public var hreflang: String
    /// The absolute URL (root-relative when `baseURL` is only a path).
    public var href: String

    public init(hreflang: String, href: String) {
        self.hreflang = hreflang
        self.href = href
    }
}

/// The language versions of the site's pages: what hreflang links, the language
/// switcher and sitemap.xml are made of, from one place so they always agree.
///
/// Versions are `locale → root-relative URL`. Only real equivalents count: an
/// entry's translations share its `id`, categories their folder name; a tag
/// page has no translation (tags are words of one language).
public enum PageVersions {
    /// The published translations of `entry`, itself included.
    public static func entry(_ entry: Entry, index: SiteIndex, urls: URLScheme) -> [String: String] {
        var versions: [String: String] = [:]
        for (locale, key) in index.translations[entry.id] ?? [entry.key.locale: entry.key] { versions[locale] = urls.entry(key) }
        return versions
    }

    /// The category `slug` in every locale where it has published entries.
    public static func category(_ slug: String, index: SiteIndex, urls: URLScheme, config: SiteConfig) -> [String: String] {
        var versions: [String: String] = [:]
        for locale in config.locales where index.categories[locale.code]?.contains(where: { $0.slug == slug }) == true {
            versions[locale.code] = urls.category(locale: locale.code, slug: slug)
        }
        return versions
    }

    /// A page every locale has (home, tag list, search): `url(locale)` for each.
    public static func everyLocale(_ config: SiteConfig, _ url: (String) -> String) -> [String: String] {
        var versions: [String: String] = [:]
        for locale in config.locales { versions[locale.code] = url(locale.code) }
        return versions
    }

    /// The hreflang links of a page with `versions`: one per version in configured
    /// locale order, then `x-default`: `xDefault` when given (the homes name the
    /// root language picker), else the default locale's version or, when the page
    /// has none, the root language picker.
    public static func links(_ versions: [String: String], config: SiteConfig, urls: URLScheme, xDefault: String? = nil) -> [AlternateLink] {
        var links: [AlternateLink] = []
        for locale in config.locales {
            if let url = versions[locale.code] { links.append(AlternateLink(hreflang: locale.code, href: urls.absolute(url))) }
        }
        let fallback = xDefault ?? versions[config.defaultLocale] ?? urls.root()
        links.append(AlternateLink(hreflang: "x-default", href: urls.absolute(fallback)))
        return links
    }
}
