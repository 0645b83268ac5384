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
    /// The output sanitizer (`PrintableText`) on any text: no control or bidirectional
    /// formatting character and no line break inside a line, no printed line the GitHub Actions
    /// runner reads as a command (`::` after leading white space, `##[` anywhere), also after
    /// an indent, text with nothing to escape unchanged, and escaping twice the same as once.
    case output
    /// The front-matter date parser, alone and as front matter reads a `date:` field: an accepted
    /// date is a real day of a four-digit year whose ISO form reads back as itself, a field the
    /// parser accepts is accepted in the matching form too, and a refused field is one error
    /// quoting it.
    case dates

    public func run(_ bytes: [UInt8], pack: RulePack) {
        switch self {
        case .document: Self.document(bytes, pack: pack)
        case .rules: Self.rules(bytes)
        case .values: Self.values(bytes)
        case .output: Self.output(bytes)
        case .dates: Self.dates(bytes)
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

    private static func output(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        /// What a terminal or the runner would act on, written apart from `PrintableText`: C0
        /// (tab and line ends included), DEL, C1, and the bidirectional marks, embeddings,
        /// overrides and isolates.
        func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
            default: false
            }
        }
        func requireSafe(_ printed: String, _ label: String) {
            let unsafe = printed.unicodeScalars.first(where: isUnsafe)
            require(unsafe == nil, "\(label) prints U+\(String(unsafe!.value, radix: 16, uppercase: true)) raw from \(text.debugDescription)")
        }
        /// Whether the runner takes a line for a workflow command: `::` once .NET's `TrimStart`
        /// (or JavaScript's `trimStart`, which also drops U+FEFF) is done, or `##[` anywhere.
        func isCommand(_ line: String) -> Bool {
            let bytes = Array(line.utf8)
            return bytes.indices.dropFirst(2).contains { bytes[$0 - 2] == 0x23 && bytes[$0 - 1] == 0x23 && bytes[$0] == 0x5B }
                || line.unicodeScalars.drop { $0.properties.isWhitespace || $0 == "\u{FEFF}" }.starts(with: "::".unicodeScalars)
        }
        let line = PrintableText.line(text)
        requireSafe(line, "line")
        require(!isCommand(line) && !isCommand("  " + line), "line prints a workflow command: \(line.debugDescription)")
        require(text.unicodeScalars.contains(where: isUnsafe) || isCommand(text) || line == text,
                "line changed \(text.debugDescription), which needs no escape, to \(line.debugDescription)")
        require(PrintableText.line(line) == line, "line escapes its own output again: \(line.debugDescription)")
        let started = PrintableText.startingLine(line)
        require(!isCommand(started), "startingLine prints a workflow command: \(started.debugDescription)")
        let lines = PrintableText.lines(text)
        for printed in lines.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            requireSafe(printed, "lines")
            require(!isCommand(printed), "lines prints a workflow command: \(printed.debugDescription)")
        }
        require(PrintableText.lines(lines) == lines, "lines escapes its own output again: \(lines.debugDescription)")
    }

    private static func dates(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        /// A day of the proleptic Gregorian calendar, restated apart from `CalendarDate`.
        func requireReal(_ date: CalendarDate, _ label: String) {
            let leap = date.year % 400 == 0 || (date.year % 4 == 0 && date.year % 100 != 0)
            let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            require((0...9999).contains(date.year) && (1...12).contains(date.month) && date.day >= 1 && date.day <= days[date.month - 1],
                    "\(label) accepted \(text.debugDescription) as \(date.year)-\(date.month)-\(date.day)")
            let iso = date.description
            require(iso.utf8.count == 10 && CalendarDate(parsing: iso) == date, "\(label): \(date) does not read back from '\(iso)'")
        }
        let parsed = CalendarDate(parsing: text)
        if let parsed { requireReal(parsed, "the parser") }
        var errors: [CorpusError] = []
        let metadata = DocumentMetadata(fields: [(key: "date", value: text, line: 3)], path: "fuzz.md", errors: &errors)
        if let date = metadata.date {
            requireReal(date, "front matter")
            require(errors.isEmpty, "front matter read \(text.debugDescription) as \(date) with errors \(errors)")
            require(parsed == nil || parsed == date, "front matter read \(text.debugDescription) as \(date), the parser as \(parsed!)")
        } else {
            require(parsed == nil, "front matter lost the date \(parsed!) of \(text.debugDescription)")
            require(errors == [.badDate(path: "fuzz.md", line: 3, value: text)] && errors[0].message.contains("is not a valid date"),
                    "front matter refused \(text.debugDescription) with \(errors)")
        }
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
