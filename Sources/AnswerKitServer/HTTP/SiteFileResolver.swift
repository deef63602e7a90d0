import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a request path maps to in the served folder.
public enum Resolution: Sendable, Equatable {
    /// A file to send with status 200.
    case file(URL)
    /// A folder asked for without its final `/`, or the server root when the site lives under a base path.
    case redirect(String)
    /// Nothing there; the site's 404 page to send with status 404, if it has one.
    case notFound(URL?)
}

/// Maps request paths to files under the output folder, and nothing outside it.
///
/// Every candidate is resolved with `realpath(3)` and must lie under the real
/// path of the output folder, so a symbolic link that points out of the tree is
/// a miss like any other. Decoding (`RequestPath`) has already refused `..`,
/// encoded slashes, backslashes and NUL.
public struct SiteFileResolver: Sendable {
    /// The output folder being served.
    public var root: URL
    /// The site's base path (`/` or `/help/`): URLs in the pages include it.
    public var basePath: String

    public init(root: URL, basePath: String) {
        self.root = root
        self.basePath = basePath
    }

    /// Resolves the raw (percent-encoded) path of a request.
    public func resolve(rawPath: String) -> Resolution {
        guard let path = RequestPath.decode(rawPath) else { return .notFound(notFoundPage(for: [])) }
        guard let relative = path.relative(to: basePath) else {
            // The server root of a site that lives under /help/: send the visitor there.
            return path.segments.isEmpty ? .redirect(basePath) : .notFound(notFoundPage(for: []))
        }
        if relative.segments.isEmpty, !relative.isDirectory { return .redirect(rawPath + "/") }
        guard let realRoot = Self.realPath(root.path) else { return .notFound(nil) }
        let candidate = ([realRoot] + relative.segments).joined(separator: "/")
        guard let real = contained(candidate, in: realRoot), let kind = Self.kind(of: real) else {
            return .notFound(notFoundPage(for: relative.segments))
        }
        switch kind {
        case .directory:
            guard relative.isDirectory else { return .redirect(rawPath + "/") }
            guard let index = contained(real + "/index.html", in: realRoot), Self.kind(of: index) == .file else {
                return .notFound(notFoundPage(for: relative.segments))
            }
            return .file(URL(fileURLWithPath: index))
        case .file:
            // `/en/404.html/` names a folder that does not exist.
            return relative.isDirectory ? .notFound(notFoundPage(for: relative.segments)) : .file(URL(fileURLWithPath: real))
        }
    }

    /// `/<locale>/404.html` for a path under a folder that has one, else `/404.html`.
    func notFoundPage(for segments: [String]) -> URL? {
        guard let realRoot = Self.realPath(root.path) else { return nil }
        var candidates: [String] = []
        if let first = segments.first { candidates.append("\(realRoot)/\(first)/404.html") }
        candidates.append("\(realRoot)/404.html")
        for candidate in candidates {
            if let real = contained(candidate, in: realRoot), Self.kind(of: real) == .file { return URL(fileURLWithPath: real) }
        }
        return nil
    }

    /// The real path of `path` when it exists and lies inside `realRoot`.
    private func contained(_ path: String, in realRoot: String) -> String? {
        guard let real = Self.realPath(path) else { return nil }
        return real == realRoot || real.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/") ? real : nil
    }

    enum Kind { case file, directory }

    /// Regular file or folder (after links were resolved); `nil` for anything else.
    static func kind(of realPath: String) -> Kind? {
        var info = stat()
        guard stat(realPath, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return nil
        }
    }

    /// POSIX `realpath(3)`: Foundation's `resolvingSymlinksInPath` does not
    /// resolve every component the same way on Linux and Darwin.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
