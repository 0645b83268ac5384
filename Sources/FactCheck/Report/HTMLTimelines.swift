import Foundation

/// The report page's SVG timelines: a finding whose evidence several dated articles give as
/// numbers gets a chart of those values by date (each fact's `as_of`), its suspects marked as
/// conflicting. Drawn from the finding's evidence alone, as the page shows the findings, not
/// every fact. One chart per finding rather than per key: a consistency finding's evidence is
/// one series (one key, modality and period, the agreeing facts included), while a key's
/// findings together could mix a forecast with the actual figure.
enum Timeline {
    /// The chart of `finding`'s dated numeric evidence; nothing when fewer than two articles give it.
    static func figure(_ finding: Finding, _ html: inout HTMLWriter) {
        let points = finding.locations.compactMap { evidence -> (evidence: Evidence, day: CalendarDate, value: Double)? in
            guard let day = evidence.asOf, let value = evidence.number else { return nil }
            return (evidence, day, value)
        }
        guard Set(points.map(\.evidence.document)).count >= 2 else { return }
        // Suspects conflict with the rest only when some facts agree and the finding is more than a note.
        let marksConflict = finding.severity != .info && finding.suspects.count < finding.locations.count
        let (width, height, margin) = (640.0, 180.0, 48.0)
        let days = points.map(\.day.dayNumber), values = points.map(\.value)
        let (minDay, maxDay) = (Double(days.min()!), Double(max(days.max()!, days.min()! + 1)))
        let (minValue, maxValue) = (min(0, values.min()!), max(values.max()!, values.min()! + 1))
        func x(_ day: Int) -> Double { margin + (Double(day) - minDay) / (maxDay - minDay) * (width - 2 * margin) }
        func y(_ value: Double) -> Double { height - margin / 2 - (value - minValue) / (maxValue - minValue) * (height - margin) }
        func number(_ value: Double) -> String { String(format: "%.1f", value) }
        let dates = points.map(\.day)
        let caption = [finding.key] + Set(points.compactMap(\.evidence.period)).sorted()
        html.element("figure", [("class", "timeline-figure")]) { html in
            html.element("svg", [
                ("class", "timeline"), ("viewBox", "0 0 \(Int(width)) \(Int(height))"), ("role", "img"),
                ("aria-label", "\(finding.key): giá trị theo ngày · values by date"), ("xmlns", "http://www.w3.org/2000/svg"),
            ]) { html in
                html.element("line", [("x1", number(margin)), ("y1", number(height - margin / 2)), ("x2", number(width - margin)), ("y2", number(height - margin / 2)), ("class", "axis")]) { _ in }
                html.element("text", [("x", number(margin)), ("y", number(height - 4)), ("class", "label")], text: dates.min()!.description)
                html.element("text", [("x", number(width - margin)), ("y", number(height - 4)), ("class", "label end")], text: dates.max()!.description)
                html.element("text", [("x", "4"), ("y", number(y(maxValue) + 12)), ("class", "label")], text: HTMLReporter.compact(maxValue))
                html.element("text", [("x", "4"), ("y", number(y(minValue))), ("class", "label")], text: HTMLReporter.compact(minValue))
                for point in points {
                    let isConflict = marksConflict && point.evidence.suspect
                    html.element("circle", [
                        ("cx", number(x(point.day.dayNumber))), ("cy", number(y(point.value))), ("r", "6"), ("class", isConflict ? "point conflict" : "point"),
                    ]) { html in
                        html.element("title", text: "\(point.evidence.document) · \(point.day) · \(point.evidence.value)" + (isConflict ? " (mâu thuẫn · conflict)" : ""))
                    }
                }
            }
            html.element("figcaption") { $0.element("code", text: caption.joined(separator: " — ")) }
        }
    }
}
