import Foundation
import Testing
@testable import FactCheck

// Issue #14: N articles giving one key N values, N disable directives and one enable, and an
// article of N paragraphs each took O(N²). Each algorithm that replaced a quadratic one is
// checked here against the quadratic one, kept as the reference, on many random inputs.

// MARK: consistency

/// A consistency check over the key `k`, as a rule pack would configure it.
private func consistencyCheck(tolerance: String, window: Int?, tiers: Bool) throws -> ConsistencyCheck {
    let yaml = """
        checks:
          - id: t.consistency
            kind: consistency
            description: test
            facts: [k]
            tolerance: \(tolerance)
            tiers: \(tiers)
        \(window.map { "    window_days: \($0)\n" } ?? "")    severity: error
            message: '{key} · {period} · {values}'
        """
    let pack = RuleLoader.load(sources: [("rules/checks.yaml", yaml)])
    try #require(pack.errors.isEmpty, "\(pack.errors)")
    return try #require(pack.checks.first as? ConsistencyCheck)
}

/// A fact of key `k` with `value`, on its own line of its document.
private func fact(_ value: FactValue, document: String, asOf: CalendarDate?, line: Int) -> Fact {
    Fact(rule: "t", key: "k", value: value.display, type: value.type, normalized: value, modality: .actual, period: "năm 2024",
         asOf: asOf, document: document, zone: .body, sentence: line,
         location: FactCheck.SourceLocation(path: document + ".md", line: line, column: 1, endLine: line, endColumn: 9, text: value.display),
         captures: [:])
}

