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
///
/// The open tabs of the site share one event stream (a Web Lock elects the tab
/// that connects; a BroadcastChannel relays its events to the others), so any
/// number of tabs stays within the browser's six connections per host.
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
          var eventsPath = "/__answerkit/events";
          var types = ["hello", "reload", "build-error"];

          function handle(type, data) {
            if (type === "hello") {
              if (pageBuild !== null && data.build !== pageBuild) { location.reload(); }
            } else if (type === "reload") {
              location.reload();
            } else if (type === "build-error") {
              showOverlay(data);
            }
          }

          function connect(deliver) {
            var source = new EventSource(eventsPath);
            types.forEach(function (type) {
              source.addEventListener(type, function (event) { deliver(type, JSON.parse(event.data)); });
            });
          }

          // A browser opens at most six HTTP/1.1 connections to a host, and an event
          // stream holds one for as long as its page is open: with one stream per tab,
          // a seventh tab on the dev server would wait for its page forever. So the
          // tabs of the site share one stream: the tab holding the Web Lock connects and
          // relays every event over a BroadcastChannel; when it closes, the lock passes
          // to another tab, which connects. A tab opened later asks the holder for the
          // build it serves and the current build error. Where these APIs are missing
          // (an origin that is not secure, e.g. --host 0.0.0.0 opened by a LAN address)
          // every tab has its own stream, as before.
          var locks = typeof navigator !== "undefined" && navigator.locks;
          if (!locks || typeof BroadcastChannel !== "function") {
            connect(handle);
          } else {
            var channel = new BroadcastChannel("answerkit-dev-server");
            var me = Math.random().toString(36).slice(2);
            var holder = null;
            channel.onmessage = function (event) {
              var message = event.data || {};
              if (message.type === "ask") {
                if (holder && holder.hello) {
                  channel.postMessage({ type: "hello", data: holder.hello, to: message.from });
                  if (holder.error) { channel.postMessage({ type: "build-error", data: holder.error, to: message.from }); }
                }
              } else if (types.indexOf(message.type) >= 0 && (!message.to || message.to === me)) {
                handle(message.type, message.data);
              }
            };
            locks.request("answerkit-dev-server", function () {
              holder = { hello: null, error: null };
              connect(function (type, data) {
                // What a tab opened later needs: the server's greeting, then the error if any.
                if (type === "build-error") { holder.error = data; } else { holder.hello = data; holder.error = null; }
                channel.postMessage({ type: type, data: data });
                handle(type, data);
              });
              return new Promise(function () {});  // held until this page goes away
            });
            channel.postMessage({ type: "ask", from: me });
          }

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
