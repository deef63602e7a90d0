import Yams

/// Walks two Yams trees and names the first difference, marks, styles and raw tags included.
///
/// Yams' own `==` ignores marks and styles and resolves tags as it compares, so it cannot tell
/// whether `FastYAML` reproduces Yams exactly.
enum NodeComparison {
    /// `nil` when equal; otherwise the path (`$.replies[2].text`) and both nodes.
    static func firstDifference(_ fast: Node, _ yams: Node, path: String = "$") -> String? {
        let (a, b) = (summary(fast), summary(yams))
        guard a == b else { return "\(path): fast \(a), Yams \(b)" }
        switch (fast, yams) {
        case let (.mapping(x), .mapping(y)):
            for (index, (p, q)) in zip(x, y).enumerated() {
                if let difference = firstDifference(p.key, q.key, path: "\(path).<key \(index)>") { return difference }
                if let difference = firstDifference(p.value, q.value, path: "\(path).\(q.key.scalar?.string ?? "?")") { return difference }
            }
        case let (.sequence(x), .sequence(y)):
            for (index, (p, q)) in zip(x, y).enumerated() {
                if let difference = firstDifference(p, q, path: "\(path)[\(index)]") { return difference }
            }
        default:
            break
        }
        return nil
    }

    /// Kind, size or value, raw tag (read without resolving it), style and mark.
    static func summary(_ node: Node) -> String {
        func at(_ mark: Mark?) -> String { mark.map { "\($0.line):\($0.column)" } ?? "-" }
        switch node {
        case let .scalar(s): return "scalar \(String(reflecting: s.string)) tag '\(s.tag.description)' \(s.style) at \(at(s.mark))"
        case let .mapping(m): return "mapping of \(m.count) tag '\(m.tag.description)' \(m.style) at \(at(m.mark))"
        case let .sequence(s): return "sequence of \(s.count) tag '\(s.tag.description)' \(s.style) at \(at(s.mark))"
        case .alias: return "alias"
        }
    }

    /// An indented dump of a tree, one node per line.
    static func dump(_ node: Node, indent: String = "") -> String {
        var out = indent + summary(node) + "\n"
        switch node {
        case let .mapping(m):
            for (key, value) in m { out += dump(key, indent: indent + "  ? ") + dump(value, indent: indent + "  : ") }
        case let .sequence(s):
            for item in s { out += dump(item, indent: indent + "  - ") }
        default:
            break
        }
        return out
    }
}

/// A small deterministic generator (SplitMix64), so mutation tests repeat exactly.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Damages valid YAML the way typing does: drops, doubles, inserts or replaces one character
/// (often a YAML indicator), shifts a line's indentation, or inserts a line that changes the structure.
enum YAMLMutation {
    static let inserts: [Character] = [":", " ", "-", "\n", "\"", "'", "#", "[", "]", "{", "}", ",", "|", ">", "\\", "é", "ع", "?", "&", "*", "!", "\t"]
    static let lines = [
        "---", "...", "--- x", "- ", "-", "  - x", "- a: b", "? x", "# c", "  # c", "key: |", "key: >-", "  key: v", "\"q\": v",
        "k:", "  ", "x", "k: [a, b]", "k: {a: b}", "%YAML 1.1", "k: &a v", "k: *a", "k: 'v'", "   deeper: 1",
    ]

    static func mutate(_ text: String, using rng: inout SplitMix64) -> String {
        var characters = Array(text)
        guard !characters.isEmpty else { return lines.randomElement(using: &rng)! + "\n" }
        let index = Int.random(in: 0..<characters.count, using: &rng)
        var start = index
        while start > 0 && characters[start - 1] != "\n" { start -= 1 }
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: characters.remove(at: index)
        case 1: characters.insert(characters[index], at: index)
        case 2: characters.insert(inserts.randomElement(using: &rng)!, at: index)
        case 3: characters[index] = inserts.randomElement(using: &rng)!
        case 4:
            // Add or remove a space at the start of the line holding `index`.
            if characters[start] == " " && Bool.random(using: &rng) {
                characters.remove(at: start)
            } else {
                characters.insert(" ", at: start)
            }
        default:
            characters.insert(contentsOf: lines.randomElement(using: &rng)! + "\n", at: start)
        }
        return String(characters)
    }
}

