/// What a backend writes for a stored file's documents, facts, errors and suppressions, and
/// reads back: plain columns (text, integers and `ValueCodec` bytes), one struct per table, so
/// that every backend stores exactly the same values and turns them into the same objects. A
/// backend only says how the columns reach its tables.
package struct DocumentRow: Sendable {
    package var id: String
    package var line: Int
    package var title: String?
    package var date: String?
    package var url: String?
    package var facts: Int

    package init(id: String, line: Int, title: String?, date: String?, url: String?, facts: Int) {
        (self.id, self.line, self.title, self.date, self.url, self.facts) = (id, line, title, date, url, facts)
    }

    package init(_ document: ReportedDocument) {
        self.init(id: document.id, line: document.line, title: document.title, date: document.date?.description, url: document.url,
                  facts: document.facts)
    }

    package func document(path: String) -> ReportedDocument {
        ReportedDocument(id: id, path: path, line: line, title: title, date: date.flatMap(CalendarDate.init(parsing:)), url: url, facts: facts)
    }
}

/// A fact's columns. The rule, key and period are texts here; a backend may intern them.
package struct FactRow: Sendable {
    package var rule: String
    package var key: String
    package var value: String
    package var type: String
    package var normalized: [UInt8]?
    package var modality: String?
    package var period: String?
    /// yyyymmdd.
    package var asOf: Int?
    package var zone: String
    package var sentence: Int
    package var line: Int
    package var column: Int
    package var endLine: Int
    package var endColumn: Int
    package var text: String
    package var before: String?
    package var after: String?
    package var captures: [UInt8]
    /// The context variables, separated by spaces.
    package var unknownContext: String?

    package init(
        rule: String, key: String, value: String, type: String, normalized: [UInt8]?, modality: String?, period: String?, asOf: Int?,
        zone: String, sentence: Int, line: Int, column: Int, endLine: Int, endColumn: Int, text: String, before: String?, after: String?,
        captures: [UInt8], unknownContext: String?
    ) {
        (self.rule, self.key, self.value, self.type, self.normalized, self.modality, self.period, self.asOf) =
            (rule, key, value, type, normalized, modality, period, asOf)
        (self.zone, self.sentence, self.line, self.column, self.endLine, self.endColumn) = (zone, sentence, line, column, endLine, endColumn)
        (self.text, self.before, self.after, self.captures, self.unknownContext) = (text, before, after, captures, unknownContext)
    }

    package init(_ fact: Fact) {
        let location = fact.location
        self.init(
            rule: fact.rule, key: fact.key, value: fact.value, type: fact.type.rawValue, normalized: fact.normalized.map(ValueCodec.encode),
            modality: fact.modality?.rawValue, period: fact.period, asOf: fact.asOf.map { $0.year * 10_000 + $0.month * 100 + $0.day },
            zone: fact.zone.rawValue, sentence: fact.sentence, line: location.line, column: location.column, endLine: location.endLine,
            endColumn: location.endColumn, text: location.text, before: location.before, after: location.after,
            captures: ValueCodec.encode(captures: fact.captures), unknownContext: fact.unknownContext?.joined(separator: " "))
    }

    /// The fact these columns hold, in `document` of the file at `path`.
    package func fact(path: String, document: String) throws(ByteReaderError) -> Fact {
        guard let type = ValueType(rawValue: type), let zone = ZoneKind(rawValue: zone) else { throw ByteReaderError() }
        var modality: Modality?
        if let text = self.modality {
            guard let known = Modality(rawValue: text) else { throw ByteReaderError() }
            modality = known
        }
        let asOf = self.asOf.flatMap { CalendarDate(year: $0 / 10_000, month: $0 / 100 % 100, day: $0 % 100) }
        let location = SourceLocation(path: path, line: line, column: column, endLine: endLine, endColumn: endColumn, text: text,
                                      before: before, after: after)
        return Fact(
            rule: rule, key: key, value: value, type: type, normalized: try normalized.map(ValueCodec.decode), modality: modality,
            period: period, asOf: asOf, document: document, zone: zone, sentence: sentence, location: location,
            captures: try ValueCodec.decodeCaptures(captures), unknownContext: unknownContext.map { $0.split(separator: " ").map(String.init) })
    }
}

package struct ErrorRow: Sendable {
    package var kind: String
    package var path: String
    package var line: Int?
    package var column: Int?
    package var rule: String?
    package var message: String
    package var severity: String

    package init(kind: String, path: String, line: Int?, column: Int?, rule: String?, message: String, severity: String) {
        (self.kind, self.path, self.line, self.column, self.rule, self.message, self.severity) = (kind, path, line, column, rule, message, severity)
    }

    package init(_ error: ReportedError) {
        self.init(kind: error.kind.rawValue, path: error.path, line: error.line, column: error.column, rule: error.rule,
                  message: error.message, severity: error.severity.rawValue)
    }

    package func error() throws(ByteReaderError) -> ReportedError {
        guard let kind = ErrorKind(rawValue: kind), let severity = Severity(rawValue: severity) else { throw ByteReaderError() }
        return ReportedError(kind: kind, path: path, line: line, column: column, rule: rule, message: message, severity: severity)
    }
}

package struct SuppressionRow: Sendable {
    package var document: String
    /// Check ids, sorted, separated by spaces.
    package var rules: String
    package var firstLine: Int
    package var lastLine: Int
    package var line: Int
    package var column: Int
    package var endLine: Int
    package var endColumn: Int
    package var text: String

    package init(document: String, rules: String, firstLine: Int, lastLine: Int, line: Int, column: Int, endLine: Int, endColumn: Int,
                 text: String) {
        (self.document, self.rules, self.firstLine, self.lastLine) = (document, rules, firstLine, lastLine)
        (self.line, self.column, self.endLine, self.endColumn, self.text) = (line, column, endLine, endColumn, text)
    }

    package init(_ suppression: Suppression) {
        let directive = suppression.directive
        self.init(document: suppression.document, rules: suppression.rules.sorted().joined(separator: " "),
                  firstLine: suppression.lines.lowerBound, lastLine: suppression.lines.upperBound, line: directive.line,
                  column: directive.column, endLine: directive.endLine, endColumn: directive.endColumn, text: directive.text)
    }

    package func suppression(path: String) -> Suppression {
        let directive = SourceLocation(path: path, line: line, column: column, endLine: endLine, endColumn: endColumn, text: text)
        return Suppression(rules: Set(rules.split(separator: " ").map(String.init)), lines: firstLine...max(firstLine, lastLine),
                           directive: directive, document: document)
    }
}

extension ReportedError {
    /// An error as a store gives it back.
    init(kind: ErrorKind, path: String, line: Int?, column: Int?, rule: String?, message: String, severity: Severity) {
        self.kind = kind
        self.path = path
        self.line = line
        self.column = column
        self.rule = rule
        self.message = message
        self.severity = severity
    }
}
