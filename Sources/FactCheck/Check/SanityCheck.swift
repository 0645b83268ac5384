import Foundation

/// `sanity`: values that cannot be true on their own: a day that does not exist (31/2), a
/// weekday that disagrees with its date ("thứ Hai, 27/1/2026"), a percentage change that
/// disagrees with the two values it relates ("tăng từ 2 tỷ lên 3 tỷ USD, tương đương 40%"), a
/// growth figure that compares periods of different lengths ("10 tháng đầu năm 2025 ... tăng
/// 50,4% so với năm 2024"), and a number two conventions read differently ("1,500 tỷ USD").
///
/// ```yaml
/// - id: sanity
///   kind: sanity
///   facts: ['date.*', 'trade.turnover.change']
///   severity: error
///   message: 'Ngày {value} không tồn tại'
///   weekday_message: '{value}: ngày này là {expected}, không phải {weekday}'
///   change_message: 'Tăng từ {from} lên {to} là {expected}, không phải {value}'
///   period_message: 'Mức tăng {value} của {period} được so với {base}: hai kỳ dài khác nhau'
///   ambiguous_message: 'Số {number} trong "{value}" đọc được hai cách'
///   tolerance: 0.5        # percentage points allowed between stated and computed change
/// ```
/// The weekday is read from a `weekday` capture; the change from `from` and `to` captures
/// (amounts or counts) of a percent fact; the compared periods from its `period` and `base`
/// captures ("cùng kỳ" is the same period, never a mismatch). Placeholders: `{value}`,
/// `{weekday}`, `{expected}`, `{from}`, `{to}`, `{period}`, `{base}`, `{number}`.
struct SanityCheck: Check {
    static let keys = ["weekday_message", "change_message", "period_message", "ambiguous_message", "tolerance"]
    static let placeholders = ["value", "weekday", "expected", "from", "to", "period", "base", "number"]
    static let weekdays: [String: Int] = [
        "thứ hai": 1, "thứ ba": 2, "thứ tư": 3, "thứ năm": 4, "thứ sáu": 5, "thứ bảy": 6, "chủ nhật": 7,
        "thứ 2": 1, "thứ 3": 2, "thứ 4": 3, "thứ 5": 4, "thứ 6": 5, "thứ 7": 6,
    ]
    static let weekdayNames = ["", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]

    var settings: CheckSettings
    let weekdayMessage: Template
    let changeMessage: Template
    let periodMessage: Template
    let ambiguousMessage: Template
    /// Percentage points.
    let tolerance: Decimal

    var id: String { settings.id }

    init(settings: CheckSettings, config: YAMLMapping) throws(RuleError) {
        self.settings = settings
        weekdayMessage = try config.template("weekday_message", placeholders: Self.placeholders) ?? settings.message
        changeMessage = try config.template("change_message", placeholders: Self.placeholders) ?? settings.message
        periodMessage = try config.template("period_message", placeholders: Self.placeholders) ?? settings.message
        ambiguousMessage = try config.template("ambiguous_message", placeholders: Self.placeholders) ?? settings.message
        tolerance = try config.fraction("tolerance") ?? Decimal(string: "0.5")!
    }

    var crossesDocuments: Bool { false }

    func partition(of fact: Fact) -> FactPartition { .document(fact.document) }

    func findings(in facts: FactIndex) -> [Finding] {
        // One written date may be read by several rules ("Ngày 30/2" by date.day and, around a
        // verb, by signing.date): what is wrong with it is reported once, at the first fact read.
        var reportedDates: [String: [SourceLocation]] = [:]
        return settings.read(facts).flatMap { fact -> [Finding] in
            switch fact.normalized {
            case .date(let date):
                guard let finding = problem(with: date, in: fact) else { return [] }
                if reportedDates[fact.document]?.contains(where: { $0.overlaps(fact.location) }) == true { return [] }
                reportedDates[fact.document, default: []].append(fact.location)
                return [finding]
            case .percent(let percent): return [problem(with: percent, in: fact), periods(of: fact)].compactMap { $0 }
            case nil: return [ambiguity(in: fact)].compactMap { $0 }
            default: return []
            }
        }
    }

    /// A growth figure whose period and base are periods of different lengths.
    private func periods(of fact: Fact) -> Finding? {
        guard let periodText = [fact.captures["period"], fact.captures["lead"]].compactMap({ $0 }).first(where: { !$0.isEmpty }), let baseText = fact.captures["base"],
              let period = DateValue(parsing: periodText, articleDate: fact.asOf), let base = DateValue(parsing: baseText, articleDate: fact.asOf),
              let months = period.months, let baseMonths = base.months, months != baseMonths else { return nil }
        var finding = settings.finding(key: fact.key, values: [:], facts: [fact], fingerprintValues: [period.label, base.label, fact.value])
        finding.message = periodMessage.render(["value": fact.value, "period": periodText, "base": baseText])
        return finding
    }

    /// A value that did not parse because a number in it reads two ways.
    private func ambiguity(in fact: Fact) -> Finding? {
        let context = FactValue.Context(captures: fact.captures, articleDate: fact.asOf)
        do {
            _ = try FactValue.parse(fact.value, as: fact.type, context: context)
            return nil
        } catch {
            guard case .ambiguous(let number) = error else { return nil }
            var finding = settings.finding(key: fact.key, values: [:], facts: [fact], fingerprintValues: [fact.value])
            finding.message = ambiguousMessage.render(["value": fact.value, "number": number])
            return finding
        }
    }

    private func problem(with date: DateValue, in fact: Fact) -> Finding? {
        if !date.isValid {
            return settings.finding(key: fact.key, values: ["value": fact.value], facts: [fact], fingerprintValues: [date.display])
        }
        guard let written = fact.captures["weekday"], let stated = Self.weekdays[written.lowercased()],
              let day = date.calendarDate, day.weekday != stated else { return nil }
        var finding = settings.finding(key: fact.key, values: [:], facts: [fact], fingerprintValues: [date.display, written])
        finding.message = weekdayMessage.render(["value": fact.value, "weekday": written, "expected": Self.weekdayNames[day.weekday]])
        return finding
    }

    private func problem(with percent: Percent, in fact: Fact) -> Finding? {
        guard let fromText = fact.captures["from"], let toText = fact.captures["to"],
              let (from, to) = Self.amounts(fromText, toText), from != 0 else { return nil }
        let computed = (to - from) / from * 100
        guard abs(abs(computed) - abs(percent.value)) > tolerance else { return nil }
        var rounded = Decimal()
        var exact = computed
        NSDecimalRound(&rounded, &exact, 1, .plain)
        var finding = settings.finding(key: fact.key, values: [:], facts: [fact], fingerprintValues: [fromText, toText, fact.value])
        finding.message = changeMessage.render(["value": fact.value, "from": fromText, "to": toText, "expected": ValueStyle.vietnamese(rounded) + "%"])
        return finding
    }

    /// Two amounts of money in one currency, or two counts.
    private static func amounts(_ from: String, _ to: String) -> (Decimal, Decimal)? {
        if let a = try? Money(parsing: from), let b = try? Money(parsing: to), a.currency == b.currency { return (a.amount, b.amount) }
        if let a = try? Count(parsing: from), let b = try? Count(parsing: to) { return (a.value, b.value) }
        return nil
    }
}

extension SourceLocation {
    /// Whether two spans of one file share a character.
    func overlaps(_ other: SourceLocation) -> Bool {
        path == other.path && (line, column) < (other.endLine, other.endColumn) && (other.line, other.column) < (endLine, endColumn)
    }
}
