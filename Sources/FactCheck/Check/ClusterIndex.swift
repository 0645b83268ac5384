import Foundation

/// A consistency check's clusters of one group, indexed so that the first cluster (lowest
/// index) whose first value a value is compatible with is found in O(log n) rather than by
/// comparing the value with every cluster: N articles giving one key N different values made
/// that comparison O(N²).
///
/// An index can give exactly what the comparisons gave because a value starts a new cluster
/// only when it is compatible with no cluster's first value, and compatibility is symmetric:
/// the clusters' first values are pairwise incompatible. Per kind of value:
///
/// - Amounts (money of one currency, counts of one noun, percentages of one unit) are compatible
///   when their bounds, widened by the tolerance, overlap (`Amount.isCompatible`). First values
///   that pairwise do not overlap are disjoint intervals: in the order of their lower bounds,
///   their upper bounds rise too. So those meeting [l, h] are the ones whose lower bound lies in
///   [l, h], and at most one more: the last whose lower bound is below l, when it reaches l. A
///   tree over the group's amounts in the order of their lower bounds gives the lowest cluster
///   index among first values in a range of them.
/// - Dates are compatible when kind, months and days are equal and so are the years, an unknown
///   year matching any; a day whose month is unknown matches every day (`DateValue.isCompatible`):
///   hash lookups by those fields, and the first cluster of a day at all.
/// - Names (by their matching key), people and texts are compatible when equal: a hash lookup.
struct ClusterIndex {
    /// How each value of the group is looked up.
    private let keys: [Key]
    private var amounts: [AmountLadder]
    private var dates = DateClusters()
    private var equal: [EqualKey: Int] = [:]

    /// Indexes `values` (a group's, in order); clusters are added with `add`.
    init(_ values: [FactValue], tolerance: Decimal) {
        var units: [AmountUnit: Int] = [:]
        var bounds: [[(bounds: ClosedRange<Decimal>, value: Int)]] = []
        var keys: [Key] = []
        keys.reserveCapacity(values.count)
        for (position, value) in values.enumerated() {
            if let (unit, amount) = AmountUnit.of(value) {
                let ladder = units[unit] ?? bounds.count
                if ladder == bounds.count {
                    units[unit] = ladder
                    bounds.append([])
                }
                bounds[ladder].append((amount.widenedBounds(tolerance: tolerance), position))
                keys.append(.amount(ladder: ladder, rung: 0))
            } else if case .date(let date) = value {
                keys.append(.date(date))
            } else {
                keys.append(.equal(EqualKey(value)))
            }
        }
        amounts = bounds.map { AmountLadder($0) }
        for (ladder, amount) in amounts.enumerated() {
            for (rung, position) in amount.positions.enumerated() { keys[position] = .amount(ladder: ladder, rung: rung) }
        }
        self.keys = keys
    }

    /// The lowest index of a cluster whose first value is compatible with the value at `position`.
    func firstCompatible(with position: Int) -> Int? {
        switch keys[position] {
        case .amount(let ladder, let rung): amounts[ladder].firstOverlapping(rung)
        case .date(let date): dates.firstCompatible(with: date)
        case .equal(let key): equal[key]
        }
    }

    /// Records that the value at `position` is the first of cluster `cluster`, the highest yet.
    mutating func add(_ position: Int, cluster: Int) {
        switch keys[position] {
        case .amount(let ladder, let rung): amounts[ladder].add(rung, cluster: cluster)
        case .date(let date): dates.add(date, cluster: cluster)
        case .equal(let key): equal[key] = equal[key] ?? cluster
        }
    }

    private enum Key {
        /// The amount's ladder (its unit) and its rung there (its place by lower bound).
        case amount(ladder: Int, rung: Int)
        case date(DateValue)
        case equal(EqualKey)
    }

    /// What an amount is compared within: `Money`, `Count` and `Percent` compare only amounts
    /// of one currency, noun or unit.
    private struct AmountUnit: Hashable {
        var type: ValueType
        var unit: String

