/// `robots.txt`: everything may be crawled; the sitemap is announced.
public enum Robots {
    /// The file. Crawlers read robots.txt only at the root of a host, so for a
    /// site under a sub-path (`https://example.github.io/help/`) it says where
    /// its lines belong; the file is still written, for hosts that serve the
    /// folder at their root.
    public static func file(config: SiteConfig, urls: URLScheme) -> OutputFile {
        var lines = ["# robots.txt of \(config.title), made by AnswerKit"]
        if config.basePath != "/" {
            lines.append("# Crawlers read this file only at the root of the host: copy these lines to /robots.txt there.")
        }
        lines += ["User-agent: *", "Allow: /"]
        if urls.isAbsolute {
            lines += ["", "Sitemap: \(urls.absolute(urls.root()))sitemap.xml"]
        }
        return OutputFile(path: "robots.txt", text: lines.joined(separator: "\n") + "\n")
    }
}
