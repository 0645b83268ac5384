/// What a fact's `{@variable}`s are. A context rule (`context: partner`) finds every mention of
/// a variable's values in the article and its title; each fact then takes, per variable, the
/// nearest telling (issue #12: an article about Laos may state one Vietnam–Cambodia figure):
///
/// 1. a mention inside the fact's own match ("kim ngạch thương mại Việt Nam - Campuchia đạt …");
/// 2. else the mention nearest the match in its sentence or clause ("Với Campuchia, kim ngạch …
///    đạt …"), the earlier of two as near;
/// 3. else the title's (front matter or record `title`), when it names one value: what the
///    article says it is about ("Việt Nam - Campuchia - Lào: …" names three, and decides nothing);
/// 4. else the front matter or record field named like the variable (`partner: Lào`): a default
///    for the article, which the text of a sentence or the title overrides;
/// 5. else the value the article mentions most (on a tie, the one mentioned first).
///
/// Steps 3–5 are the article's `default`; a variable nothing tells is unknown, renders as "?",
/// and a fact whose key needs it is never compared (`Fact.unknownContext`). A front matter
/// field with no context rule behind it is the variable's value everywhere.
struct DocumentContext {
    /// One place the article names a value of a variable.
    struct Mention {
        let value: String
        /// The context rule's match, in the matching form.
        let range: Range<Int>
        /// Its sentence number (`Sentences`).
        let sentence: Int
    }

    /// Per variable, its mentions in the text, in text order.
    private let mentions: [String: [Mention]]
    /// Per variable, the value of a fact whose own sentence names none (steps 3–5).
    let defaults: [String: String]

    /// A document with no context at all: what context rules themselves render with.
    static let none = DocumentContext(mentions: [:], titleMentions: [:], fields: [:])

    /// `mentions` and `titleMentions` per context variable (the values in the order found);
    /// `fields` the document's front matter or record fields.
    init(mentions: [String: [Mention]], titleMentions: [String: [String]], fields: [String: String]) {
        self.mentions = mentions
        var defaults = fields
        for name in Set(mentions.keys).union(titleMentions.keys) {
            let title = Set(titleMentions[name] ?? [])
            defaults[name] = (title.count == 1 ? title.first : nil) ?? fields[name] ?? Self.mostMentioned((mentions[name] ?? []).map(\.value))
        }
        self.defaults = defaults
    }

    /// Every variable's value for a fact whose match is `match`, spanning `sentences`;
    /// a variable nothing tells is absent.
    func values(for match: Range<Int>, sentences: ClosedRange<Int>) -> [String: String] {
        var values = defaults
        for (name, mentions) in mentions {
            if let nearest = Self.nearest(mentions, to: match, in: sentences) { values[name] = nearest }
        }
        return values
    }

    /// The value of the mention inside `match`, else of the one nearest it in `sentences`.
    private static func nearest(_ mentions: [Mention], to match: Range<Int>, in sentences: ClosedRange<Int>) -> String? {
        // The first mention in the match's sentences: sentence numbers rise with the text.
        var (low, high) = (0, mentions.count)
        while low < high {
            let middle = (low + high) / 2
            if mentions[middle].sentence < sentences.lowerBound { low = middle + 1 } else { high = middle }
        }
        var best: (distance: Int, value: String)?
        for mention in mentions[low...] {
            guard mention.sentence <= sentences.upperBound else { break }
            if match.lowerBound <= mention.range.lowerBound, mention.range.upperBound <= match.upperBound { return mention.value }
            let distance = max(mention.range.lowerBound - match.upperBound, match.lowerBound - mention.range.upperBound)
            if best == nil || distance < best!.distance { best = (distance, mention.value) }
        }
        return best?.value
    }

    /// The value named most often; on a tie, the one named first.
    static func mostMentioned(_ values: [String]) -> String? {
        var counts: [String: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        var best: String?
        for value in values where best == nil || counts[value]! > counts[best!]! { best = value }
        return best
    }
}