        static func of(_ value: FactValue) -> (AmountUnit, Amount)? {
            switch value {
            case .money(let money): (AmountUnit(type: .money, unit: money.currency), money.quantity)
            case .count(let count): (AmountUnit(type: .count, unit: count.noun), count.quantity)
            case .percent(let percent): (AmountUnit(type: .percent, unit: percent.unit.rawValue), percent.quantity)
            default: nil
            }
        }
    }

    /// What names, people and texts are compared by.
    private enum EqualKey: Hashable {
        case name(String)
        case person(Person)
        case text(String)

        init(_ value: FactValue) {
            switch value {
            case .name(let name): self = .name(name.matchingKey)
            case .person(let person): self = .person(person)
            case .text(let text): self = .text(text)
            default: preconditionFailure("amounts and dates have indexes of their own")
            }
        }
    }
}

/// The amounts of one unit in a group, in the order of their widened lower bounds, and the
/// clusters whose first values they are.
private struct AmountLadder {
    /// Value positions, by lower bound.
    let positions: [Int]
    private let lows: [Decimal]
    private let highs: [Decimal]
    /// Per rung, the cluster it is the first value of.
    private var clusters: MinTree

    init(_ amounts: [(bounds: ClosedRange<Decimal>, value: Int)]) {
        let sorted = amounts.sorted { $0.bounds.lowerBound < $1.bounds.lowerBound }
        positions = sorted.map(\.value)
        lows = sorted.map(\.bounds.lowerBound)
        highs = sorted.map(\.bounds.upperBound)
        clusters = MinTree(count: sorted.count)
    }

    /// The lowest cluster whose first value overlaps the amount at `rung`: those whose lower
    /// bound lies within its bounds, or the last before them when it reaches its lower bound.
    func firstOverlapping(_ rung: Int) -> Int? {
        let (low, high) = (lows[rung], highs[rung])
        let start = lows.partitioningIndex { $0 >= low }
        let within = clusters.lowest(in: start..<lows.partitioningIndex { $0 > high })
        guard let before = clusters.last(before: start), highs[before] >= low else { return within }
        return min(within ?? .max, clusters[before]!)
    }

    mutating func add(_ rung: Int, cluster: Int) {
        clusters[rung] = min(clusters[rung] ?? .max, cluster)
    }
}

/// The first clusters of dates, by what `DateValue.isCompatible` compares.
private struct DateClusters {
    /// Kind, months and days: dates that differ in them are never compatible (but for days of
    /// an unknown month).
    private struct Fields: Hashable {
        var kind: DateValue.Kind
        var month, day, endMonth, endDay: Int?

        init(_ date: DateValue) {
            (kind, month, day, endMonth, endDay) = (date.kind, date.month, date.day, date.endMonth, date.endDay)
        }
    }

    /// The years compared once both are known: the end year too, but for days.
    private struct Years: Hashable {
        var year: Int
        var endYear: Int?

        init?(_ date: DateValue) {
            guard let year = date.year else { return nil }
            (self.year, endYear) = (year, date.kind == .days ? nil : date.endYear)
        }
    }

    private struct Entry {
        var first: Int
        var yearUnknown: Int?
        var byYears: [Years: Int] = [:]
    }

    private var entries: [Fields: Entry] = [:]
    /// The first cluster of a day, and of a day whose month is unknown.
    private var firstDay: Int?
    private var firstDayOfUnknownMonth: Int?

    func firstCompatible(with date: DateValue) -> Int? {
        if date.kind == .day, date.month == nil { return firstDay }
        var candidates = [date.kind == .day ? firstDayOfUnknownMonth : nil]
        if let entry = entries[Fields(date)] {
            candidates += Years(date).map { [entry.byYears[$0], entry.yearUnknown] } ?? [entry.first]
        }
        return candidates.compactMap { $0 }.min()
    }

    mutating func add(_ date: DateValue, cluster: Int) {
        if date.kind == .day {
            firstDay = firstDay ?? cluster
            if date.month == nil { firstDayOfUnknownMonth = firstDayOfUnknownMonth ?? cluster }
        }
        var entry = entries[Fields(date)] ?? Entry(first: cluster)
        if let years = Years(date) {
            entry.byYears[years] = entry.byYears[years] ?? cluster
        } else {
            entry.yearUnknown = entry.yearUnknown ?? cluster
        }
        entries[Fields(date)] = entry
    }
}
