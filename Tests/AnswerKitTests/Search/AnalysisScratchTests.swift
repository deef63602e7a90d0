// TEMPORARY development helper (to be deleted): dumps analyzer output for /tmp/akx/in.json.
@testable import AnswerKit
import Foundation
import Testing

@Suite struct AnalysisScratchTests {
    @Test func dump() throws {
        guard let data = FileManager.default.contents(atPath: "/tmp/akx/in.json") else { return }
        let cases = try JSONSerialization.jsonObject(with: data) as! [[String: Any]]
        var out: [[String: Any]] = []
        for c in cases {
            let a = Analyzer(locale: c["locale"] as! String)
            let input = c["input"] as! String
            let q = (c["query"] as? Bool) ?? false
            out.append(["locale": c["locale"]!, "input": input, "query": q, "output": q ? a.analyzeQuery(input) : a.analyze(input)])
        }
        let json = try JSONSerialization.data(withJSONObject: out, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try json.write(to: URL(fileURLWithPath: "/tmp/akx/out-swift.json"))
    }
}
