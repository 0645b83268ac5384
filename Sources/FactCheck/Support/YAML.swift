import Yams

/// Parsing YAML into nodes that remember their line, with errors that say where.
enum YAML {
    /// A YAML syntax problem at a 1-based line and column of the text parsed.
    struct Problem: Error, Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    /// The single document in `text` (nil when empty).
    static func compose(_ text: String) throws(Problem) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw problem(from: error)
        } catch {
            throw Problem(line: 1, column: 1, message: String(describing: error))
        }
    }

    private static func problem(from error: YamlError) -> Problem {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let message = context.map { "\(problem) (\($0.text) at line \($0.mark.line))" } ?? problem
            return Problem(line: mark.line, column: mark.column, message: message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Problem(line: context.mark.line, column: context.mark.column,
                           message: "duplicate keys: \(duplicates.joined(separator: ", "))")
        default:
            return Problem(line: 1, column: 1, message: String(describing: error))
        }
    }
}

extension Node {
    /// The 1-based line where this node starts (1 when unknown).
    var line: Int { mark?.line ?? 1 }

    /// The text of a scalar; nil for a mapping or sequence.
    var scalarText: String? { scalar?.string }
}
