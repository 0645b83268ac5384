import Foundation

/// `context`: a fact whose key needs a document context variable the article does not tell —
/// `{@partner}` when neither the fact's sentence, the title, front matter nor the article names
/// a country (`DocumentContext`) — has "?" in its key and is never compared by a consistency
/// check. This check says so once per document, with those facts as its locations, so that
/// rule authors see which statements went uncompared and editors can name the partner.
///
/// ```yaml
/// - id: context.unknown-partner
///   kind: context
///   facts: ['trade.*', 'investment.*']
///   severity: info
///   message: 'Không xác định được đối tác của {count} số liệu (không được so sánh): {facts}.'
/// ```
/// Placeholders: `{count}`, `{facts}` ("trade.turnover/? = 2,9 tỷ USD; trade.export/? = 530 triệu USD").
struct ContextCheck: Check {
    static let keys: [String] = []
    static let placeholders = ["count", "facts"]

    var settings: CheckSettings

    var id: String { settings.id }

    init(settings: CheckSettings) {
        self.settings = settings
    }

    var crossesDocuments: Bool { false }

    func partition(of fact: Fact) -> FactPartition { .document(fact.document) }

    func findings(in facts: FactIndex) -> [Finding] {
        var unknown: [String: [Fact]] = [:]
        var order: [String] = []
        for fact in settings.read(facts) where fact.unknownContext != nil {
            if unknown[fact.document] == nil { order.append(fact.document) }
            unknown[fact.document, default: []].append(fact)
        }
        return order.map { document in
            let facts = unknown[document]!
            let statements = facts.map { "\($0.key) = \($0.value)" }
            let variables = Set(facts.flatMap { $0.unknownContext ?? [] }).sorted()
            let key = "context/" + variables.joined(separator: ",")
            return settings.finding(
                key: key, values: ["count": String(facts.count), "facts": statements.joined(separator: "; ")], facts: facts,
                fingerprintValues: [document] + statements)
        }
    }
}
