import Foundation

/// A generated file whose bytes are made only when it is written, so a large
/// one (a sitemap part of 10 000 URLs) is never held together with the others.
public struct LazyOutputFile: Sendable {
    /// Relative to the output folder.
    public var path: String
    let make: @Sendable () -> [UInt8]

    public init(path: String, make: @escaping @Sendable () -> [UInt8]) {
        self.path = path
        self.make = make
    }

    /// The file, made now.
    public var file: OutputFile { OutputFile(path: path, contents: Data(make())) }
}

/// The files that make the site findable, besides its pages: robots.txt,
/// sitemap.xml and an Atom feed per locale.
public enum SiteFiles {
    /// Every such file of the site, in a stable order. Pure: the same index and
    /// configuration give the same bytes (no clock is read; `today` only decides
    /// which entries are under review).
    public static func make(config: SiteConfig, urls: URLScheme, index: SiteIndex, strings: [String: [String: String]], today: Day) -> [LazyOutputFile] {
        // The feeds and the sitemap's groups are made at the same time (this stage runs alone).
        let (feeds, groups) = Parallel.both(
            {
                config.locales.compactMap { locale -> LazyOutputFile? in
                    let title = strings[locale.code]?["feed_title"] ?? AtomFeed.defaultTitle
                    return AtomFeed.file(locale: locale, title: title, config: config, urls: urls, index: index, today: today).map(eager)
                }
            },
            { Sitemap.groups(config: config, urls: urls, index: index) })
        return [eager(Robots.file(config: config, urls: urls))] + feeds + Sitemap.files(groups, config: config, urls: urls)
    }

    private static func eager(_ file: OutputFile) -> LazyOutputFile {
        let bytes = [UInt8](file.contents)
        return LazyOutputFile(path: file.path) { bytes }
    }
}