/// `ConsistencyCheck.outcome` as it was before `ClusterIndex`: each value compared with every
/// cluster's first value, every pair of clusters for the window, every cluster with every
/// other for tiers. O(N²) for N values, and what the new outcome must equal.
private func referenceOutcome(_ check: ConsistencyCheck, group: ConsistencyCheck.GroupKey, facts: [Fact], changed: Set<String>?)
    -> ConsistencyCheck.Outcome
{
    var clusters: [[Fact]] = []
    var clusterOfValue: [FactValue: Int] = [:]
    for fact in facts {
        let value = fact.normalized!
        if let index = clusterOfValue[value]
            ?? clusters.firstIndex(where: { $0[0].normalized!.isCompatible(with: value, tolerance: check.tolerance) }) {
            clusters[index].append(fact)
            clusterOfValue[value] = index
        } else {
            clusters.append([fact])
            clusterOfValue[value] = clusters.count - 1
        }
    }
    guard clusters.count > 1 else { return .agree(values: Set(facts.map { $0.normalized! }).count) }
    func isATier(_ index: Int, of clusters: [[Fact]]) -> Bool {
        let documents = Set(clusters[index].map(\.document))
        return clusters.indices.contains { $0 != index && clusters[$0].contains { documents.contains($0.document) } }
    }
    func anyWithin(_ window: Int, _ a: [Int], _ b: [Int]) -> Bool {
        var (i, j) = (0, 0)
        while i < a.count, j < b.count {
            if abs(a[i] - b[j]) <= window { return true }
            if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return false
    }
    func conflictIsWithinWindow() -> Bool {
        guard let windowDays = check.windowDays else { return true }
        let documents = clusters.map { Set($0.map(\.document)) }
        let undated = clusters.map { Set($0.filter { $0.asOf == nil }.map(\.document)) }
        let days = clusters.map { $0.compactMap { $0.asOf?.dayNumber }.sorted() }
        for index in clusters.indices {
            for other in (index + 1)..<clusters.count {
                if !undated[index].isDisjoint(with: documents[other]) || !documents[index].isDisjoint(with: undated[other]) { return true }
                if anyWithin(windowDays, days[index], days[other]) { return true }
            }
        }
        return false
    }
    guard conflictIsWithinWindow() else { return .outsideWindow }
    guard !(check.tiers && clusters.indices.allSatisfy({ isATier($0, of: clusters) })) else { return .tiers }
    let articles = clusters.map { Set($0.map(\.document)).count }
    clusters = clusters.indices.sorted { (articles[$1], $0) < (articles[$0], $1) }.map { clusters[$0] }
    let values = ConsistencyCheck.listed(clusters.map { "\($0[0].value) (\(articleCount($0)))" })
    let suspect = ConsistencyCheck.suspects(
        check.tiers ? clusters.indices.filter { !isATier($0, of: clusters) }.map { clusters[$0] } : clusters, changed: changed)
    let all = clusters.flatMap { $0 }
    return .finding(check.settings.finding(
        key: group.key, values: ["key": group.key, "values": values, "period": group.period ?? ""],
        facts: all.filter { suspect.contains(ObjectIdentifier($0)) }, evidence: all.filter { !suspect.contains(ObjectIdentifier($0)) },
        fingerprintValues: [group.modality?.rawValue ?? "", group.period ?? ""] + clusters.map { $0[0].normalized!.fingerprint }))
}

/// Random values of every kind from small pools, so that groups have equal values, values
/// within a tolerance of each other, ranges, qualifiers, unknown years and days of unknown months.
private struct ValueMaker {
    var random: SplitMix64

    mutating func pick<T>(_ choices: [T]) -> T { choices[Int.random(in: 0..<choices.count, using: &random)] }
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    mutating func amount(negative: Bool) -> Amount {
        let pool: [Decimal] = [1, 2, Decimal(string: "2.02")!, Decimal(string: "2.05")!, 3, Decimal(string: "9.5")!, 10,
                               Decimal(string: "10.1")!, 12, 100, Decimal(string: "0.5")!]
        var (low, high) = (pick(pool), chance(20) ? pick(pool) : nil)
        if let upper = high, upper < low { (low, high) = (upper, low) }
        if negative, chance(30) { (low, high) = (-(high ?? low), high.map { _ in -low }) }
        return Amount(low, upper: high, qualifier: chance(50) ? .exact : pick(Qualifier.allCases))
    }

    mutating func date() -> DateValue {
        let year = chance(20) ? nil : pick([2024, 2025])
        switch pick([DateValue.Kind.day, .day, .days, .month, .period, .year, .range]) {
        case .day: return DateValue(kind: .day, year: year, month: chance(15) ? nil : pick([1, 2]), day: pick([1, 2, 3]))
        case .days: return DateValue(kind: .days, year: year, month: 1, day: pick([1, 2]), endYear: pick([year, 2026]), endMonth: 1, endDay: 3)
        case .month: return DateValue(kind: .month, year: year, month: pick([1, 2]))
        case .period: return DateValue(kind: .period, year: year, month: pick([1, 4]), endMonth: pick([3, 6]))
        case .year: return DateValue(kind: .year, year: year)
        case .range: return DateValue(kind: .range, year: year, endYear: pick([2025, 2030]))
        }
    }

    mutating func value(of kind: Int) -> FactValue {
        switch kind {
        case 0: .money(Money(quantity: amount(negative: false), currency: pick(["USD", "USD", "VND"])))
        case 1: .count(Count(quantity: amount(negative: false), noun: pick(["dự án", "dự án", ""])))
        case 2: .percent(Percent(quantity: amount(negative: true), unit: pick([.percent, .percent, .points])))
        case 3: .date(date())
        case 4: .name(NameValue(name: pick(["Hà Nội", "hà  nội", "Hà Nội-Viêng Chăn", "hà nội - viêng chăn", "Viêng Chăn"])))
        case 5: .person(Person(captures: ["name": pick(["Sonexay Siphandone", "Thongloun Sisoulith"]), "title": pick(["Thủ tướng", "Chủ tịch nước"])])!)
        default: .text(pick(["a", "b", "c"]))
        }
    }
}

extension Percent {
    init(quantity: Amount, unit: Unit) {
        self = try! Percent(parsing: "1%")!
        self.quantity = quantity
        self.unit = unit
    }
}

extension Count {
    init(quantity: Amount, noun: String) {
        self = try! Count(parsing: "1")!
        self.quantity = quantity
        self.noun = noun
    }
}

@Suite struct ConsistencyClusteringTests {
    private let group = ConsistencyCheck.GroupKey(key: "k", modality: .actual, period: "năm 2024", document: nil)

    /// Random groups of every kind of value, with every option of the check: the outcome is the
    /// quadratic reference's, finding for finding (clusters, their order, suspects, message,
    /// fingerprint), or the same reason for none.
    @Test func clusteringGivesWhatComparingEveryClusterGave() throws {
        var maker = ValueMaker(random: SplitMix64(seed: 14))
        var findings = 0
        var outcomes: Set<String> = []
        for tolerance in ["0", "0.02", "5%", "0.3"] {
            for window in [nil, 0, 3, 40] {
                for tiers in [false, true] {
                    let check = try consistencyCheck(tolerance: tolerance, window: window, tiers: tiers)
                    for _ in 0..<60 {
                        let kinds = (0..<maker.pick([1, 1, 2, 3])).map { _ in maker.pick(Array(0...6)) }
                        let documents = (0..<maker.pick([1, 3, 8, 20])).map { "d\($0)" }
                        let dates = Dictionary(uniqueKeysWithValues: documents.map { document in
                            (document, maker.chance(15) ? nil : CalendarDate(year: 2025, month: maker.pick([1, 2]), day: maker.pick([1, 2, 5, 28])))
                        })
                        let facts = (0..<maker.pick([1, 2, 5, 12, 30, 60])).map { line in
                            let document = maker.pick(documents)
                            return fact(maker.value(of: maker.pick(kinds)), document: document, asOf: dates[document]!, line: line + 1)
                        }
                        let changed = maker.chance(30) ? Set(documents.filter { _ in maker.chance(30) }) : nil
                        let outcome = check.outcome(of: group, facts: facts, changed: changed)
                        #expect(outcome == referenceOutcome(check, group: group, facts: facts, changed: changed),
                                "tolerance \(tolerance), window \(window.map(String.init) ?? "none"), tiers \(tiers): \(facts.map(\.value))")
                        if case .finding = outcome { findings += 1 }
                        outcomes.insert(outcome.explanation.components(separatedBy: ":")[0])
                    }
                }
            }
        }
        // The random groups reach every outcome, and findings often.
        #expect(outcomes == ["a finding (error)", "agree", "values differ, but no two facts of different values are as of days within the window (window_days)",
                             "values differ, but each is given beside another by some article"])
        #expect(findings > 500)
    }

    /// The case of the issue, at a size the reference still takes: every article another value.
    @Test func aThousandArticlesGivingAThousandValuesAreOneFindingNamingThemAll() throws {
        let check = try consistencyCheck(tolerance: "0", window: 30, tiers: true)
        let facts = (0..<1_000).map { index in
            fact(.money(Money(amount: Decimal(1_000 + index), currency: "USD")), document: "d\(index)",
                 asOf: CalendarDate(year: 2025, month: 1 + index % 12, day: 1 + index % 28), line: 1)
        }
        let outcome = check.outcome(of: group, facts: facts, changed: nil)
        #expect(outcome == referenceOutcome(check, group: group, facts: facts, changed: nil))
        guard case .finding(let finding) = outcome else { Issue.record("no finding: \(outcome)"); return }
        #expect(finding.locations.count == 1_000)
        #expect(finding.message.hasSuffix("… 992 giá trị khác"))  // `ConsistencyCheck.listedValues`: eight are listed
    }

    @Test func theTreeGivesTheLowestValueOfARangeAndTheLastPositionHoldingOne() {
        var random = SplitMix64(seed: 7)
        for count in [0, 1, 2, 3, 7, 8, 9, 33] {
            var tree = MinTree(count: count)
            var values = [Int?](repeating: nil, count: count)
            for _ in 0..<200 where count > 0 {
                let position = Int.random(in: 0..<count, using: &random)
                let value = Int.random(in: 0..<3, using: &random) == 0 ? nil : Int.random(in: 0..<50, using: &random)
                (tree[position], values[position]) = (value, value)
                let low = Int.random(in: 0...count, using: &random), high = Int.random(in: low...count, using: &random)
                #expect(tree.lowest(in: low..<high) == values[low..<high].compactMap { $0 }.min())
                #expect(tree.last(before: high) == values[..<high].lastIndex { $0 != nil })
                #expect(tree[position] == value)
            }
        }
    }
}

