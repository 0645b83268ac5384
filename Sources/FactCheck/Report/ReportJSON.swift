import Foundation

/// report.json, written member by member in sorted key order (docs/report.schema.json).
/// Reading it back goes through `Decodable`.
extension Report {
    /// The report as JSON, ending in a newline. Same report, same bytes.
    public func json() -> Data {
        var sink = ByteSink()
        writeJSON(to: &sink)
        return Data(sink.buffer)
    }

    func writeJSON(to sink: inout ByteSink) {
        JSONWriter.write(into: &sink) { json in json.object { json in
            json.key("documents")
            json.array(documents) { json, document in document.write(to: &json) }
            json.key("errors")
            json.array(errors) { json, error in error.write(to: &json) }
            if let facts {
                json.key("facts")
                json.array(facts) { json, fact in fact.write(to: &json) }
            }
            json.key("findings")
            json.array(findings) { json, finding in finding.write(to: &json) }
            json.key("summary")
            json.object { json in
                json.field("documents", summary.documents)
                json.field("errors", summary.errors)
                json.field("facts", summary.facts)
                json.field("findings", summary.findings)
                json.field("rules", summary.rules)
            }
            json.key("triage")
            triage.write(to: &json)
            json.field("version", version)
            if !warnings.isEmpty {
                json.key("warnings")
                json.array(warnings) { json, warning in warning.write(to: &json) }
            }
        } }
    }
}

extension ReportedDocument {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("date", date?.description)
            json.field("facts", facts)
            json.field("id", id)
            json.field("line", line)
            json.field("path", path)
            json.field("title", title)
            json.field("url", url)
        }
    }
}

extension ReportedError {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("column", column)
            json.field("kind", kind)
            json.field("line", line)
            json.field("message", message)
            json.field("path", path)
            json.field("rule", rule)
        }
    }
}

extension Fact {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("as_of", asOf?.description)
            json.key("captures")
            json.object { json in
                for name in captures.keys.sorted() { json.field(name, captures[name]) }
            }
            json.field("document", document)
            json.field("key", key)
            json.key("location")
            json.object { json in location.writeMembers(to: &json, context: false) }
            if let modality { json.field("modality", modality) }
            if let normalized {
                json.key("normalized")
                normalized.write(to: &json)
            }
            json.field("period", period)
            json.field("rule", rule)
            json.field("sentence", sentence)
            json.field("type", type)
            if let unknownContext {
                json.key("unknown_context")
                json.array(unknownContext) { json, name in json.string(name) }
            }
            json.field("value", value)
            json.field("zone", zone)
        }
    }
}

extension SourceLocation {
    /// The location's members in sorted order; `extra` members are merged in where they sort.
    /// The quoting context (`before`, `after`) is written for findings' evidence, not for
    /// every fact: it would double the size of report.json.
    func writeMembers(to json: inout JSONWriter, context: Bool = true, extra: [(String, (inout JSONWriter) -> Void)] = []) {
        let members: [(String, (inout JSONWriter) -> Void)] = [
            ("after", { $0.field("after", context ? after : nil) }), ("before", { $0.field("before", context ? before : nil) }),
            ("column", { $0.field("column", column) }), ("end_column", { $0.field("end_column", endColumn) }),
            ("end_line", { $0.field("end_line", endLine) }), ("line", { $0.field("line", line) }),
            ("path", { $0.field("path", path) }), ("text", { $0.field("text", text) }),
        ]
        for (_, write) in (members + extra).sorted(by: { $0.0 < $1.0 }) { write(&json) }
    }
}

extension Finding {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("fingerprint", fingerprint)
            json.field("key", key)
            json.key("locations")
            json.array(locations) { json, evidence in
                json.object { json in
                    evidence.location.writeMembers(to: &json, extra: [
                        ("as_of", { $0.field("as_of", evidence.asOf?.description) }),
                        ("document", { $0.field("document", evidence.document) }), ("normalized", { $0.field("normalized", evidence.normalized) }),
                        ("period", { $0.field("period", evidence.period) }),
                        ("suspect", { $0.field("suspect", evidence.suspect) }), ("value", { $0.field("value", evidence.value) }),
                    ])
                }
            }
            json.field("message", message)
            json.field("rule", rule)
            json.field("severity", severity)
            json.field("suggestion", suggestion)
        }
    }
}

extension Triage {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("baseline_hidden", baselineHidden)
            if let changed {
                json.key("changed")
                json.array(changed) { json, path in json.string(path) }
            }
            json.field("outside_changed", outsideChanged)
            json.key("stale_baseline")
            json.array(staleBaseline) { json, entry in
                json.object { json in
                    json.field("fingerprint", entry.fingerprint)
                    json.field("key", entry.key)
                    json.field("message", entry.message)
                    json.field("rule", entry.rule)
                }
            }
            json.field("suppressed", suppressed)
            json.key("suppressed_facts")
            json.array(suppressedFacts) { json, fact in
                json.object { json in
                    json.field("check", fact.check)
                    json.key("directive")
                    json.object { json in fact.directive.writeMembers(to: &json, context: false) }
                    json.field("document", fact.document)
                    json.field("key", fact.key)
                    json.key("location")
                    json.object { json in fact.location.writeMembers(to: &json, context: false) }
                    json.field("value", fact.value)
                }
            }
        }
    }
}

extension FactValue {
    func write(to json: inout JSONWriter) {
        json.object { json in
            switch self {
            case .money(let money):
                json.field("amount", "\(money.amount)")
                json.field("currency", money.currency)
                json.field("qualifier", money.qualifier)
                json.field("type", ValueType.money)
                json.field("upper", money.quantity.upper.map { "\($0)" })
            case .count(let count):
                json.field("noun", count.noun)
                json.field("qualifier", count.qualifier)
                json.field("type", ValueType.count)
                json.field("upper", count.quantity.upper.map { "\($0)" })
                json.field("value", "\(count.value)")
            case .percent(let percent):
                json.field("qualifier", percent.quantity.qualifier)
                json.field("type", ValueType.percent)
                json.field("unit", percent.unit.rawValue)
                json.field("upper", percent.quantity.upper.map { "\($0)" })
                json.field("value", "\(percent.value)")
            case .date(let date):
                json.field("day", date.day)
                json.field("end_day", date.endDay)
                json.field("end_month", date.endMonth)
                json.field("end_year", date.endYear)
                json.field("kind", date.kind)
                json.field("month", date.month)
                json.field("part_of_day", date.partOfDay)
                json.field("type", ValueType.date)
                json.field("year", date.year)
                json.field("year_source", date.yearSource)
            case .name(let name):
                json.field("name", name.name)
                json.field("type", ValueType.name)
            case .person(let person):
                json.field("country", person.country)
                json.field("former", person.former)
                json.field("name", person.name)
                json.key("titles")
                json.array(person.titles) { json, title in json.string(title) }
                json.field("type", ValueType.person)
            case .text(let text):
                json.field("text", text)
                json.field("type", ValueType.text)
            }
        }
    }
}
