/// Events: the last step of extraction. A date rule finds when talks, a visit or a signing took
/// place; the person and delegation rules find who is named; what one sentence states is stated
/// together (`Fact.sentence`). An event rule (`events:` in the rule pack, `EventRule`) joins
/// them into one fact per event:
///
///     Sáng 8/1, tại Hà Nội, Thủ tướng Phạm Minh Chính đã hội đàm với Thủ tướng Lào Sonexay Siphandone.
///     meeting.date = Sáng 8/1 (verb: hội đàm)    official/Phạm Minh Chính    official/Sonexay Siphandone
///     → event.talks/Phạm Minh Chính + Sonexay Siphandone = Sáng 8/1   (place: Hà Nội)
///
/// - The key is the rule's id, then the participants, each named as the office table or the
///   gazetteer spells it (another transliteration or a near miss of a leader's name is that
///   leader), sorted and joined by " + ", so that articles naming the same people in another
///   order or spelling state the same event; then, for a visit, " → " and its destination.
/// - The value is the date fact's, as written and as read: its year came from the article's
///   date, or from the text, and "hôm nay", "hôm qua" from the article's date.
/// - A caption that dates the event but names nobody ("Quang cảnh cuộc hội đàm chiều 5-3. Ảnh:
///   TTXVN") takes the participants of the body sentence beside it: the one before it, else the
///   first one after it, past the photo credit ("Ảnh: TTXVN" is a sentence of the caption).
/// - An event needs two sides: participants of two countries (a leader's country is the office
///   table's; a delegation, or a person the table does not know, is a side of its own), or a
///   visitor and the country visited. "Hai Thủ tướng hội đàm" says who met only to a reader of the
///   whole article; "Bộ trưởng Bộ Công an đến chào Tổng Bí thư, Chủ tịch nước Lào ... và Thủ tướng
///   Lào ..." names two Lao leaders but not their visitor, whose title is not one of the four
///   offices: keyed by the two leaders, it would collide with every other visitor's call on them.
/// - The fact is as of the event's first day (when its year is known), not the article's date:
///   a consistency window then compares events that took place close together, whatever day
///   each article was published on.
///
/// Extraction stays a function of one document: the join reads only that document's facts.
extension RulePack {
    /// A document's facts, followed by the events the pack's event rules assemble from them.
    func withEvents(_ facts: [Fact]) -> [Fact] {
        let dated = events.map { rule in facts.filter(rule.canDate) }
        guard dated.contains(where: { !$0.isEmpty }) else { return facts }
        return facts + zip(events, dated).flatMap { rule, dates in rule.events(dated: dates, in: facts) }
    }
}

extension EventRule {
    /// Whether `fact` is a date this rule's events can have: its key, its verb, its kind of date.
    func canDate(_ fact: Fact) -> Bool {
        guard dates.contains(where: { $0.matches(fact.key) }) else { return false }
        if !verbs.isEmpty {
            let verb = Template.collapsingSpaces(fact.captures["verb"] ?? "").lowercased()
            guard verbs.contains(where: { verb == $0 || verb.hasPrefix($0 + " ") }) else { return false }
        }
        if !dateKinds.isEmpty {
            guard case .date(let date) = fact.normalized, dateKinds.contains(date.kind) else { return false }
        }
        return true
    }

    /// Where the body sentence beside a caption's sentence may be: just before it, or just after
    /// it or its photo credit.
    static let beside = [-1, 1, 2]

    /// The events of `dates` (this rule's date facts of one document) with the participants
    /// and places among `facts`, the document's facts.
    func events(dated dates: [Fact], in facts: [Fact]) -> [Fact] {
        // Only the sentences of the dates, and those beside them, are looked at.
        let wanted = Set(dates.flatMap { date in Self.beside.map { date.sentence + $0 } + [date.sentence] })
        var people: [Int: [(participant: Participant, zone: ZoneKind)]] = [:]
        var places: [Int: [String]] = [:]
        for fact in facts where wanted.contains(fact.sentence) {
            if let source = participants.first(where: { $0.reads(fact) }) {
                if let participant = source.participant(in: fact) { people[fact.sentence, default: []].append((participant, fact.zone)) }
            } else if self.places.contains(where: { $0.matches(fact.key) }) {
                places[fact.sentence, default: []].append(Template.collapsingSpaces(fact.value))
            }
        }
        return dates.compactMap { date in
            let destination = self.destination.flatMap { date.captures[$0] }.flatMap { $0.isEmpty ? nil : Person.normalizedCountry($0) }
            func twoSides(_ participants: Set<Participant>) -> Bool {
                Set(participants.map(\.side) + (destination.map { [$0] } ?? [])).count >= 2
            }
            var met = Set(people[date.sentence]?.map(\.participant) ?? [])
            var placeSentence = date.sentence
            if date.zone == .caption, !twoSides(met) {
                for beside in Self.beside.map({ date.sentence + $0 }) {
                    let body = met.union(people[beside]?.filter { $0.zone == .body }.map(\.participant) ?? [])
                    if twoSides(body) {
                        (met, placeSentence) = (body, beside)
                        break
                    }
                }
            }
            guard twoSides(met) else { return nil }
            let participants = Set(met.map(\.name)).sorted().joined(separator: " + ")
            var captures = date.captures
            captures["participants"] = participants
            if let place = places[date.sentence]?.first ?? places[placeSentence]?.first { captures["place"] = place }
            var asOf = date.asOf
            if case .date(let value) = date.normalized, let first = value.calendarStart { asOf = first }
            return Fact(
                rule: id, key: "\(id)/\(participants)" + (destination.map { " → \($0)" } ?? ""), value: date.value, type: .date,
                normalized: date.normalized, modality: nil, period: nil, asOf: asOf, document: date.document, zone: date.zone,
                sentence: date.sentence, location: date.location, captures: captures)
        }
    }
}

/// Who took part in an event, and for which side: a leader's country in the office table (or
/// as written beside the title); anyone else is a side of their own.
struct Participant: Hashable {
    let name: String
    let side: String
}

extension EventRule.Participants {
    func reads(_ fact: Fact) -> Bool {
        facts.contains { $0.matches(fact.key) }
    }

    /// The participant a fact names (a person or a name): the name as the table or gazetteer
    /// spells it, and the side; nil for a fact whose value names nobody.
    func participant(in fact: Fact) -> Participant? {
        var country: String?
        let written: String
        switch fact.normalized {
        case .person(let person): (written, country) = (person.name, person.country)
        case .name(let name): written = name.name
        default: return nil
        }
        var name = Template.collapsingSpaces(written)
        switch names {
        case .asWritten:
            break
        case .offices(let holders, let countries):
            switch holders.match(written) {
            case .known(let holder), .nearMiss(let holder): name = holder
            case .unknown: break
            }
            country = countries[name] ?? country
        case .gazetteer(let gazetteer):
            name = gazetteer.canonicalName(of: written) ?? name
        }
        return Participant(name: name, side: country ?? "?" + name)
    }
}
