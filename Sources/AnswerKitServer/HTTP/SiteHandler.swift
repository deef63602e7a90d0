import FlyingFox
import Foundation

/// What the request handler serves: the latest good build.
struct ServedSite: Sendable {
    /// The output folder.
    var root: URL
    /// The site's base path from `answerkit.yml` (`/` or `/help/`).
    var basePath: String
    /// The token of the build in `root`, written into each page's script tag.
    var build: String
}

/// Answers every request of the dev server: the event stream, the reload
/// script, and the files of the served build.
///
/// Routing looks at the raw request target, not at FlyingFox's decoded and
/// standardized `path`, so that what is checked is what the client sent.
struct SiteHandler: HTTPHandler {
    let site: Protected<ServedSite>
    let events: EventBroadcaster

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            let headers: HTTPHeaders = [HTTPHeader("Allow"): "GET, HEAD", .cacheControl: "no-cache"]
            return HTTPResponse(statusCode: .methodNotAllowed, headers: headers)
        }
        let rawPath = request.target.path()
        let response: HTTPResponse
        switch rawPath {
        case ServeOptions.eventsPath:
            // HEAD gets the headers without subscribing.
            response = request.method == .HEAD ? Self.eventStreamResponse(body: HTTPBodySequence()) : await eventStream()
        case ServeOptions.scriptPath:
            response = Self.response(.ok, contentType: "text/javascript; charset=utf-8", body: Data(ReloadScript.source.utf8))
        default:
            response = file(rawPath: rawPath, query: request.target.query())
        }
        return request.method == .HEAD ? Self.headersOnly(response) : response
    }

    // MARK: - Routes

    private func eventStream() async -> HTTPResponse {
        Self.eventStreamResponse(body: HTTPBodySequence(from: EventStreamBytes(stream: await events.subscribe())))
    }

    static func eventStreamResponse(body: HTTPBodySequence) -> HTTPResponse {
        HTTPResponse(statusCode: .ok, headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"], body: body)
    }

    private func file(rawPath: String, query: String) -> HTTPResponse {
        let served = site.current
        let resolver = SiteFileResolver(root: served.root, basePath: served.basePath)
        switch resolver.resolve(rawPath: rawPath) {
        case let .file(url):
            guard let data = FileManager.default.contents(atPath: url.path) else { return notFound(nil, build: served.build) }
            return page(data, fileName: url.lastPathComponent, status: .ok, build: served.build)
        case let .redirect(location):
            // 302, not 301: browsers cache permanent redirects, and while writing,
            // what is a folder today may be gone tomorrow.
            let suffix = query.isEmpty || query.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) ? "" : "?" + query
            let headers: HTTPHeaders = [.location: location + suffix, .cacheControl: "no-cache"]
            return HTTPResponse(statusCode: .found, headers: headers)
        case let .notFound(page):
            return notFound(page, build: served.build)
        }
    }

    /// The site's 404 page, or a minimal one (which still gets the reload script, so the error overlay can show).
    private func notFound(_ page: URL?, build: String) -> HTTPResponse {
        if let page, let data = FileManager.default.contents(atPath: page.path) {
            return self.page(data, fileName: page.lastPathComponent, status: .notFound, build: build)
        }
        let html = "<!doctype html>\n<meta charset=\"utf-8\">\n<title>Not found</title>\n<body>\n<h1>404 Not Found</h1>\n</body>\n"
        return self.page(Data(html.utf8), fileName: "404.html", status: .notFound, build: build)
    }

    /// A file's response; HTML gets the reload script before `</body>`.
    ///
    /// Files are read whole rather than streamed: the next build may swap the
    /// folder while a response is being sent, and a help site's files are small.
    private func page(_ data: Data, fileName: String, status: HTTPStatusCode, build: String) -> HTTPResponse {
        let type = ContentType.of(fileName)
        let body = ContentType.isHTML(type) ? ReloadScript.inject(into: data, build: build) : data
        return Self.response(status, contentType: type, body: body)
    }

    // MARK: - Responses

    static func response(_ status: HTTPStatusCode, contentType: String, body: Data) -> HTTPResponse {
        HTTPResponse(
            statusCode: status,
            headers: [.contentType: contentType, .cacheControl: "no-cache", HTTPHeader("X-Content-Type-Options"): "nosniff"],
            body: body)
    }

    /// The same response without its body; `Content-Length` still gives the size a GET would send.
    static func headersOnly(_ response: HTTPResponse) -> HTTPResponse {
        var headers = response.headers
        if case let .httpBody(body) = response.payload, let count = body.count {
            headers[.contentLength] = String(count)
        }
        return HTTPResponse(version: response.version, statusCode: response.statusCode, headers: headers, body: Data())
    }
}
