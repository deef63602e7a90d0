import Testing
@testable import AnswerKit

/// The template engine against the Mustache spec's rules that the theme relies on
/// (https://github.com/mustache/spec: interpolation, sections, inverted, partials,
/// comments, inheritance), plus its error positions.
@Suite struct MustacheTests {
    /// Renders `main` with the other templates available as partials/parents.
    func render(_ main: String, _ context: TemplateValue, partials: [String: String] = [:]) throws -> String {
        var library = TemplateLibrary()
        library.register(try Template(main), named: "main")
        for (name, text) in partials { library.register(try Template(text), named: name) }
        return String(decoding: try #require(library.render("main", context)), as: UTF8.self)
    }

    @Test func variablesEscapeHTMLAndTripleMustacheDoesNot() throws {
        let context: TemplateValue = ["name": "<b>Sam & \"Co\"</b>", "n": 3]
        #expect(try render("Hi {{name}}!", context) == "Hi &lt;b&gt;Sam &amp; &quot;Co&quot;&lt;/b&gt;!")
        #expect(try render("Hi {{{name}}}!", context) == "Hi <b>Sam & \"Co\"</b>!")
        #expect(try render("Hi {{&name}}!", context) == "Hi <b>Sam & \"Co\"</b>!")
        #expect(try render("{{n}} items", context) == "3 items")
        #expect(try render("[{{missing}}]", context) == "[]")
    }

    @Test func escapingKeepsNonASCIIIntact() throws {
        #expect(try render("{{t}}", ["t": "مرحباً 'x' שלום"]) == "مرحباً &#39;x&#39; שלום")
    }

    @Test func dottedNamesAndContextLookupWalkUpTheStack() throws {
        let context: TemplateValue = ["site": ["title": "Help"], "lang": "ar", "items": [["name": "a"], ["name": "b"]]]
        #expect(try render("{{site.title}}", context) == "Help")
        #expect(try render("{{#items}}{{name}}-{{lang}};{{/items}}", context) == "a-ar;b-ar;")
        #expect(try render("{{site.missing.deeper}}|", context) == "|")
    }

    @Test func sectionsIterateListsAndTestTruthiness() throws {
        let context: TemplateValue = ["list": ["x", "y"], "yes": true, "no": false, "empty": "", "zero": 0, "none": [], "obj": ["k": "v"]]
        #expect(try render("{{#list}}<{{.}}>{{/list}}", context) == "<x><y>")
        #expect(try render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}", context) == "Y")
        #expect(try render("{{#empty}}E{{/empty}}{{^empty}}not-empty-false{{/empty}}", context) == "not-empty-false")
        #expect(try render("{{#zero}}Z{{/zero}}{{#none}}L{{/none}}{{^none}}no items{{/none}}", context) == "no items")
        #expect(try render("{{#obj}}{{k}}{{/obj}}", context) == "v")
        #expect(try render("{{#absent}}A{{/absent}}{{^absent}}B{{/absent}}", context) == "B")
    }

    @Test func standaloneTagsLeaveNoBlankLines() throws {
        let template = """
        <ul>
          {{#items}}
          <li>{{.}}</li>
          {{/items}}
          {{! a comment on its own line }}
        </ul>

        """
        #expect(try render(template, ["items": ["a", "b"]]) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n")
    }

    @Test func partialsSeeTheCallersContext() throws {
        let output = try render("{{#entries}}{{> item}}{{/entries}}", ["entries": [["title": "One"], ["title": "Two"]]],
                                partials: ["item": "<li>{{title}}</li>"])
        #expect(output == "<li>One</li><li>Two</li>")
        #expect(try render("[{{> nowhere}}]", [:]) == "[]")
    }

    @Test func inheritanceReplacesBlocksAndKeepsDefaults() throws {
        let layout = "<title>{{$title}}Default{{/title}}</title><main>{{$main}}{{/main}}</main>{{$foot}}© {{site}}{{/foot}}"
        let page = "{{<layout}}{{$title}}Refunds · {{site}}{{/title}}{{$main}}<p>{{body}}</p>{{/main}}{{/layout}}"
        let output = try render(page, ["site": "Help", "body": "text"], partials: ["layout": layout])
        #expect(output == "<title>Refunds · Help</title><main><p>text</p></main>© Help")
    }

    @Test func nestedParentsOverrideInnermostFirst() throws {
        let base = "[{{$a}}base-a{{/a}}|{{$b}}base-b{{/b}}]"
        let middle = "{{<base}}{{$a}}middle-a{{/a}}{{/base}}"
        let page = "{{<middle}}{{$b}}page-b{{/b}}{{/middle}}"
        #expect(try render(page, [:], partials: ["base": base, "middle": middle]) == "[middle-a|page-b]")
    }

    @Test func syntaxErrorsNameLineAndColumn() {
        func failure(_ text: String) -> Template.SyntaxError? {
            do { _ = try Template(text); return nil } catch { return error }
        }
        let unclosed = failure("line one\n  {{#items}}\n  {{name}}\n")
        #expect(unclosed?.line == 2)
        #expect(unclosed?.column == 3)
        #expect(unclosed?.message.contains("never closed") == true)

        let mismatched = failure("{{#a}}\n{{/b}}")
        #expect(mismatched?.line == 2)
        #expect(mismatched?.column == 1)
        #expect(mismatched?.message.contains("unexpected {{/b}}") == true)

        let open = failure("ok\nبرحبا {{title")
        #expect(open?.line == 2)
        #expect(open?.column == 7)

        #expect(failure("{{}}")?.message == "empty tag")
        #expect(failure("{{a b}}")?.message.contains("contains a space") == true)
        #expect(failure("{{=<% %>=}}")?.message.contains("delimiters") == true)
    }

    @Test func referencesListPartialsAndParents() throws {
        let template = try Template("{{<layout}}{{$main}}{{> partials/list}}{{#x}}{{> inner}}{{/x}}{{/main}}{{/layout}}")
        #expect(Set(template.references) == ["layout", "partials/list", "inner"])
    }
}
