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
        for (fact, directive) in zip(read, firstCovering(read, rule: check.id)) {
            guard let directive else { continue }
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

    /// For each fact, the first directive (by index) that covers it for `rule`. Per path, the
    /// facts in the order of their lines pass the directives' first lines; a tree over the
    /// directives passed, in the order of their last lines, gives the lowest index among those
    /// reaching the fact's line. So O((F + D) log D) for F facts and D directives, where looking
    /// through the directives for each fact took F × D.
    func firstCovering(_ facts: [Fact], rule: String) -> [Int?] {
        var first = [Int?](repeating: nil, count: facts.count)
        for (path, positions) in Dictionary(grouping: facts.indices, by: { facts[$0].location.path }) {
            let directives = (byPath[path] ?? []).filter { suppressions[$0].isAbout(rule: rule) }
            guard !directives.isEmpty else { continue }
            let starts = directives.map { suppressions[$0].lines.lowerBound }, ends = directives.map { suppressions[$0].lines.upperBound }
            let byStart = directives.indices.sorted { starts[$0] < starts[$1] }
            let byEnd = directives.indices.sorted { ends[$0] < ends[$1] }
            var rank = [Int](repeating: 0, count: directives.count)
            for (place, directive) in byEnd.enumerated() { rank[directive] = place }
            var begun = MinTree(count: directives.count)
            var next = 0
            for position in positions.sorted(by: { facts[$0].location.line < facts[$1].location.line }) {
                let line = facts[position].location.line
                while next < byStart.count, starts[byStart[next]] <= line {
                    begun[rank[byStart[next]]] = directives[byStart[next]]
                    next += 1
                }
                first[position] = begun.lowest(in: byEnd.partitioningIndex { ends[$0] >= line }..<byEnd.count)
            }
        }
        return first
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
