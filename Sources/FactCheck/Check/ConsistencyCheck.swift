import Foundation

/// `consistency`: facts with the same key, modality and period must have compatible values,
/// within one document or across the corpus, optionally only between facts whose article
/// dates are within a window. The finding lists every fact, grouped by value: first the
/// suspects, the value the fewest articles give, then the others as evidence.
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
/// Placeholders: `{key}`, `{values}` ("10 tỷ USD (3 bài) / 15 tỷ USD (1 bài)"; past eight
/// values, "… N giá trị khác"), `{period}`.
struct ConsistencyCheck: Check {
    enum Scope: String { case document, corpus }

    static let keys = ["scope", "tolerance", "window_days", "requires_period", "tiers"]
    static let placeholders = ["key", "values", "period"]

    var settings: CheckSettings
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

    var crossesDocuments: Bool { scope == .corpus }

    func partition(of fact: Fact) -> FactPartition {
        scope == .document ? .document(fact.document) : .group(key: fact.key, modality: fact.modality, period: fact.period)
    }

    /// Facts that agree on one value never conflict (nor are facts without a value compared).
    func mayFind(in partition: FactPartition, values: PartitionValues) -> Bool {
        values == .several
    }

    func findings(in facts: FactIndex) -> [Finding] {
        comparisons(of: facts).groups.compactMap { group in
            if case .finding(let finding) = group.outcome { finding } else { nil }
        }
    }

    func explain(in facts: FactIndex) -> CheckExplanation {
        let (groups, skipped) = comparisons(of: facts)
        return CheckExplanation(
            groups: groups.map { group in
                let label = [group.key.key, group.key.modality?.rawValue ?? "no modality", group.key.period ?? "no period"]
                    + (group.key.document.map { ["document \($0)"] } ?? [])
                return .init(label: label.joined(separator: " · "), facts: group.facts, outcome: group.outcome.explanation)
            },
            notCompared: skipped)
    }

    /// The groups of facts compared with each other (one key, modality and period; one
    /// document with `scope: document`), each with what came of it, and the facts read but
    /// compared with none, with why.
    private func comparisons(of index: FactIndex) -> (groups: [Group], skipped: [(fact: Fact, reason: String)]) {
        var groups: [GroupKey: [Fact]] = [:]
        var order: [GroupKey] = []
        var skipped: [(fact: Fact, reason: String)] = []
        for fact in settings.read(index) {
            guard fact.normalized != nil else {
                skipped.append((fact, "no value: the text does not read as \(fact.type.rawValue)"))
                continue
            }
            if let unknown = fact.unknownContext {
                skipped.append((fact, "its key needs \(unknown.map { "{@\($0)}" }.joined(separator: ", ")), which neither its sentence, "
                                + "the title, front matter nor the article tells"))
                continue
            }
            guard !requiresPeriod || fact.period != nil else {
                skipped.append((fact, "no period, and the check compares only figures of the same period (requires_period)"))
                continue
            }
            let key = GroupKey(key: fact.key, modality: fact.modality, period: fact.period, document: scope == .document ? fact.document : nil)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(fact)
        }
        return (order.map { Group(key: $0, facts: groups[$0]!, outcome: outcome(of: $0, facts: groups[$0]!, changed: index.changed)) }, skipped)
    }

    struct GroupKey: Hashable {
        var key: String
        var modality: Modality?
        var period: String?
        var document: String?
    }

    private struct Group {
        var key: GroupKey
        var facts: [Fact]
        var outcome: Outcome
    }

    /// What comparing one group's facts gave.
    enum Outcome: Equatable {
        case finding(Finding)
        case agree(values: Int)
        case outsideWindow
        case tiers

        var explanation: String {
            switch self {
            case .finding(let finding): "a finding (\(finding.severity.rawValue)): \(finding.message)"
            case .agree(let values): values == 1 ? "agree: one value" : "agree: \(values) values within the tolerance"
            case .outsideWindow: "values differ, but no two facts of different values are as of days within the window (window_days)"
            case .tiers: "values differ, but each is given beside another by some article: tiers of one ladder"
            }
        }
    }

    /// O(n log n) in the group's facts, whatever their values: N articles each giving the key
    /// another value are N clusters, and nothing here compares every cluster with every other.
    func outcome(of group: GroupKey, facts: [Fact], changed: Set<String>?) -> Outcome {
        var clusters = clusters(of: facts)
        guard clusters.count > 1 else { return .agree(values: Set(facts.map { $0.normalized! }).count) }
        let documents = Self.documents(of: clusters)
        guard conflictIsWithinWindow(clusters, documents: documents) else { return .outsideWindow }
        // A tier: some article gives the cluster's value beside another cluster's, so it is
        // never the suspect; when every value is one, they are one ladder the corpus agrees on.
        let isTier = tiers ? clusters.map { $0.contains { documents[$0.document]!.isInSeveralClusters } } : []
        guard !(tiers && !isTier.contains(false)) else { return .tiers }
        // The value most articles give first; ties keep the order of first appearance.
        let articles = clusters.map { Set($0.map(\.document)).count }
        let order = clusters.indices.sorted { (articles[$1], $0) < (articles[$0], $1) }
        let compared = tiers ? order.filter { !isTier[$0] }.map { clusters[$0] } : order.map { clusters[$0] }
        clusters = order.map { clusters[$0] }
        let values = Self.listed(clusters.map { "\($0[0].value) (\(articleCount($0)))" })
        let suspect = Self.suspects(compared, changed: changed)
        let all = clusters.flatMap { $0 }
        return .finding(settings.finding(
            key: group.key, values: ["key": group.key, "values": values, "period": group.period ?? ""],
            facts: all.filter { suspect.contains(ObjectIdentifier($0)) }, evidence: all.filter { !suspect.contains(ObjectIdentifier($0)) },
            fingerprintValues: [group.modality?.rawValue ?? "", group.period ?? ""] + clusters.map { $0[0].normalized!.fingerprint }))
    }

