import Foundation

/// The live-reload client: a script tag the dev server adds to every HTML
/// response (never to the files on disk), and the script it loads.
///
/// The script is served from `ServeOptions.scriptPath` rather than inlined, so
/// it also runs on sites whose theme sets a `script-src 'self'` content
/// security policy. It listens to `ServeOptions.eventsPath`:
///
/// - `hello` `{"build": token}` on connect: reloads when the page came from an
///   older build (a rebuild finished before the connection was made) or from
///   a server that has since restarted;
/// - `reload` `{"build": token}` after a good build: reloads the page, which
///   also clears the error overlay;
/// - `build-error` `{"summary", "diagnostics": [{location, severity, message, notes}]}`
///   after a failed build: shows an overlay listing `path:line:column: message`;
///   text goes in with `textContent`, never as markup.
public enum ReloadScript {
    /// The tag inserted before `</body>`; `build` identifies the build the page belongs to.
    public static func tag(build: String) -> String {
        #"<script src="\#(ServeOptions.scriptPath)" data-answerkit-build="\#(escapeAttribute(build))"></script>"#
    }

    /// `html` with the tag inserted before its last `</body>` (any case), or appended when there is none.
    public static func inject(into html: Data, build: String) -> Data {
        let tag = Data(tag(build: build).utf8)
        guard let offset = lastBodyClose(in: html) else { return html + tag }
        var result = Data(capacity: html.count + tag.count)
        result.append(html[html.startIndex..<offset])
        result.append(tag)
        result.append(html[offset...])
        return result
    }

    /// The index of the last `</body` (ASCII case-insensitive) in `html`.
    static func lastBodyClose(in html: Data) -> Data.Index? {
        let needle = Array("</body".utf8)
        guard html.count >= needle.count else { return nil }
        var index = html.endIndex - needle.count
        while index >= html.startIndex {
            var matches = true
            for (offset, byte) in needle.enumerated() where html[index + offset] | 0x20 != byte | 0x20 {
                matches = false
                break
            }
            if matches { return index }
            index -= 1
        }
        return nil
    }

    private static func escapeAttribute(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;")
    }

    /// The client script.
    public static let source = #"""
        // AnswerKit dev server: live reload and build-error overlay. Not part of the built site.
        (function () {
          "use strict";
          var script = document.currentScript;
          var pageBuild = script ? script.getAttribute("data-answerkit-build") : null;
          var overlayID = "answerkit-error-overlay";
          var source = new EventSource("/__answerkit/events");

          source.addEventListener("hello", function (event) {
            var data = JSON.parse(event.data);
            if (pageBuild !== null && data.build !== pageBuild) { location.reload(); }
          });
          source.addEventListener("reload", function () { location.reload(); });
          source.addEventListener("build-error", function (event) { showOverlay(JSON.parse(event.data)); });

          function element(tag, style, text) {
            var node = document.createElement(tag);
            node.setAttribute("style", style);
            if (text !== undefined) { node.textContent = text; }
            return node;
          }

          function showOverlay(report) {
            var old = document.getElementById(overlayID);
            if (old) { old.remove(); }
            var overlay = element("div",
              "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.92);" +
              "color:#f5f5f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:24px;");
            overlay.id = overlayID;
            overlay.setAttribute("dir", "ltr");
            overlay.setAttribute("role", "alert");
            var close = element("button",
              "float:right;font:inherit;background:#333;color:#f5f5f5;border:1px solid #777;padding:2px 10px;cursor:pointer;",
              "close");
            close.addEventListener("click", function () { overlay.remove(); });
            overlay.appendChild(close);
            overlay.appendChild(element("h2", "margin:0 0 4px;font-size:16px;color:#ff6b6b;",
              "Build failed: " + report.summary));
            overlay.appendChild(element("p", "margin:0 0 16px;color:#bbb;",
              "The last good build is still being served. Fix the problem and save: the page reloads by itself."));
            (report.diagnostics || []).forEach(function (diagnostic) {
              var lines = (diagnostic.location ? diagnostic.location + ": " : "") +
                diagnostic.severity + ": " + diagnostic.message;
              (diagnostic.notes || []).forEach(function (note) { lines += "\n    note: " + note; });
              overlay.appendChild(element("pre",
                "margin:0 0 10px;white-space:pre-wrap;color:" + (diagnostic.severity === "error" ? "#ffb4b4" : "#ffe08a") + ";",
                lines));
            });
            document.body.appendChild(overlay);
          }
        })();

        """#
}
