/// `text.mixed-script`, built in: a letter of another script inside a Latin word — Cyrillic
/// "а" (U+0430) in "Thоngloun", Greek "Α" in "ΑSEAN" — looks right to an editor and is another
/// word to every rule, gazetteer and check, so the facts it is in leave comparison without a
/// word. This check names each such letter, as a warning at the letter: it follows inline
/// suppressions, the baseline and `--fail-on` like any finding, and never fails a run on its
/// own (`--fail-on error`). The pack does not configure it; its id is taken.
///
/// It reads the facts extraction makes of every odd letter (`Extractor.mixedScriptFacts`) and
/// reports one finding per document, word and letter, with every place the word is written so.
struct MixedScriptCheck: Check {
    static let builtIn = MixedScriptCheck()

    var settings: CheckSettings

    var id: String { settings.id }

    private init() {
        // A constant template, with placeholders this check fills: it parses.
        let message = try! Template(
            "Chữ cái khác hệ chữ · a letter of another script: {letter} in «{word}»{times}")
        settings = CheckSettings(
            id: MixedScript.id,
            description: "Built in. A letter of another script (Cyrillic, Greek, …) inside a Latin word: it looks like a Vietnamese "
                + "letter, but rules, gazetteers and checks read another word, so the facts it is in are not compared. "
                + "Retype the letter.",
            facts: [MixedScript.id], severity: .warning, message: message, path: "(built in)", line: 0)
    }

    var crossesDocuments: Bool { false }

    func partition(of fact: Fact) -> FactPartition { .document(fact.document) }

    func findings(in facts: FactIndex) -> [Finding] {
        var groups: [[String]: [Fact]] = [:]
        var order: [[String]] = []
        for fact in settings.read(facts) {
            let group = [fact.document, fact.value, fact.captures["letter"] ?? ""]
            if groups[group] == nil { order.append(group) }
            groups[group, default: []].append(fact)
        }
        return order.map { group in
            let facts = groups[group]!
            return settings.finding(
                key: MixedScript.id,
                values: ["word": group[1], "letter": group[2], "times": facts.count > 1 ? " (\(facts.count) lần · times)" : ""],
                facts: facts, fingerprintValues: group)
        }
    }
}
