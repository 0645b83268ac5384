import Foundation

/// The report page's SVG timelines: for a numeric fact key several dated articles report, one
/// chart per series (facts of one modality and period) of values by article date, with a
/// finding's suspects marked as conflicting. Facts are
/// indexed by key once, so a page for a large corpus costs one pass over the facts.
struct Timelines {
    private let factsByKey: [String: [Fact]]
    private let conflicting: [String: Set<String>]

    init(_ report: Report) {
        factsByKey = Dictionary(grouping: report.facts.filter { $0.asOf != nil && $0.normalized?.numericValue != nil }, by: \.key)
        var conflicting: [String: Set<String>] = [:]
        for finding in report.findings where finding.severity != .info && finding.suspects.count < finding.locations.count {
            for suspect in finding.suspects {
                conflicting[finding.key, default: []].insert(Self.place(suspect.location))
            }
        }
        self.conflicting = conflicting
    }

    /// Charts for the keys no finding already shows.
    func section(_ report: Report) -> HTML {
        let shown = Set(report.findings.map(\.key))
        let charts = factsByKey.keys.sorted().filter { !shown.contains($0) }.compactMap(charts(for:))
        guard !charts.isEmpty else { return .join([]) }
        return .element("section", [("id", "timelines")], [.element("h2", text: "Số liệu theo thời gian · Figures over time")] + charts)
    }

    /// One chart per series of `key` that at least two dated articles report; nil when none does.
    func charts(for key: String) -> HTML? {
        var series: [String: [Fact]] = [:]
        for fact in factsByKey[key] ?? [] {
            series[[fact.modality?.rawValue ?? "", fact.period ?? ""].joined(separator: " · "), default: []].append(fact)
        }
        let charts = series.keys.sorted().compactMap { name -> HTML? in
            guard let chart = chart(of: series[name]!, key: key) else { return nil }
            let caption = [key, name.trimmingCharacters(in: CharacterSet(charactersIn: " ·"))].filter { !$0.isEmpty }.joined(separator: " — ")
            return .element("figure", [("class", "timeline-figure")], [chart, .element("figcaption", [], [.element("code", text: caption)])])
        }
        return charts.isEmpty ? nil : .join(charts)
    }

    private func chart(of facts: [Fact], key: String) -> HTML? {
        let points = facts.map { (fact: $0, day: $0.asOf!.dayNumber, value: $0.normalized!.numericValue!) }
        guard Set(points.map(\.fact.document)).count >= 2 else { return nil }
        let conflicting = conflicting[key] ?? []
        let (width, height, margin) = (640.0, 180.0, 48.0)
        let days = points.map(\.day), values = points.map(\.value)
        let (minDay, maxDay) = (Double(days.min()!), Double(max(days.max()!, days.min()! + 1)))
        let (minValue, maxValue) = (min(0, values.min()!), max(values.max()!, values.min()! + 1))
        func x(_ day: Int) -> Double { margin + (Double(day) - minDay) / (maxDay - minDay) * (width - 2 * margin) }
        func y(_ value: Double) -> Double { height - margin / 2 - (value - minValue) / (maxValue - minValue) * (height - margin) }
        func number(_ value: Double) -> String { String(format: "%.1f", value) }
        let dates = points.compactMap(\.fact.asOf)
        var parts: [HTML] = [
            .element("line", [("x1", number(margin)), ("y1", number(height - margin / 2)), ("x2", number(width - margin)), ("y2", number(height - margin / 2)), ("class", "axis")], void: false),
            .element("text", [("x", number(margin)), ("y", number(height - 4)), ("class", "label")], text: dates.min()!.description),
            .element("text", [("x", number(width - margin)), ("y", number(height - 4)), ("class", "label end")], text: dates.max()!.description),
            .element("text", [("x", "4"), ("y", number(y(maxValue) + 12)), ("class", "label")], text: HTMLReporter.compact(maxValue)),
            .element("text", [("x", "4"), ("y", number(y(minValue))), ("class", "label")], text: HTMLReporter.compact(minValue)),
        ]
        for point in points {
            let isConflict = conflicting.contains(Self.place(point.fact.location))
            parts.append(.element("circle", [
                ("cx", number(x(point.day))), ("cy", number(y(point.value))), ("r", "6"), ("class", isConflict ? "point conflict" : "point"),
            ], [.element("title", text: "\(point.fact.document) · \(point.fact.asOf!) · \(point.fact.value)" + (isConflict ? " (mâu thuẫn · conflict)" : ""))]))
        }
        return .element("svg", [
            ("class", "timeline"), ("viewBox", "0 0 \(Int(width)) \(Int(height))"), ("role", "img"),
            ("aria-label", "\(key): giá trị theo ngày đăng bài · values by article date"), ("xmlns", "http://www.w3.org/2000/svg"),
        ], parts)
    }

    private static func place(_ location: SourceLocation) -> String {
        "\(location.path):\(location.line):\(location.column)"
    }
}