/// Hand-written documents in the subset, each testing one corner against Yams.
enum FastYAMLSamples {
    static let inSubset: [(name: String, yaml: String)] = [
        ("empty text", ""),
        ("blank lines", "\n\n   \n"),
        ("comments only", "# a comment\n  # indented\n\n"),
        ("no final newline", "a: b"),
        ("empty value at the end", "a:"),
        ("empty values", "a:\nb:   \nc: # note\nd: x\n"),
        ("plain values", "title: Where is my refund?\nurl: https://x.example/a?b=c#frag\nneg: -5\nq: ?x\nc: :y\nh: x#y\n"),
        ("trailing spaces", "a: b   \nc: 'q'   \nd: \"dq\"  \n"),
        ("comments after values", "a: b # c\nd: \"x\"#c\ne: 'y' # z\nf: [a] # g\n"),
        ("colon inside values", "a: b:c\nd: 10:30\ne: \"Refunds: how long?\"\nf: 'x: y'\n"),
        ("hash inside quotes", "a: \"# not a comment\"\nb: 'x #y'\n"),
        ("single quotes", "a: 'it''s'\nb: ''\nc: '  spaced  '\nd: '\"'\n"),
        ("double quotes", "a: \"x\\u00e9\\/\\t\\\"\\\\\"\nb: \"\"\nc: \"a\\nb\"\nd: \"\\x41\\U0001F600\\_\\N\\L\\P\\e\\0\\ \"\n"),
        ("quoted keys", "\"a b\": 1\n'c''d': 2\n\"e\" : 3\n"),
        ("spaces before colon", "a : b\nc   : d\n"),
        ("Arabic", "عنوان: قيمة عربية\nt: \"ש\"\nوسوم: [الحساب, \"الأمان والخصوصية\"]\nرد: |\n  مرحبًا {{name}}،\n  شكرًا.\n"),
        ("Hebrew and emoji", "כותרת: שלום 👋\ny: '😀 yes'\n"),
        ("combining characters", "ké: e\u{301}\nn: \"n\u{303}\"\n"),
        ("sequence at key column", "k:\n- a\n- b\nl: 1\n"),
        ("sequence indented", "k:\n  - a\n  - b\nl: 1\n"),
        ("sequence of mappings", "replies:\n  - channel: twitter\n    kind: answer\n    text: \"Hi {{name}}\"\n  - channel: email\n    text: |\n      Hi,\n\n      Thanks.\n"),
        ("indentless sequence of mappings", "replies:\n- channel: x\n  kind: y\n- channel: z\nnext: 1\n"),
        ("empty items", "- \n-\n- # c\n- x\n"),
        ("item mapping on next line", "-\n  a: 1\n  b: 2\n- x\n"),
        ("nested sequences", "a:\n  -\n    - x\n    - y\n  - z\n"),
        ("nested mappings", "a:\n  b:\n    c: 1\n  d: 2\ne: 3\n"),
        ("mapping in item with nested sequence", "a:\n  - b:\n    - c\n    d: e\n"),
        ("wide item indentation", "-   a: 1\n    b: 2\n-   c\n"),
        ("root indented", "  a: 1\n  b:\n  - x\n"),
        ("flow sequences", "a: [a, b, \"c d\", 'e']\nb: []\nc: [ ]\nd: [a, ]\ne: [a,b]\nf: [-1, x:y]\n"),
        ("flow mappings", "locales:\n  - { code: en, name: English, direction: ltr }\n  - {code: ar, name: العربية}\nb: {}\nc: { x: , y: 1 }\nd: {\"q\":v, 'r': }\ne: {a: 1, }\n"),
        ("literal", "a: |\n  x\n   y\n\n\nb: 1\n"),
        ("literal keep and strip", "a: |+\n  keep\n\nb: |-\n  strip\n\nc: |\n  clip\n\n\n"),
        ("literal keep at end", "a: |+\n  x\n\n  \n"),
        ("literal without final newline", "a: |\n  x"),
        ("literal empty", "a: |\nb: 1\nc: >\n\n"),
        ("literal leading empty lines", "a: |-\n\n  x\n\n# c\nb: 1\n"),
        ("literal with header comment", "a: | # note\n  x\nb: >- #n\n  y\n"),
        ("literal keeps hashes", "a: |\n  # not a comment\n  x: y\n  - z\n"),
        ("folded", "a: >\n  one\n  two\n\n  three\n    more\n  back\n\n\n  last\nb: >+\n\n\n"),
        ("folded strip", "a: >-\n  f\n  g\n\n  h\n"),
        ("block scalar in item", "- |\n  x\n- >\n  y\n  z\n- t: |\n    w\n"),
        ("block scalar deeper than needed", "a:\n  b: |\n        deep\n        text\n  c: 1\n"),
        ("keys of every kind", "a-b: 1\na_b: 2\n\"x\": 3\n'y': 4\n1: 5\ntrue: 6\n~: 7\n"),
        ("null-ish values", "a: ~\nb: null\nc: true\nd: 0x1F\ne: 2026-01-01\n"),
        ("equal-looking keys", "a: 1\nA: 2\n\"a \": 3\n"),
        ("dashes in values", "a: --x\nb: x - y\nc: ---\n---x: 1\n...y: 2\n"),
        ("comment between entries", "a: 1\n   # indented comment\n# col 0\nb:\n  # before nested\n  c: 2\n"),
    ]