// MARK: suppressions

/// `Suppression.parse` as it was: an enable filtered every open disable, and removed those it
/// closed by looking each up among them: O(N²) for N disables and one enable.
private func referenceParse(lines: [Substring], path: String, document: String) -> [Suppression] {
    var result: [Suppression] = []
    var open: [(rules: Set<String>, line: Int, directive: FactCheck.SourceLocation)] = []
    for (index, line) in lines.enumerated() {
        let number = index + 1
        guard let (command, rules, column, text) = Suppression.directive(in: line) else { continue }
        let directive = FactCheck.SourceLocation(path: path, line: number, column: column, endLine: number,
                                       endColumn: column + text.unicodeScalars.count, text: text)
        switch command {
        case "factcheck-disable-next-line":
            result.append(Suppression(rules: rules, lines: (number + 1)...(number + 1), directive: directive, document: document))
        case "factcheck-disable":
            open.append((rules, number, directive))
        default:
            let closing = open.filter { rules.isEmpty || $0.rules == rules || !$0.rules.isDisjoint(with: rules) }
            for disable in closing {
                result.append(Suppression(rules: disable.rules, lines: disable.line...number, directive: disable.directive, document: document))
            }
            open.removeAll { disable in closing.contains { $0.line == disable.line } }
        }
    }
    for disable in open {
        result.append(Suppression(rules: disable.rules, lines: disable.line...max(disable.line, lines.count), directive: disable.directive, document: document))
    }
    return result.sorted { ($0.directive.line, $0.lines.lowerBound) < ($1.directive.line, $1.lines.lowerBound) }
}

