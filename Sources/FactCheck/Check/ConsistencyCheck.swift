import Foundation

/// `consistency`: facts with the same key, modality and period must have compatible values,
/// within one document or across the corpus, optionally only between facts whose article
/// dates are within a window. The finding lists every fact, grouped by value.
///
/// Two options fit figures that are not one number per period. `requires_period`: a fact
/// that names no period is not compared (a turnover "đạt 2,2 tỷ USD" without its year could be
/// any year's). `tiers`: values are rungs of a ladder — leaders set a near-term and a
/// longer-term target at once (5 tỷ USD soon, 10 tỷ USD later), and outlets quote either — so
/// a value an article gives beside another value of the group is a tier, never a conflict;
/// only a value no article gives beside another (and that disagrees with the rest) is.
///
/// ```yaml
/// - id: consistency.trade-target
///   kind: consistency
///   facts: [trade.turnover.target*]
///   scope: corpus          # or document
///   tolerance: 0           # a fraction: 0.05 allows 5%
///   window_days: 365       # optional
///   requires_period: true  # optional: facts without a period are not compared
///   tiers: true            # optional: an article's several values are tiers, not a conflict
///   severity: error
///   message: 'Mục tiêu kim ngạch không thống nhất: {values}'
/// ```
/// Placeholders: `{key}`, `{values}` ("10 tỷ USD (3 bài) / 15 tỷ USD (1 bài)"), `{period}`.
struct ConsistencyCheck: Check {
    enum Scope: String { case document, corpus }

    static let keys = ["scope", "tolerance", "window_days", "requires_period", "tiers"]
    static let placeholders = ["key", "values", "period"]

    let settings: CheckSettings
    let scope: Scope
    let tolerance: Decimal
    let windowDays: Int?
    let requiresPeriod: Bool
    let tiers: Bool

    var id: String { settings.id }

    init(settings: CheckSettings, config: YAMLMapping) throws(RuleError) {
        self.settings = settings
        let scopeName = try config.string("scope") ?? Scope.corpus.rawValue
        guard let scope = Scope(rawValue: scopeName) else { throw config.invalid("scope", "must be document or corpus") }
        self.scope = scope
        tolerance = try config.fraction("tolerance") ?? 0
        windowDays = try config.int("window_days", in: 0...36_500)
        requiresPeriod = try config.bool("requires_period") ?? false
        tiers = try config.bool("tiers") ?? false
    }

    func findings(in facts: FactIndex) -> [Finding] {
        var groups: [GroupKey: [Fact]] = [:]
        var order: [GroupKey] = []
        for fact in settings.read(facts) where fact.normalized != nil && fact.unknownContext == nil && (!requiresPeriod || fact.period != nil) {
            let key = GroupKey(key: fact.key, modality: fact.modality, period: fact.period, document: scope == .document ? fact.document : nil)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(fact)
        }
        return order.compactMap { key in finding(for: key, facts: groups[key]!) }
    }

    private struct GroupKey: Hashable {
        var key: String
        var modality: Modality?
        var period: String?
        var document: String?
    }

    private func finding(for group: GroupKey, facts: [Fact]) -> Finding? {
        // Each fact joins the first cluster whose first value it is compatible with; facts
        // with a value seen before join that value's cluster without comparing again.
        var clusters: [[Fact]] = []
        var clusterOfValue: [FactValue: Int] = [:]
        for fact in facts {
            let value = fact.normalized!
            if let index = clusterOfValue[value] ?? clusters.firstIndex(where: { $0[0].normalized!.isCompatible(with: value, tolerance: tolerance) }) {
                clusters[index].append(fact)
                clusterOfValue[value] = index
            } else {
                clusters.append([fact])
                clusterOfValue[value] = clusters.count - 1
            }
        }
        guard clusters.count > 1, conflictIsWithinWindow(clusters), !(tiers && everyValueIsATier(clusters)) else { return nil }
        // The value most articles give first; ties keep the order of first appearance.
        let articles = clusters.map { Set($0.map(\.document)).count }
        clusters = clusters.indices.sorted { (articles[$1], $0) < (articles[$0], $1) }.map { clusters[$0] }
        let values = clusters.map { "\($0[0].value) (\(articleCount($0)))" }.joined(separator: " / ")
        return settings.finding(
            key: group.key, values: ["key": group.key, "values": values, "period": group.period ?? ""],
            facts: clusters.flatMap { $0 },
            fingerprintValues: [group.modality?.rawValue ?? "", group.period ?? ""] + clusters.map { $0[0].normalized!.display })
    }

    /// Whether every cluster's value is given by some article beside another cluster's value:
    /// then the values are tiers of one ladder, which the corpus agrees on.
    private func everyValueIsATier(_ clusters: [[Fact]]) -> Bool {
        let documents = clusters.map { Set($0.map(\.document)) }
        return documents.indices.allSatisfy { index in
            documents.indices.contains { $0 != index && !documents[$0].isDisjoint(with: documents[index]) }
        }
    }

    /// Without a window every conflict counts. With one, two facts of different clusters must
    /// share a document or have article dates at most `windowDays` apart.
    private func conflictIsWithinWindow(_ clusters: [[Fact]]) -> Bool {
        guard let windowDays else { return true }
        let documents = clusters.map { Set($0.map(\.document)) }
        let days = clusters.map { $0.compactMap { $0.asOf?.dayNumber }.sorted() }
        for index in clusters.indices {
            for other in (index + 1)..<clusters.count {
                if !documents[index].isDisjoint(with: documents[other]) { return true }
                if Self.anyWithin(windowDays, days[index], days[other]) { return true }
            }
        }
        return false
    }

    /// Whether some day of `a` is at most `window` from some day of `b` (both sorted).
    static func anyWithin(_ window: Int, _ a: [Int], _ b: [Int]) -> Bool {
        var (i, j) = (0, 0)
        while i < a.count, j < b.count {
            if abs(a[i] - b[j]) <= window { return true }
            if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return false
    }
}
