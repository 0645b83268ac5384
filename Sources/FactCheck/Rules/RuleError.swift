/// What is wrong with a rule file. Each case names the file and line; the rule or file it is
/// about is skipped and the rest of the pack still loads.
public enum RuleError: LocatedError, Equatable {
    /// No rule pack at `path`: `reason` says why (no such directory, a file, no rule files in it).
    case noRules(path: String, reason: String)
    case unreadable(path: String, message: String)
    case yaml(path: String, line: Int, column: Int, message: String)
    /// A key the format does not know, with the keys allowed there and a close one if any.
    case unknownKey(path: String, line: Int, key: String, context: String, allowed: [String], suggestion: String?)
    case missingKey(path: String, line: Int, key: String, context: String)
    case invalidValue(path: String, line: Int, context: String, message: String)
    case duplicateID(path: String, line: Int, id: String, first: String)
    case undefinedFragment(path: String, line: Int, name: String, context: String)
    case fragmentCycle(path: String, line: Int, cycle: [String])
    /// A pattern whose fragments expand past `PatternExpansion.maxBytes`; `chain` is the path of
    /// references, from one the pattern makes, to the fragment being expanded when it did.
    case patternTooLarge(path: String, line: Int, rule: String?, context: String, chain: [String], limit: Int)
    /// A pattern PCRE2 rejects. `source` is the pattern text (the rule's, or the fragment's when
    /// the error is inside one) and `offset` the byte offset in it where PCRE2 stopped.
    case pattern(path: String, line: Int, rule: String?, context: String, message: String, source: String, offset: Int)
    case unknownCapture(path: String, line: Int, rule: String, name: String, field: String, available: [String])

    public var kind: ErrorKind { .rule }

    public var path: String {
        switch self {
        case .noRules(let path, _), .unreadable(let path, _), .yaml(let path, _, _, _), .unknownKey(let path, _, _, _, _, _),
             .missingKey(let path, _, _, _), .invalidValue(let path, _, _, _), .duplicateID(let path, _, _, _),
             .undefinedFragment(let path, _, _, _), .fragmentCycle(let path, _, _), .patternTooLarge(let path, _, _, _, _, _),
             .pattern(let path, _, _, _, _, _, _), .unknownCapture(let path, _, _, _, _, _):
            path
        }
    }

    public var line: Int? {
        switch self {
        case .noRules, .unreadable: nil
        case .yaml(_, let line, _, _), .unknownKey(_, let line, _, _, _, _), .missingKey(_, let line, _, _),
             .invalidValue(_, let line, _, _), .duplicateID(_, let line, _, _), .undefinedFragment(_, let line, _, _),
             .fragmentCycle(_, let line, _), .patternTooLarge(_, let line, _, _, _, _), .pattern(_, let line, _, _, _, _, _), .unknownCapture(_, let line, _, _, _, _):
            line
        }
    }

    public var column: Int? {
        if case .yaml(_, _, let column, _) = self { return column }
        return nil
    }

    public var ruleID: String? {
        switch self {
        case .pattern(_, _, let rule, _, _, _, _): rule
        case .patternTooLarge(_, _, let rule, _, _, _): rule
        case .unknownCapture(_, _, let rule, _, _, _): rule
        case .duplicateID(_, _, let id, _): id
        default: nil
        }
    }

    public var message: String {
        switch self {
        case .noRules(_, let reason):
            "no rule pack here: \(reason); name the rule pack's directory with --rules DIR (by default ./rules, where factcheck runs)"
        case .unreadable(_, let message): message
        case .yaml(_, _, _, let message): "YAML: \(message)"
        case .unknownKey(_, _, let key, let context, let allowed, let suggestion):
            "unknown key '\(key)' in \(context)" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
                + "; allowed: \(allowed.joined(separator: ", "))"
        case .missingKey(_, _, let key, let context): "\(context) needs '\(key)'"
        case .invalidValue(_, _, let context, let message): "\(context): \(message)"
        case .duplicateID(_, _, let id, let first): "rule id '\(id)' is already used at \(first)"
        case .undefinedFragment(_, _, let name, let context): "\(context) uses fragment '{{\(name)}}', which is not defined"
        case .fragmentCycle(_, _, let cycle): "fragments refer to each other in a cycle: \(cycle.joined(separator: " → "))"
        case .patternTooLarge(_, _, _, let context, let chain, let limit):
            "\(context) expands past \(limit / 1024) KiB (the limit on an expanded pattern)"
                + (chain.isEmpty ? "" : " in fragment \(chain.joined(separator: " → ")); a fragment that uses another twice doubles the pattern at every level")
        case .pattern(_, _, _, let context, let message, _, let offset):
            "\(context) does not compile: \(message) (at byte \(offset))" + (PatternHint.for(message).map { "; hint: " + $0 } ?? "")
        case .unknownCapture(_, _, _, let name, let field, let available):
            "'\(field)' uses '{\(name)}', which is not a named group of the pattern"
                + (available.isEmpty ? " (the pattern has no named groups)" : "; named groups: \(available.joined(separator: ", "))")
        }
    }

    /// For a pattern error: the pattern line with a caret under the error, ready to print.
    public var caret: String? {
        guard case .pattern(_, _, _, _, _, let source, let offset) = self else { return nil }
        return PatternCaret.render(source: source, offset: offset)
    }
}

/// What usually causes one of PCRE2's terse compile errors, for rule authors who are not regex
/// experts. Each hint is true of PCRE2 10.42 as factcheck compiles patterns; an error with no
/// common cause known gets none.
enum PatternHint {
    static func `for`(_ message: String) -> String? {
        let hints: [(String, String)] = [
            ("two named subpatterns have the same name",
             "alternatives that capture the same thing under one name go in a branch reset group, (?|(?<n>...)|(?<n>...)), "
                + "where groups of one name share a number; or split the rule into two rules"),
            ("lookbehind assertion is not fixed length",
             "each alternative of a lookbehind must match a fixed number of characters (no *, +, ? or {m,n} inside; alternatives "
                + "of different lengths are fine): write (?<![\\p{N}]) rather than (?<![\\p{N}]+), which means the same"),
            ("missing closing parenthesis", "a '(' is never closed; to match a literal '(' write '\\('"),
            ("unmatched closing parenthesis", "a ')' closes no group; to match a literal ')' write '\\)'"),
            ("quantifier does not follow a repeatable item",
             "a '*', '+', '?' or '{' here repeats nothing; to match it literally escape it, as in '\\+84'"),
            ("missing terminating ] for character class", "a '[' opens a character class that is never closed; to match a literal '[' write '\\['"),
            ("reference to non-existent subpattern", "a back reference (\\1, \\k<name>) names a group the pattern does not have"),
            ("unrecognized character follows \\",
             "a letter after '\\' must be an escape PCRE2 knows (\\d, \\s, \\w, \\p{L}, ...); before punctuation a '\\' is always literal"),
            ("unknown property", "a property is a name such as \\p{L} (letter), \\p{Lu} (capital letter), \\p{N} (digit or number), \\p{Latin}"),
        ]
        return hints.first { message.contains($0.0) }?.1
    }
}

/// Draws a caret under a byte offset of a (possibly multi-line) pattern.
enum PatternCaret {
    static func render(source: String, offset: Int) -> String {
        let bytes = Array(source.utf8)
        let offset = min(max(offset, 0), bytes.count)
        let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let lineEnd = bytes[offset...].firstIndex(of: 0x0A) ?? bytes.count
        let line = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
        let column = bytes[lineStart..<offset].reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        return "    " + line + "\n    " + String(repeating: " ", count: column) + "^"
    }
}
