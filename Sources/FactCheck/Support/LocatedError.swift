import Foundation

/// An error a user fixes in a file: it says which file, where, and (for rule problems) which rule.
/// Each layer has one enum conforming to this (`CorpusError`, `RuleError`, `ExtractionError`).
public protocol LocatedError: LocalizedError, Sendable {
    /// `input` (an article), `rule` (the rule pack) or `match-limit` (a rule on one document).
    var kind: ErrorKind { get }
    var path: String { get }
    var line: Int? { get }
    var column: Int? { get }
    var ruleID: String? { get }
    /// What is wrong, without the location.
    var message: String { get }
    /// `error`: what could not be processed (exit 2); `warning`: what was read, but probably
    /// not as meant (a front matter key in another case), which changes no exit code.
    var severity: Severity { get }
}

public enum ErrorKind: String, Codable, Sendable {
    case input
    case rule
    case matchLimit = "match-limit"
}

extension LocatedError {
    public var column: Int? { nil }
    public var ruleID: String? { nil }
    public var severity: Severity { .error }

    /// `path:line:column: error: message [rule]`, the form editors and CI logs understand.
    public var errorDescription: String? {
        var place = path
        if let line { place += ":\(line)" }
        if let line, let column, line > 0 { place += ":\(column)" }
        let rule = ruleID.map { " [\($0)]" } ?? ""
        return "\(place): \(severity.rawValue): \(message)\(rule)"
    }
}
