import PCRE2

/// A rule pack problem that does not stop loading but is probably a mistake.
public struct RuleWarning: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var rule: String?
    public var message: String
    /// The pattern line with a caret under the spot, when the warning is about one.
    public var caret: String?
    /// Whether the warning comes from the day it is (a reference table grown old), not from
    /// the pack's text. `rules lint --strict` does not fail on it: one commit must get one
    /// verdict whatever the day, so a table's age is said on every run but fails none.
    public var dated = false

    public var description: String {
        "\(path):\(line): warning: \(message)" + (rule.map { " [\($0)]" } ?? "") + (caret.map { "\n" + $0 } ?? "")
    }
}

/// `factcheck rules lint`: what compiles but cannot work as meant.
///
/// Patterns run on the matching form (DESIGN §5), so a literal en dash, NBSP, zero-width
/// space, decomposed letter, eth, or a word in the other tone-mark style can never match.
///
/// Reference data ages: a term still open is known only until its `known_until`, and every
/// article dated later gets "cannot verify". A `known_until` more than `maximumReferenceAge`
/// days before today is a warning at its line, so that the table is researched again rather
/// than silently verifying nothing new. "Today" is a parameter: tests fix it.
public enum RuleLint {
    /// Days a `known_until` may lag behind today before lint says so: about half a year, long
    /// enough that routine research keeps up, short enough that a year's articles are not
    /// all "cannot verify" unnoticed.
    public static let maximumReferenceAge = 180

    /// Whether a pattern finds an empty match in short texts. PCRE2's minimum length is only a
    /// lower bound (0 when the pattern calls shared fragments deeply), so a 0 is confirmed.
    static func matchesEmptyText(_ regex: Regex) -> Bool {
        let matcher = Matcher()
        return ["", " ", "\n", "x", "1"].contains { text in
            Array(text.utf8).withUnsafeBufferPointer { bytes in
                (try? matcher.firstMatch(of: regex, in: bytes))??.range.isEmpty == true
            }
        }
    }

    /// Mistakes that load but leave part of the pack dead: a check's `facts` pattern that no
    /// key the pack can yield matches (`'trade.turnvoer/*'`), so the check silently reads
    /// nothing. Errors for `rules lint` (exit 2); a `check` run is not stopped by them.
    public static func errors(_ pack: RulePack) -> [RuleError] {
        let yielded = yieldedKeys(pack)
        var errors: [RuleError] = []
        for check in pack.checks {
            for pattern in check.settings.facts {
                let glob = pattern.precomposedStringWithCanonicalMapping
                guard !yielded.contains(where: { KeyGlob.overlap(glob, $0) }) else { continue }
                let closest = EditDistance.closest(to: glob, in: yielded, maximum: 3)
                errors.append(.invalidValue(
                    path: check.settings.path, line: check.settings.line, context: "check '\(check.id)'",
                    message: "'facts' pattern '\(pattern)' matches no key a rule of the pack yields, so the check reads nothing from it"
                        + (closest.map { " (did you mean '\($0)'?)" } ?? "")))
            }
        }
        return errors
    }

    /// The keys the pack's rules can yield, as patterns: each rule's key templates with `*` for
    /// what captures and context fill, each event rule's `id/*`, and the built-in check's key.
    static func yieldedKeys(_ pack: RulePack) -> [String] {
        var keys = pack.rules.flatMap { $0.facts.map { $0.key.pattern } } + pack.events.map { $0.id + "/*" } + [MixedScript.id]
        keys = keys.map(\.precomposedStringWithCanonicalMapping)
        var seen: Set<String> = []
        return keys.filter { seen.insert($0).inserted }
    }

    public static func lint(_ pack: RulePack, today: CalendarDate = .today) -> [RuleWarning] {
        var warnings: [RuleWarning] = []
        var used: Set<String> = []
        for rule in pack.rules {
            warnings += literalWarnings(in: rule.pattern, rule: rule.id, what: "the pattern")
            if rule.regex.minimumLength == 0, matchesEmptyText(rule.regex) {
                warnings.append(RuleWarning(path: rule.path, line: rule.pattern.line, rule: rule.id,
                                            message: "the pattern can match empty text, which yields empty facts"))
            }
            if let expansion = try? PatternExpansion.expand(rule.pattern.source, fragments: pack.fragments, extended: false) {
                used.formUnion(expansion.used)
            }
        }
        for fragment in pack.fragments.values.sorted(by: { ($0.pattern.path, $0.pattern.line) < ($1.pattern.path, $1.pattern.line) }) {
            warnings += literalWarnings(in: fragment.pattern, rule: nil, what: "fragment '\(fragment.name)'")
            if !used.contains(fragment.name) {
                warnings.append(RuleWarning(path: fragment.pattern.path, line: fragment.pattern.line, rule: nil,
                                            message: "fragment '\(fragment.name)' is not used by any rule"))
            }
        }
        return warnings + staleReferences(in: pack, today: today)
    }

