import Yams

/// A fast parser for the YAML that front matter and configuration files use, producing the
/// same `Yams.Node` trees as `Yams.compose(yaml:)`, or declining so that Yams parses instead.
///
/// Yams (libyaml events turned into Swift nodes, then a `Dictionary` per mapping for its
/// duplicate-key check) was 15–20% of a 10 000-entry build. This parser reads UTF-8 bytes
/// once, builds the nodes directly and keeps Yams' exact output: values, scalar styles,
/// tags (raw names as Yams leaves them: `""` on plain values, `tag:yaml.org,2002:str` on
/// quoted and block scalars and on every mapping key, which Yams resolves while hashing)
/// and marks (1-based line and column, columns counted in Unicode scalars, as libyaml does).
/// Collections get style `.any`, which is what Yams 6 reports (it reads the style from the
/// end event). It is written by hand because no package parses YAML into `Yams.Node` other
/// than Yams itself.
///
/// ## The subset
///
/// Accepted (everything else makes `compose` return `.unsupported`):
/// - The root is a block mapping or block sequence, or nothing (blank and comment lines
///   only, which gives `nil` as Yams does).
/// - Block mappings whose keys are single-line plain, single- or double-quoted scalars
///   (at most 1000 bytes up to the `:`, within libyaml's simple-key limit), followed by
///   `:` and a space or the end of the line; no key appears twice in one mapping.
/// - Block sequences (`- item`), also "indentless" at the column of their mapping key
///   (`key:` then `- a` at the key's column), and `- key: value` mappings inside items.
/// - A value on the key's line, or an empty value (a plain `""` scalar marked right after
///   the `:` or `-`, as libyaml does), or a block mapping or sequence on the next lines.
/// - Single-line flow sequences `[a, "b c"]` and flow mappings `{ code: en, name: x }`
///   whose entries are scalars (a trailing comma and an empty flow-mapping value allowed).
/// - Plain scalars on one line (a continuation line makes the document unsupported),
///   ending before `: `, ` #` or the end of the line; inside flow collections also before
///   `,` `[` `]` `{` `}`.
/// - Single-quoted (`''`) and double-quoted scalars on one line, with every libyaml escape
///   except escaped line breaks (`\0 \a \b \t \n \v \f \r \e \  \" \/ \\ \N \_ \L \P \x \u \U`).
/// - Literal `|` and folded `>` block scalars with chomping `-`/`+` (no explicit indentation
///   digit); indentation and folding follow libyaml's algorithm line for line.
/// - Comments: whole lines, and after a value (`#` after a space; right after a quoted
///   scalar or flow collection as libyaml allows).
///
/// Declined, for Yams to parse (or to report, so every error message is Yams'): anchors,
/// aliases, tags, `?` keys, directives, `---`/`...` lines, nested flow collections,
/// multi-line flow collections and quoted or plain scalars, scalars on the line after their
/// key, tabs and carriage returns anywhere, a byte-order mark, control characters and the
/// line separators libyaml also breaks lines at (NEL, LS, PS), duplicate keys, nesting
/// deeper than 64, and any indentation libyaml would reject or read differently.
enum FastYAML {
    /// What `compose` made of a text.
    enum Outcome {
        /// The text is in the subset: its root node (`nil` for an empty document), equal to
        /// what `Yams.compose` returns.
        case parsed(Node?)
        /// The text uses YAML outside the subset, or is invalid: ask Yams.
        case unsupported
    }

    /// Parses `text` as `Yams.compose(yaml: text, resolver, constructor, .utf8)` would.
    ///
    /// The resolver and constructor only go into the nodes' tags, as Yams does; keys are
    /// resolved with `resolver` the way Yams' duplicate-key check resolves them.
    static func compose(_ text: String, resolver: Resolver = .basic, constructor: Constructor = defaultConstructor) -> Outcome {
        guard marksAreConstructible else { return .unsupported }
        var text = text
        return text.withUTF8 { bytes in
            guard FastYAMLParser.usesSubsetCharacters(bytes) else { return .unsupported }
            var parser = FastYAMLParser(bytes: bytes, resolver: resolver, constructor: constructor)
            do {
                return .parsed(try parser.parseDocument())
            } catch {
                return .unsupported
            }
        }
    }
}

// MARK: - Shared values

extension FastYAML {
    /// One `Constructor.default` for every document: Yams' `.default` is a computed property that
    /// builds a new instance (three dictionaries) on each use, and a `Constructor` is immutable
    /// (its maps are private `let`s), so sharing one is safe although the class is not `Sendable`.
    nonisolated(unsafe) static let defaultConstructor = Constructor.default
}

// MARK: - Marks

extension FastYAML {
    /// The stored layout of `Yams.Mark`: line, then column.
    ///
    /// Yams gives `Mark` no public initializer (its memberwise one is internal), so marks
    /// are built with this twin struct and `unsafeBitCast`, after `marksAreConstructible`
    /// has checked, once, that the layouts agree; if Yams ever changes `Mark`, the check
    /// fails and every document goes to Yams.
    private struct MarkLayout {
        var line: Int
        var column: Int
    }

    /// Whether `mark(line:column:)` builds correct marks with this version of Yams.
    static let marksAreConstructible: Bool = {
        guard MemoryLayout<Mark>.size == MemoryLayout<MarkLayout>.size,
            MemoryLayout<Mark>.alignment == MemoryLayout<MarkLayout>.alignment
        else { return false }
        let probe = unsafeBitCast(MarkLayout(line: 3, column: 7), to: Mark.self)
        return probe.line == 3 && probe.column == 7
    }()

    /// A Yams mark (1-based line and column); only valid when `marksAreConstructible`.
    @inline(__always)
    static func mark(line: Int, column: Int) -> Mark {
        unsafeBitCast(MarkLayout(line: line, column: column), to: Mark.self)
    }
}
