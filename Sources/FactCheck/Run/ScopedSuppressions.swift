/// Inline suppressions scoped to their facts: a check runs as if the facts a directive covers
/// for it were absent, so a directive before one article's quoted figure removes that figure
/// from the comparison and never hides a conflict between two other articles.
struct ScopedSuppressions: Sendable {
    /// What suppressions did to one check.
    struct Outcome: Sendable {
        var findings: [Finding] = []
        /// The facts left out, each with the directive that left it out.
        var suppressed: [SuppressedFact] = []
        /// Indexes (into the run's suppressions) of directives that left out a fact some
        /// finding would otherwise have named, and how many such facts there were.
        var used: Set<Int> = []
        var hidden = 0
    }

    let suppressions: [Suppression]
    private let byPath: [String: [Int]]

    init(_ suppressions: [Suppression]) {
        self.suppressions = suppressions
        byPath = Dictionary(grouping: suppressions.indices, by: { suppressions[$0].directive.path })
    }

    /// The check's findings over the facts it reads, less those its directives cover.
    func findings(of check: any Check, in index: FactIndex) -> Outcome {
        guard !suppressions.isEmpty else { return Outcome(findings: check.findings(in: index)) }
        var outcome = Outcome()
        var covering: [ObjectIdentifier: Int] = [:]
        let read = check.settings.read(index)
        for fact in read {
            guard let directive = byPath[fact.location.path]?.first(where: {
                suppressions[$0].covers(rule: check.id, path: fact.location.path, line: fact.location.line)
            }) else { continue }
            covering[ObjectIdentifier(fact)] = directive
            outcome.suppressed.append(SuppressedFact(fact: fact, check: check.id, directive: suppressions[directive].directive))
        }
        guard !covering.isEmpty else { return Outcome(findings: check.findings(in: index)) }
        outcome.findings = check.findings(in: FactIndex(read.filter { covering[ObjectIdentifier($0)] == nil }, changed: index.changed))
        // A directive is used when, without it, a finding would name a fact it covers.
        let named = Set(check.findings(in: index).flatMap { $0.locations.map { Place(document: $0.document, location: $0.location) } })
        for fact in read {
            if let directive = covering[ObjectIdentifier(fact)], named.contains(Place(document: fact.document, location: fact.location)) {
                outcome.used.insert(directive)
                outcome.hidden += 1
            }
        }
        return outcome
    }

    private struct Place: Hashable {
        var document: String
        var location: SourceLocation
    }
}

/// A fact a check left out because of an inline suppression: report.json's
/// `triage.suppressed_facts`, so that what a directive hides is never silent.
public struct SuppressedFact: Decodable, Sendable, Hashable {
    /// The check that did not read it.
    public var check: String
    public var key: String
    public var value: String
    public var document: String
    public var location: SourceLocation
    /// The directive that covers it.
    public var directive: SourceLocation

    /// Whether this is `fact`, left out.
    public func isOf(_ fact: Fact) -> Bool {
        fact.document == document && fact.location == location
    }

    init(fact: Fact, check: String, directive: SourceLocation) {
        self.check = check
        key = fact.key
        value = fact.value
        document = fact.document
        location = fact.location
        self.directive = directive
    }
}