    /// Each fact joins the first cluster whose first value it is compatible with, found by
    /// `ClusterIndex`; facts with a value seen before join that value's cluster without looking again.
    private func clusters(of facts: [Fact]) -> [[Fact]] {
        var clusters: [[Fact]] = []
        var clusterOfValue: [FactValue: Int] = [:]
        var index = ClusterIndex(facts.map { $0.normalized! }, tolerance: tolerance)
        for (position, fact) in facts.enumerated() {
            let value = fact.normalized!
            if let cluster = clusterOfValue[value] ?? index.firstCompatible(with: position) {
                clusters[cluster].append(fact)
                clusterOfValue[value] = cluster
            } else {
                index.add(position, cluster: clusters.count)
                clusterOfValue[value] = clusters.count
                clusters.append([fact])
            }
        }
        return clusters
    }

    /// How many values a message lists, most articles first: N articles giving N values must
    /// not make each of the N annotations (one per suspect) N values long.
    static let listedValues = 8

    /// `values` joined for a message, the first `listedValues` of them and how many more.
    static func listed(_ values: [String]) -> String {
        let shown = values.prefix(listedValues).joined(separator: " / ")
        return values.count > listedValues ? shown + " / … \(values.count - listedValues) giá trị khác" : shown
    }

    /// The facts a conflict is about, of clusters sorted by articles, most first (with `tiers`,
    /// only the clusters that are not tiers): the values the fewest articles give (every
    /// cluster with that count; when all tie, all of them).
    /// In a `--changed` run, the changed documents' facts that disagree with the value the
    /// other documents give most, when there are such facts: a new article that contradicts
    /// the archive is the suspect even when it agrees with another outlier.
    static func suspects(_ clusters: [[Fact]], changed: Set<String>?) -> Set<ObjectIdentifier> {
        if let changed {
            let unchangedArticles = clusters.map { Set($0.map(\.document).filter { !changed.contains($0) }).count }
            if let most = unchangedArticles.max(), most > 0 {
                let rest = unchangedArticles.firstIndex(of: most)!
                let disagreeing = clusters.indices.filter { $0 != rest }.flatMap { clusters[$0] }.filter { changed.contains($0.document) }
                if !disagreeing.isEmpty { return Set(disagreeing.map(ObjectIdentifier.init)) }
            }
        }
        let articles = clusters.map { Set($0.map(\.document)).count }
        let fewest = articles.min()!
        let minority = articles.allSatisfy { $0 == fewest } ? Array(clusters.indices) : clusters.indices.filter { articles[$0] == fewest }
        return Set(minority.flatMap { clusters[$0] }.map(ObjectIdentifier.init))
    }

    /// Where one document's facts of a group fall.
    private struct Spread {
        var cluster: Int
        var isInSeveralClusters = false
        var hasUndatedFact = false
    }

    /// Each document's spread over the clusters.
    private static func documents(of clusters: [[Fact]]) -> [String: Spread] {
        var documents: [String: Spread] = [:]
        for (cluster, facts) in clusters.enumerated() {
            for fact in facts {
                var spread = documents[fact.document] ?? Spread(cluster: cluster)
                spread.isInSeveralClusters = spread.isInSeveralClusters || spread.cluster != cluster
                spread.hasUndatedFact = spread.hasUndatedFact || fact.asOf == nil
                documents[fact.document] = spread
            }
        }
        return documents
    }

    /// Without a window every conflict counts. With one, two facts of different clusters must
    /// be as of days at most `windowDays` apart (a figure is as of its article's date, so one
    /// article's figures always are; an event is as of its own day, so an article recalling
    /// earlier talks of the same leaders is not in conflict with itself), or share a document
    /// where one of them has no date.
    ///
    /// Neither needs a pair of clusters. A fact without a date shares its document with another
    /// cluster's fact exactly when that document's facts are in several clusters. And when two
    /// dated facts of different clusters are within the window, so are two neighbours in the
    /// order of days: between the two, the cluster changes at some step, and no step is longer
    /// than the whole way.
    private func conflictIsWithinWindow(_ clusters: [[Fact]], documents: [String: Spread]) -> Bool {
        guard let windowDays else { return true }
        if documents.values.contains(where: { $0.isInSeveralClusters && $0.hasUndatedFact }) { return true }
        let days = clusters.enumerated().flatMap { cluster, facts in facts.compactMap { $0.asOf.map { (day: $0.dayNumber, cluster: cluster) } } }
            .sorted { $0.day < $1.day }
        return zip(days, days.dropFirst()).contains { $0.cluster != $1.cluster && $1.day - $0.day <= windowDays }
    }
}
