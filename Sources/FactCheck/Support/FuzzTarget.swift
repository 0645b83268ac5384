import PCRE2

/// Entry points for fuzzing (Fuzz/, scripts/fuzz) and for replaying past crashers in the
/// tests. Each takes arbitrary bytes, must never crash or hang, and checks the invariants a
/// user relies on; a broken invariant stops the process with a message, which the fuzzer
/// reports as a crash.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// Decoding a file (the first byte picks .txt, .md or .jsonl; the rest is the file),
    /// canonicalization and extraction with the shipped pack: every fact's location lies in
    /// the file, and in a .txt or .md file quotes exactly the text at its line and columns.
    case document
    /// Loading a rule file: never a crash, and every error names a line of the file.
    case rules
    /// Each value parser (the first byte picks the type; the rest is the text): never NaN or
    /// infinity, amounts within `ValueLimits`, ranges low to high, money never negative.
    case values

    public func run(_ bytes: [UInt8], pack: RulePack) {
        switch self {
        case .document: Self.document(bytes, pack: pack)
        case .rules: Self.rules(bytes)
        case .values: Self.values(bytes)
        }
    }

    private static func document(_ bytes: [UInt8], pack: RulePack) {
        guard let selector = bytes.first else { return }
        let format = ["txt", "md", "jsonl"][Int(selector) % 3]
        let file = Array(bytes.dropFirst())
        let path = "fuzz." + format
        var corpus = Corpus()
        CorpusLoader.decode(file, path: path, into: &corpus)
        let body = Array(file.dropFirst(UTF8Validation.byteOrderMarkLength(of: file)))
        let lines = splitLines(body)
        let extractor = Extractor(pack: pack)
        let matcher = Matcher()
        for document in corpus.documents {
            let (facts, _) = extractor.extract(document, matcher: matcher)
            for fact in facts {
                let location = fact.location
                require(location.line >= 1 && location.line <= lines.count && location.endLine >= location.line
                        && location.endLine <= lines.count && location.column >= 1 && location.endColumn >= 1,
                        "location \(location.line):\(location.column)-\(location.endLine):\(location.endColumn) outside a file of \(lines.count) lines")
                guard format != "jsonl", location.line == location.endLine else { continue }
                let line = lines[location.line - 1]
                require(location.column <= location.endColumn && location.endColumn - 1 <= line.count,
                        "columns \(location.column)-\(location.endColumn) outside line \(location.line) of \(line.count) characters")
                let quoted = String(String.UnicodeScalarView(line[(location.column - 1)..<(location.endColumn - 1)]))
                require(quoted == location.text, "line \(location.line) has '\(quoted)' where the fact quotes '\(location.text)'")
            }
        }
    }

    private static func rules(_ bytes: [UInt8]) {
        guard UTF8Validation.firstInvalidOffset(in: bytes) == nil else { return }
        let text = String(decoding: bytes, as: UTF8.self)
        let lineCount = splitLines(bytes).count
        let pack = RuleLoader.load(sources: [("fuzz.yaml", text)])
        for error in pack.errors {
            require((error.line ?? 1) >= 1 && (error.line ?? 1) <= max(1, lineCount + 1), "error at line \(error.line ?? 0) of a \(lineCount)-line file: \(error.message)")
        }
    }

    private static func values(_ bytes: [UInt8]) {
        guard let selector = bytes.first else { return }
        let type = ValueType.allCases[Int(selector) % ValueType.allCases.count]
        let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
        let context = FactValue.Context(captures: ["value": text], articleDate: CalendarDate(year: 2025, month: 2, day: 28), sentence: text)
        guard let value = try? FactValue.parse(text, as: type, context: context) else { return }
        let display = value.display
        require(!display.contains("NaN") && !display.contains("inf"), "'\(display)' from '\(text)'")
        if let amount = value.quantity {
            for end in [amount.value] + (amount.upper.map { [$0] } ?? []) {
                require(!end.isNaN && abs(end) <= ValueLimits.maximum, "amount \(end) out of range from '\(text)'")
            }
            require(amount.upper.map { $0 >= amount.value } ?? true, "range \(amount.value)–\(amount.upper!) reversed from '\(text)'")
        }
        if case .money(let money) = value { require(money.amount >= 0, "negative amount \(money.amount) from '\(text)'") }
    }

    /// The lines of a file as Unicode scalars, split at LF, CRLF and a lone CR, as locations count them.
    /// Written apart from `LineIndex` on purpose: the check must not trust the code it checks.
    private static func splitLines(_ bytes: [UInt8]) -> [[Unicode.Scalar]] {
        var lines: [[Unicode.Scalar]] = [[]]
        var previous: Unicode.Scalar?
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            if scalar == "\n" {
                if previous != "\r" { lines.append([]) }
            } else if scalar == "\r" {
                lines.append([])
            } else {
                lines[lines.count - 1].append(scalar)
            }
            previous = scalar
        }
        return lines
    }

    private static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("fuzz invariant broken: " + message()) }
    }
}
