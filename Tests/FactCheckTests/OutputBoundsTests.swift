import Foundation
import Testing
@testable import FactCheck

/// A JSON Lines export of one article per value, each giving its value as the Vietnam–Laos
/// trade target (`consistency.trade-target` compares them all).
private func targets(_ directory: TemporaryDirectory, _ values: [Int]) -> String {
    directory.write("export.jsonl", values.enumerated().map { index, value in
        #"{"id": "a\#(index)", "date": "2025-03-01", "text": "Việt Nam và Lào phấn đấu đạt kim ngạch thương mại \#(value) tỷ USD."}"#
    }.joined(separator: "\n") + "\n")
}

private func render(_ reporter: some Reporter, _ report: Report) throws -> String {
    String(decoding: try reporter.render(report, context: ReportContext(pack: shippedPack, failOn: .error)), as: UTF8.self)
}

/// What `validator` says of `output` checked against `schema` (in ../shared/schemas): nil
/// when it is valid, or when this checkout has no schemas.
private func schemaProblems(_ output: String, name: String, schema: String, validator: (String, String) -> [String]) throws -> String? {
    let schema = packageRoot + "/../shared/schemas/" + schema
    guard FileManager.default.fileExists(atPath: schema) else { return nil }
    let directory = TemporaryDirectory()
    let path = directory.write(name, output)
    let result = try run("/usr/bin/env", validator(schema, path))
    return result.status == 0 ? nil : result.stderr + result.stdout
}

/// How many facts a line of output says were left out, or nil.
private func omittedCount(_ text: some StringProtocol) -> Int? {
    let note = /và (\d+) dữ kiện khác trong report\.json · and (\d+) more in report\.json/
    return String(text).firstMatch(of: note).map { Int($0.output.1)! }
}