    /// Open terms of the reference tables whose `known_until` is more than
    /// `maximumReferenceAge` days before `today`, in file and line order.
    static func staleReferences(in pack: RulePack, today: CalendarDate) -> [RuleWarning] {
        var stale: [(term: OfficeTerm, warning: RuleWarning)] = []
        for (table, terms) in pack.tables {
            for term in terms where term.to == nil {
                guard let knownUntil = term.knownUntil, today.dayNumber - knownUntil.dayNumber > maximumReferenceAge else { continue }
                let message = "table '\(table)': \(term.name) (\(term.title), \(term.country)) is known only until \(knownUntil), "
                    + "\(today.dayNumber - knownUntil.dayNumber) days before today (\(today)); articles dated later cannot be verified: "
                    + "research the office again and move 'known_until' (or end the term with 'to')"
                stale.append((term, RuleWarning(path: term.path, line: term.line, rule: nil, message: message, dated: true)))
            }
        }
        return stale.sorted { ($0.term.path, $0.term.line) < ($1.term.path, $1.term.line) }.map(\.warning)
    }

    /// Characters and words in a pattern that the matching form never contains.
    static func literalWarnings(in pattern: SourcedPattern, rule: String?, what: String) -> [RuleWarning] {
        var warnings: [RuleWarning] = []
        func warn(_ message: String, at offset: Int) {
            let line = pattern.line + pattern.source.utf8.prefix(offset).filter { $0 == 0x0A }.count
            warnings.append(RuleWarning(path: pattern.path, line: line, rule: rule, message: "\(what): \(message)",
                                        caret: PatternCaret.render(source: pattern.source, offset: offset)))
        }
        var offset = 0
        var word: [Unicode.Scalar] = []
        var wordStart = 0
        func endWord() {
            if let canonical = VietnameseTone.placed(word, style: .old) {
                let written = String(String.UnicodeScalarView(word))
                let expected = String(String.UnicodeScalarView(canonical))
                warn("'\(written)' places its tone mark in the other style; the matching form has '\(expected)'", at: wordStart)
            }
            word.removeAll()
        }
        for scalar in pattern.source.unicodeScalars {
            if scalar.properties.isAlphabetic, scalar.properties.canonicalCombiningClass == .notReordered {
                if word.isEmpty { wordStart = offset }
                word.append(scalar)
            } else {
                endWord()
            }
            if let problem = nonCanonical(scalar) { warn(problem, at: offset) }
            offset += UTF8.width(scalar)
        }
        endWord()
        return warnings
    }

    /// Why `scalar` never occurs in the matching form, or nil if it can.
    private static func nonCanonical(_ scalar: Unicode.Scalar) -> String? {
        let name = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        if scalar.properties.canonicalCombiningClass != .notReordered {
            return "combining mark \(name) (a decomposed letter) never occurs: write the precomposed letter"
        }
        let canonical = Canonicalizer.canonicalize(String(scalar))
        guard canonical != String(scalar) else { return nil }
        if canonical.isEmpty { return "invisible \(name) is removed from the matching form: delete it" }
        return "\(name) never occurs in the matching form: write '\(canonical)'"
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}

/// Key patterns where `*` matches any run of characters, as checks' `facts` write them.
enum KeyGlob {
    /// Whether some key matches both `a` and `b`: a check's pattern against the pattern of what
    /// a rule yields. Dynamic programming over both patterns' positions: a star may take
    /// nothing, or the other side's next character (a star too, which stands for any text).
    static func overlap(_ a: String, _ b: String) -> Bool {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        // reachable[i][j]: a[..<i] and b[..<j] can spell one text.
        var reachable = Array(repeating: Array(repeating: false, count: b.count + 1), count: a.count + 1)
        reachable[0][0] = true
        for i in 0...a.count {
            for j in 0...b.count where reachable[i][j] {
                if i < a.count, a[i] == "*" {
                    reachable[i + 1][j] = true
                    if j < b.count { reachable[i][j + 1] = true }
                }
                if j < b.count, b[j] == "*" {
                    reachable[i][j + 1] = true
                    if i < a.count { reachable[i + 1][j] = true }
                }
                if i < a.count, j < b.count, a[i] != "*", b[j] != "*", a[i] == b[j] { reachable[i + 1][j + 1] = true }
            }
        }
        return reachable[a.count][b.count]
    }
}
