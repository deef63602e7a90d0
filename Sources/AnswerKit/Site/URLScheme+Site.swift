extension URLScheme {
    /// Whether `baseURL` is an absolute http(s) URL, as sitemap.xml, feeds and
    /// Open Graph need (a path-only `baseURL` such as `/` gives none of them).
    public var isAbsolute: Bool {
        baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")
    }
}