@Suite struct OutputBoundsTests {
    /// N articles giving N values for one key: one finding whose N facts are all suspects.
    /// Listing every fact at each of them made JUnit N² (1.5 GB at 4,000); now every output
    /// grows with N.
    @Test func nArticlesGivingNValuesMakeOutputLinearInN() throws {
        let count = 600
        let directory = TemporaryDirectory()
        let report = CheckRun.run(paths: [targets(directory, Array(1...count))], pack: shippedPack, jobs: 2, triage: TriageOptions()).report
        let finding = try #require(report.findings.first { $0.rule == "consistency.trade-target" })
        #expect(finding.suspects.count == count)

        // Per article an output prints one place (a test case, an annotation, a location, a
        // row), the finding's message (eight values at most) and at most `listedEvidence` + 1
        // facts, each a line of its path, quote and value with some markup: c = 2 × that, for
        // escapes and pretty-printed JSON. Before, JUnit alone was N × that.
        let longestFact = finding.locations.map { $0.location.path.utf8.count + $0.location.text.utf8.count + ($0.normalized?.utf8.count ?? 0) }.max()!
        let perArticle = 2 * ((Finding.listedEvidence + 1) * (longestFact + 80) + finding.message.utf8.count + 200)
        let outputs: [(String, String)] = [
            ("github", try render(GitHubReporter(), report)), ("text", try render(TextReporter(), report)),
            ("junit", try render(JUnitReporter(), report)), ("sarif", try render(SARIFReporter(), report)),
            ("json", try render(JSONReporter(), report)), ("html", try render(HTMLReporter(), report)),
        ]
        for (name, output) in outputs {
            #expect(output.utf8.count < perArticle * count, "\(name): \(output.utf8.count) bytes for \(count) articles")
        }

        // Each annotation and each test case: its own fact, ten others, and how many more.
        let annotations = outputs[0].1.split(separator: "\n").filter { $0.contains("title=consistency.trade-target") }
        #expect(annotations.count == count)
        for annotation in annotations {
            let lines = annotation.components(separatedBy: "%0A")
            #expect(lines.count == 1 + Finding.listedEvidence + 1)
            #expect(omittedCount(lines.last!) == count - 1 - Finding.listedEvidence)
        }
        let failures = outputs[2].1.components(separatedBy: "<failure ").dropFirst()
        #expect(failures.count == count)
        for failure in failures {
            let body = failure.prefix { $0 != "<" }.split(separator: "\n")
            #expect(body.count == 1 + 1 + Finding.listedEvidence + 1)
            #expect(omittedCount(body.last!) == count - 1 - Finding.listedEvidence)
        }
        // The terminal listing and SARIF name every suspect once; here there is no other fact.
        #expect(outputs[1].1.split(separator: "\n").filter { $0.contains("export.jsonl:") }.count == 1 + count)
        #expect(omittedCount(outputs[1].1) == nil)
        #expect(try schemaProblems(outputs[2].1, name: "report.junit.xml", schema: "junit.xsd") { ["xmllint", "--noout", "--schema", $0, $1] } == nil)
        #expect(try schemaProblems(outputs[3].1, name: "report.sarif", schema: "sarif-schema-2.1.0.json") {
            ["python3", packageRoot + "/scripts/validate-json.py", "--schema", $0, $1]
        } == nil)
        // report.json keeps every fact of the finding, once.
        #expect(outputs[4].1.components(separatedBy: "\"suspect\": true").count - 1 == count)
    }

    /// Half the articles agree, the rest each give a value of their own: the suspects are those,
    /// and what each output lists beside them is the agreeing facts first, ten of them.
    @Test func eachOutputListsTheAgreeingFactsFirstThenHowManyMore() throws {
        let directory = TemporaryDirectory()
        let (agreeing, alone) = (30, 20)
        let path = targets(directory, Array(repeating: 10, count: agreeing) + (1...alone).map { 100 + $0 })
        let report = CheckRun.run(paths: [path], pack: shippedPack, jobs: 2, triage: TriageOptions()).report
        let finding = try #require(report.findings.first { $0.rule == "consistency.trade-target" })
        #expect(finding.suspects.count == alone)

        let github = try render(GitHubReporter(), report).split(separator: "\n").filter { $0.contains("title=consistency.trade-target") }
        #expect(github.count == alone)
        for annotation in github {
            let lines = annotation.components(separatedBy: "%0A")
            #expect(lines.dropFirst().dropLast().allSatisfy { $0.hasSuffix("= 10.000.000.000 USD") })
            #expect(lines.count == 1 + Finding.listedEvidence + 1)
            #expect(omittedCount(lines.last!) == agreeing + alone - 1 - Finding.listedEvidence)
        }

        // The text listing: every suspect, marked, then ten agreeing facts and the count.
        let text = try render(TextReporter(), report).split(separator: "\n")
        let header = try #require(text.firstIndex { $0.contains("[consistency.trade-target]") })
        let listed = text[(header + 1)...].prefix { $0.hasPrefix("    ") }
        #expect(listed.filter { $0.hasSuffix("(nghi vấn · suspect)") }.count == alone)
        #expect(listed.count == alone + Finding.listedEvidence + 1)
        #expect(omittedCount(listed.last!) == agreeing - Finding.listedEvidence)

        // SARIF: the result at every suspect, ten related locations, the rest counted.
        let sarif = try JSONSerialization.jsonObject(with: Data(try render(SARIFReporter(), report).utf8)) as! [String: Any]
        let result = try #require(((sarif["runs"] as! [[String: Any]])[0]["results"] as! [[String: Any]]).first { $0["ruleId"] as? String == "consistency.trade-target" })
        #expect((result["locations"] as! [Any]).count == alone)
        #expect((result["relatedLocations"] as! [Any]).count == Finding.listedEvidence)
        #expect(omittedCount((result["message"] as! [String: Any])["text"] as! String) == agreeing - Finding.listedEvidence)
    }

    @Test func aListingCostsItsSubjectAndTheBoundNotEveryFact() {
        let evidence = (0..<1_000).map { index in
            Evidence(location: SourceLocation(path: "a.md", line: index + 1, column: 1, endLine: index + 1, endColumn: 2, text: "x"),
                     document: "d\(index)", value: "\(index)", normalized: nil, suspect: index < 400)
        }
        let finding = Finding(rule: "r", severity: .error, message: "m", key: "k", fingerprint: "f", locations: evidence)
        let listing = Finding.Listing(finding)
        #expect(listing.suspects == Array(0..<400))
        // One suspect: itself, then the first ten facts that agree.
        #expect(listing.about([7]) == ([7] + Array(400..<410), 989))
        // Every suspect: then ten of the rest.
        let all = listing.about(listing.suspects)
        #expect(all.indexes == Array(0..<410) && all.omitted == 590)
        // A finding of suspects only lists the other suspects.
        let suspects = Finding.Listing(Finding(rule: "r", severity: .error, message: "m", key: "k", fingerprint: "f",
                                               locations: evidence.prefix(12).map { var e = $0; e.suspect = true; return e }))
        #expect(suspects.about([0, 5]) == ([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0))
        #expect(suspects.about([11]) == (Array(0..<10) + [11], 1))
    }
}
