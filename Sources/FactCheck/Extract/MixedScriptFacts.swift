extension Extractor {
    /// What the built-in check `text.mixed-script` reads: a fact at each letter of another
    /// script inside a Latin word (`MixedScript`), whatever the pack. Its key and rule are
    /// `text.mixed-script`, its value the word, its normalized value the letter's code point and
    /// name; it is located at the letter as written. The text is observed here, in phase 1, like
    /// any fact, so the finding is stored with the file's facts and suppressed, baselined and
    /// triaged like any other. A repeated paragraph (the `duplicate` zone) is not read twice.
    ///
    /// At most `ExtractRule.defaultMaxFacts` per document, as for a rule: past that the rest are
    /// dropped and the error says so.
    static func mixedScriptFacts(
        in document: Document, text: UnsafeBufferPointer<UInt8>, zones: ZoneMap, sentences: Sentences
    ) -> (facts: [Fact], error: ExtractionError?) {
        var facts: [Fact] = []
        for letter in MixedScript.letters(in: text) {
            let zone = zones.kind(at: letter.range.lowerBound) ?? .body
            guard zone != .duplicate else { continue }
            guard facts.count < ExtractRule.defaultMaxFacts else {
                return (facts, .factCap(path: document.path, line: document.line, document: document.id, rule: MixedScript.id,
                                        limit: ExtractRule.defaultMaxFacts))
            }
            let word = document.canonicalText(letter.word)
            let name = MixedScript.describe(letter.scalar)
            facts.append(Fact(
                rule: MixedScript.id, key: MixedScript.id, value: word, type: .text, normalized: .text(name), modality: nil,
                period: nil, asOf: document.metadata.date, document: document.id, zone: zone,
                sentence: sentences.number(at: letter.range.lowerBound), location: document.location(of: letter.range),
                captures: ["word": word, "letter": name]))
        }
        return (facts, nil)
    }
}