    /// Valid YAML outside the subset: the fast parser must hand these to Yams.
    static let outsideSubset: [(name: String, yaml: String)] = [
        ("anchor and alias", "a: &x 1\nb: *x\n"),
        ("tag", "a: !!str 1\n"),
        ("complex key", "? a\n: b\n"),
        ("directive", "%YAML 1.1\n---\na: 1\n"),
        ("document marker", "---\na: 1\n"),
        ("document end marker", "a: 1\n...\n"),
        ("document end marker with text", "a: 1\n... # end\n"),
        ("tab", "a:\tb\n"),
        ("CRLF", "a: b\r\nc: d\r\n"),
        ("BOM", "\u{FEFF}a: b\n"),
        ("multi-line plain", "a: one\n  two\n"),
        ("multi-line double quotes", "a: \"one\n  two\"\n"),
        ("scalar on the next line", "a:\n  b\n"),
        ("multi-line flow", "a: [x,\n  y]\n"),
        ("nested flow", "a: [x, [y]]\n"),
        ("explicit indentation", "a: |2\n  x\n"),
        ("root scalar", "just text\n"),
        ("compact nested sequence", "- - a\n"),
        ("pair in flow sequence", "a: [x: y]\n"),
        ("NEL", "a: b\u{85}c: d\n"),
        ("line separator", "a: b\u{2028}c: d\n"),
    ]

    /// Invalid YAML: Yams reports these, so the fast parser must never accept them.
    static let invalid: [(name: String, yaml: String)] = [
        ("duplicate key", "a: 1\nb: 2\na: 3\n"),
        ("duplicate in flow mapping", "a: {x: 1, x: 2}\n"),
        ("duplicate equivalent keys", "e\u{301}: 1\n\u{E9}: 2\n"),
        ("colon in plain value", "title: Refunds: how long?\n"),
        ("bad dedent", "a:\n    b: 1\n  c: 2\n"),
        ("bad item indent", "a:\n  - x\n - y\n"),
        ("unclosed quote", "a: \"x\n"),
        ("unclosed flow", "a: [x, y\n"),
        ("garbage after quote", "a: \"x\" y\n"),
        ("garbage after flow", "a: [x] y\n"),
        ("entry in value", "a: - b\n"),
        ("unknown escape", "a: \"\\q\"\n"),
        ("surrogate escape", "a: \"\\ud800\"\n"),
        ("block scalar dedent", "a: >-\n   lead\n  x\n"),
        ("key after sequence", "a:\n  - x\n  b: 1\n"),
        ("flow colon", "a: [x:]\n"),
        ("mapping after scalar", "a\nb: 1\n"),
        ("second document after a block scalar", "a: |\n  x\n---\nb: 1\n"),
        ("second document after a sequence", "a:\n- x\n--- \nb: 1\n"),
    ]
}
