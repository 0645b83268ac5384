import Foundation

/// The report page's SVG timelines: a finding whose evidence several articles give as numbers
/// gets a chart of those values by date (each fact's `as_of`). Drawn from the finding's
/// evidence alone, as the page shows the findings, not every fact. One chart per finding
/// rather than per key: a consistency finding's evidence is one series (one key, modality and
/// period, the agreeing facts included), while a key's findings together could mix a forecast
/// with the actual figure.
///
/// Nothing the finding involves is left out: a fact with no date (an article without one in
/// its front matter, a plain-text bulletin) sits in a lane of its own at the right, labelled
/// "không có ngày · no date", at the height of its value. That fact is often the one in doubt,
/// so a chart of the dated facts alone would hide the very value the finding is about. The
/// suspects, when the finding singles some out, are red diamonds with their value written
/// beside them and said in their tooltip, so that the mark does not rest on colour alone.
enum Timeline {
    static let undatedLabel = "không có ngày · no date"

    /// How many suspects get their value written beside them; more would overlap, and the
    /// legend under the chart and each point's tooltip still say which they are.
    static let labelledSuspects = 3

    /// The chart of `finding`'s numeric evidence; nothing when fewer than two articles give it.
    static func figure(_ finding: Finding, _ html: inout HTMLWriter) {
        let points = finding.locations.compactMap { evidence in evidence.number.map { (evidence: evidence, value: $0) } }
        guard Set(points.map(\.evidence.document)).count >= 2 else { return }
        let dated = points.compactMap { point in point.evidence.asOf.map { (point.evidence, day: $0, point.value) } }
        let undated = points.filter { $0.evidence.asOf == nil }
        let marked = finding.marksSuspects
        let suspectCount = points.filter { marked && $0.evidence.suspect }.count

        // The plot: dated facts from `left` to `datedEnd`, the undated lane from `laneStart` to
        // the right edge; the dates and the lane's label below.
        let (width, height, left, right, top, bottom) = (480.0, 210.0, 52.0, 10.0, 20.0, 46.0)
        let laneWidth = undated.isEmpty ? 0 : dated.isEmpty ? width - left - right : 150
        let laneStart = width - right - laneWidth
        let datedEnd = undated.isEmpty ? width - right : laneStart - 16
        let values = points.map(\.value)
        let (minValue, maxValue) = (min(0, values.min()!), max(values.max()!, values.min()! + 1))
        let days = dated.map(\.day.dayNumber)
        let (minDay, maxDay) = (Double(days.min() ?? 0), Double(max(days.max() ?? 1, (days.min() ?? 0) + 1)))
        func x(_ day: Int) -> Double { left + (Double(day) - minDay) / (maxDay - minDay) * (datedEnd - left) }
        func y(_ value: Double) -> Double { height - bottom - (value - minValue) / (maxValue - minValue) * (height - top - bottom) }
        func number(_ value: Double) -> String { String(format: "%.1f", value) }
        let baseline = number(height - bottom), under = number(height - bottom + 16)

        func point(_ evidence: Evidence, at cx: Double, _ cy: Double, when: String, _ html: inout HTMLWriter) {
            let suspect = marked && evidence.suspect
            let title = "\(evidence.document) · \(when) · \(evidence.value)" + (suspect ? " (nghi vấn · suspect)" : "")
            if suspect {
                html.element("polygon", [("points", diamond(cx, cy, 8)), ("class", "point suspect")]) { $0.element("title", text: title) }
                guard suspectCount <= labelledSuspects else { return }
                let leftward = cx > width * 0.6
                html.element("text", [
                    ("x", number(leftward ? cx - 12 : cx + 12)), ("y", number(cy + 4)), ("class", leftward ? "label suspect end" : "label suspect"),
                ], text: evidence.value)
            } else {
                html.element("circle", [("cx", number(cx)), ("cy", number(cy)), ("r", "6"), ("class", "point")]) { $0.element("title", text: title) }
            }
        }

        let caption = [finding.key] + Set(points.compactMap(\.evidence.period)).sorted()
        let unplotted = finding.locations.count - points.count
        html.element("figure", [("class", "timeline-figure")]) { html in
            html.element("svg", [
                ("class", "timeline"), ("viewBox", "0 0 \(Int(width)) \(Int(height))"), ("role", "img"),
                ("aria-label", "\(finding.key): giá trị theo ngày · values by date"), ("xmlns", "http://www.w3.org/2000/svg"),
            ]) { html in
                html.element("text", [("x", "4"), ("y", number(y(maxValue) + 4)), ("class", "label")], text: HTMLReporter.compact(maxValue))
                html.element("text", [("x", "4"), ("y", number(y(minValue))), ("class", "label")], text: HTMLReporter.compact(minValue))
                if !dated.isEmpty {
                    html.element("g", [("class", "dated")]) { html in
                        html.element("line", [("x1", number(left)), ("y1", baseline), ("x2", number(datedEnd)), ("y2", baseline), ("class", "axis")]) { _ in }
                        let (first, last) = (dated.map(\.day).min()!, dated.map(\.day).max()!)
                        html.element("text", [("x", number(left)), ("y", under), ("class", "label")], text: first.description)
                        if last != first {
                            html.element("text", [("x", number(datedEnd)), ("y", under), ("class", "label end")], text: last.description)
                        }
                        for (evidence, day, value) in dated { point(evidence, at: x(day.dayNumber), y(value), when: day.description, &html) }
                    }
                }
                if !undated.isEmpty {
                    html.element("g", [("class", "undated")]) { html in
                        html.element("rect", [
                            ("x", number(laneStart)), ("y", number(top - 8)), ("width", number(laneWidth)), ("height", number(height - top - bottom + 16)), ("class", "lane"),
                        ]) { _ in }
                        // On two lines, which fit the lane at a phone's text size.
                        let (vietnamese, english) = (undatedLabel.components(separatedBy: " · ")[0], undatedLabel.components(separatedBy: " · ")[1])
                        html.element("text", [("x", number(laneStart + laneWidth / 2)), ("y", under), ("class", "label lane-label")]) { html in
                            html.element("title", text: undatedLabel)
                            html.element("tspan", [("x", number(laneStart + laneWidth / 2))], text: vietnamese + " ·")
                            html.element("tspan", [("x", number(laneStart + laneWidth / 2)), ("dy", "1.2em")], text: english)
                        }
                        let step = laneWidth / Double(undated.count + 1)
                        for (index, (evidence, value)) in undated.enumerated() {
                            point(evidence, at: laneStart + step * Double(index + 1), y(value), when: undatedLabel, &html)
                        }
                    }
                }
            }
            html.element("figcaption") { html in
                html.element("code", text: caption.joined(separator: " — "))
                if marked {
                    html.text(" ")
                    html.element("span", [("class", "legend")]) { html in
                        html.element("span", [("class", "key suspect")], text: "◆ nghi vấn · suspect")
                        html.text(" ")
                        html.element("span", [("class", "key")], text: "● bằng chứng · evidence")
                    }
                }
                guard unplotted > 0 else { return }
                html.text(" · \(unplotted) dữ kiện không có giá trị số, xem bảng · \(unplotted) without a number, listed below")
            }
        }
    }

    /// The points of a diamond of half-width `radius` around (`x`, `y`).
    private static func diamond(_ x: Double, _ y: Double, _ radius: Double) -> String {
        [(x, y - radius), (x + radius, y), (x, y + radius), (x - radius, y)].map { String(format: "%.1f,%.1f", $0.0, $0.1) }.joined(separator: " ")
    }
}