/// Random lines of an article with directives: disables, enables and next-line disables of
/// none, one or several of four rules, text, and comments that are no directive.
private func directiveLines(_ random: inout SplitMix64, count: Int) -> [Substring] {
    (0..<count).map { _ in
        let rules = ["a", "b", "c", "d"].filter { _ in Int.random(in: 0..<4, using: &random) == 0 }.joined(separator: ", ")
        let command = ["factcheck-disable", "factcheck-disable", "factcheck-enable", "factcheck-disable-next-line"][Int.random(in: 0..<4, using: &random)]
        return switch Int.random(in: 0..<6, using: &random) {
        case 0: "Việt Nam và Lào."
        case 1: "<!-- ghi chú -->"
        default: Substring("<!-- \(command) \(rules) -->")
        }
    }
}

@Suite struct SuppressionParsingTests {
    /// Disables closed by enables naming one of their rules, by enables naming none, or by the
    /// end of the file: the same suppressions as the quadratic reference.
    @Test func parsingGivesWhatFilteringEveryOpenDisableGave() {
        var random = SplitMix64(seed: 1414)
        var closedByEnable = 0
        for _ in 0..<400 {
            let lines = directiveLines(&random, count: Int.random(in: 0..<40, using: &random))
            let parsed = Suppression.parse(lines: lines, path: "p.md", document: "p")
            #expect(parsed == referenceParse(lines: lines, path: "p.md", document: "p"), "\(lines)")
            closedByEnable += parsed.filter { $0.lines.count > 1 && $0.lines.upperBound < lines.count }.count
        }
        #expect(closedByEnable > 1_000)
    }

    @Test func oneEnableClosesEveryDisableBeforeIt() {
        let lines = (1...2_000).map { Substring("<!-- factcheck-disable r\($0 % 7) -->") } + ["<!-- factcheck-enable -->", "Hết."]
        let parsed = Suppression.parse(lines: lines, path: "p.md", document: "p")
        #expect(parsed == referenceParse(lines: lines, path: "p.md", document: "p"))
        #expect(parsed.map(\.lines) == (1...2_000).map { $0...2_001 })
    }

    /// Each fact is left out by the first directive covering it for the check, as when every
    /// directive of its file was looked at in turn; directives of two files, in any order.
    @Test func eachFactIsLeftOutByTheFirstDirectiveCoveringIt() {
        var random = SplitMix64(seed: 2026)
        var covered = 0
        for _ in 0..<200 {
            var suppressions: [Suppression] = []
            for path in ["p", "q"] {
                suppressions += Suppression.parse(lines: directiveLines(&random, count: Int.random(in: 0..<30, using: &random)),
                                                  path: path + ".md", document: path)
            }
            suppressions.shuffle(using: &random)
            let scoped = ScopedSuppressions(suppressions)
            let facts = (0..<Int.random(in: 0..<30, using: &random)).map { _ in
                fact(.text("x"), document: ["p", "q", "r"][Int.random(in: 0..<3, using: &random)], asOf: nil, line: Int.random(in: 1...32, using: &random))
            }
            for rule in ["a", "b", "e"] {
                let first = scoped.firstCovering(facts, rule: rule)
                let reference = facts.map { fact in
                    suppressions.indices.first { suppressions[$0].covers(rule: rule, path: fact.location.path, line: fact.location.line) }
                }
                #expect(first == reference)
                covered += first.compactMap { $0 }.count
            }
        }
        #expect(covered > 1_000)
    }
}

// MARK: zones

@Suite struct ZoneLookupTests {
    /// Paragraphs, blank lines of spaces, captions, duplicates and a trailer in random order:
    /// every byte's zone is that of the region holding it, as when the regions were scanned.
    @Test func everyOffsetIsInTheZoneOfTheRegionHoldingIt() {
        var random = SplitMix64(seed: 100_000)
        let pieces = ["Một.", "Hai\nba.", "Ảnh: TTXVN", "Quang cảnh hội đàm. Ảnh: VGP", "Bốn.", "  ", "", "Tin liên quan", "Cũ."]
        var kinds: Set<ZoneKind> = []
        for _ in 0..<200 {
            let text = (0..<Int.random(in: 0..<25, using: &random)).map { _ in
                pieces[Int.random(in: 0..<pieces.count, using: &random)] + ["\n", "\n\n", "\n \t\n"][Int.random(in: 0..<3, using: &random)]
            }.joined()
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                let zones = ZoneMap(text: buffer, markers: shippedPack.zones, matcher: .init())
                for offset in 0...bytes.count {
                    let expected = zones.regions.first { $0.range.contains(offset) }?.kind
                    #expect(zones.kind(at: offset) == expected, "offset \(offset) of \(text.debugDescription)")
                    if let expected { kinds.insert(expected) }
                }
            }
        }
        #expect(kinds == Set(ZoneKind.allCases))
    }
}
