import AnswerKit
import ArgumentParser
import Foundation

extension Check {
    /// `check --stale`: the expiry report on standard output (text or JSON); exit status 0
    /// unless the site cannot be read.
    func listStale() throws {
        guard let days = ExpiryReport.parseWindow(within) else {
            throw ValidationError("--within takes a number of days such as 30d, 2w or 45, not '\(within)'")
        }
        let (loaded, diagnostics) = ConfigLoader.load(root: site.rootURL)
        guard let config = loaded else {
            emit(diagnostics, format: .text)
            throw ExitCode.failure
        }
        let today = Day.today()
        let content: LoadedContent
        do {
            content = try ContentLoader.load(root: site.rootURL, config: config, today: today)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        if content.diagnostics.hasErrors {
            printError("note: \(content.diagnostics.errorCount) errors keep some entries out of this list; run 'answerkit check'")
        }
        let report = ExpiryReport.make(entries: content.entries, today: today, within: days)
        switch format {
        case .text: print(report.text, terminator: "")
        case .json: FileHandle.standardOutput.write(Data(JSONWriter.bytes(report.json)))
        }
    }
}
