import Foundation

/// Writing direction of a locale.
public enum TextDirection: String, Sendable, Codable {
    case ltr, rtl
}

/// The digits dates and numbers are written with (`digits:` in `answerkit.yml`).
///
/// Arabic text is written with either set, depending on the country and the
/// house style, so the site chooses; the default is the digits the content uses.
public enum DigitStyle: String, Sendable, Hashable, Codable, CaseIterable {
    /// 0123456789 (ICU `latn`).
    case latin
    /// ٠١٢٣٤٥٦٧٨٩, as in much of the Arab world (ICU `arab`).
    case arabicIndic = "arabic-indic"
    /// ۰۱۲۳۴۵۶۷۸۹, as in Persian and Urdu (ICU `arabext`).
    case extendedArabicIndic = "extended-arabic-indic"

    /// The Unicode locale extension value (`-u-nu-…`) of the numbering system.
    public var numberingSystem: String {
        switch self {
        case .latin: "latn"
        case .arabicIndic: "arab"
        case .extendedArabicIndic: "arabext"
        }
    }
}

/// A language the site is published in.
public struct SiteLocale: Sendable, Hashable, Codable {
    /// BCP 47 code used in paths and `lang` (`en`, `ar`, `pt-BR`).
    public var code: String
    /// The language's own name (`العربية`).
    public var name: String
    /// `ltr` or `rtl`.
    public var direction: TextDirection
    /// Digits of formatted dates and numbers (the locale's `digits`, else the site's).
    public var digits: DigitStyle

    /// Creates a locale.
    public init(code: String, name: String, direction: TextDirection, digits: DigitStyle = .latin) {
        self.code = code
        self.name = name
        self.direction = direction
        self.digits = digits
    }
}

/// The site configuration, `answerkit.yml`, with every default filled in.
public struct SiteConfig: Sendable {
    /// Site title.
    public var title: String
    /// Absolute base URL, always ending in `/` (`https://help.example.com/docs/`).
    public var baseURL: String
    /// The locale of `/` and of fallbacks.
    public var defaultLocale: String
    /// Locales in configured order; the default locale is among them.
    public var locales: [SiteLocale]
    /// Channels by name: the built-in ones with the site's overrides and additions.
    public var channels: [Channel]
    /// Folder of the entries, relative to the root unless absolute.
    public var contentPath: String
    /// Folder of the theme.
    public var templatesPath: String
    /// Output folder.
    public var publicPath: String
    /// Whether raw HTML in Markdown is passed through (off: cmark's safe mode).
    public var allowRawHTML: Bool
    /// Declared placeholders by name (`placeholders:`); undeclared ones have no bound.
    public var placeholders: [String: PlaceholderSpec] = [:]
    /// Whether the build writes the agent console, `public/agent/` (`agentConsole:`,
    /// on by default; turn it off for a public deploy that should not carry it).
    public var agentConsole = true

    /// A minimal configuration: one English locale, built-in channels, default paths.
    public init(title: String, baseURL: String = "/") {
        self.title = title
        self.baseURL = SiteConfig.normalizedBaseURL(baseURL)
        self.defaultLocale = "en"
        self.locales = [SiteLocale(code: "en", name: "English", direction: .ltr)]
        self.channels = Channel.builtIn
        self.contentPath = "content"
        self.templatesPath = "templates"
        self.publicPath = "public"
        self.allowRawHTML = false
    }

    /// The path part of `baseURL`, starting and ending with `/` (`/docs/`).
    public var basePath: String {
        if let url = URL(string: baseURL), url.host != nil {
            let path = url.path
            return path.hasSuffix("/") ? path : path + "/"
        }
        return baseURL.hasPrefix("/") ? baseURL : "/" + baseURL
    }

    /// The locale with `code`, if configured.
    public func locale(_ code: String) -> SiteLocale? { locales.first { $0.code == code } }

    /// The channel named `name`, if configured.
    public func channel(_ name: String) -> Channel? { channels.first { $0.name == name } }

    /// Channel names valid in front matter, including `any`.
    public var channelNames: [String] { channels.map(\.name) + [Channel.anyName] }

    /// Makes a base URL end in exactly one `/`, without surrounding whitespace.
    static func normalizedBaseURL(_ url: String) -> String {
        // What `trimmingCharacters(in: .whitespaces)` removes (Zs and tab), without its
        // first-use cost in Foundation (half a millisecond of `answerkit reply`).
        func isWhitespace(_ scalar: Unicode.Scalar) -> Bool { scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator }
        var scalars = Substring(url).unicodeScalars
        while let first = scalars.first, isWhitespace(first) { scalars.removeFirst() }
        while let last = scalars.last, isWhitespace(last) { scalars.removeLast() }
        var url = String(scalars)
        while url.hasSuffix("/") { url.removeLast() }
        return url + "/"
    }

    /// Resolves a configured path against the site root.
    public func resolve(_ path: String, root: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
    }
}
