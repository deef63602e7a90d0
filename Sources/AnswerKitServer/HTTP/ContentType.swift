/// Media types by file extension, for the files a help site is made of.
///
/// A short table rather than a MIME database package: the server only ever
/// serves what the builder writes and the theme ships, and the table keeps
/// `serve` byte-for-byte predictable on every platform (no `/etc/mime.types`).
public enum ContentType {
    /// The default when the extension is unknown: browsers download it rather than guess.
    public static let fallback = "application/octet-stream"

    /// The `Content-Type` of `fileName`, with `charset=utf-8` on text types.
    public static func of(_ fileName: String) -> String {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return fallback }
        return byExtension[fileName[fileName.index(after: dot)...].lowercased()] ?? fallback
    }

    /// Whether responses of this type get the live-reload script.
    public static func isHTML(_ contentType: String) -> Bool {
        contentType.hasPrefix("text/html")
    }

    static let byExtension: [String: String] = [
        "html": "text/html; charset=utf-8",
        "htm": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "mjs": "text/javascript; charset=utf-8",
        "map": "application/json; charset=utf-8",
        "json": "application/json; charset=utf-8",
        "webmanifest": "application/manifest+json; charset=utf-8",
        "xml": "application/xml; charset=utf-8",
        "atom": "application/atom+xml; charset=utf-8",
        "rss": "application/rss+xml; charset=utf-8",
        "txt": "text/plain; charset=utf-8",
        "md": "text/markdown; charset=utf-8",
        "csv": "text/csv; charset=utf-8",
        "svg": "image/svg+xml; charset=utf-8",
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "gif": "image/gif",
        "webp": "image/webp",
        "avif": "image/avif",
        "ico": "image/vnd.microsoft.icon",
        "woff": "font/woff",
        "woff2": "font/woff2",
        "ttf": "font/ttf",
        "otf": "font/otf",
        "wasm": "application/wasm",
        "pdf": "application/pdf",
        "mp4": "video/mp4",
        "webm": "video/webm",
        "mp3": "audio/mpeg",
        "zip": "application/zip",
    ]
}
