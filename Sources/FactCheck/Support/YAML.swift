import Yams

/// Parsing YAML into nodes that remember their line, with errors that say where.
enum YAML {
    /// A YAML syntax problem at a 1-based line and column of the text parsed.
    struct Problem: Error, Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    /// Nodes a document may expand to beyond one per byte of its text (a document without
    /// aliases has fewer nodes than bytes): generous for anchors shared by a few rules, and
    /// aliases expanding past it (a "billion laughs" bomb) are refused before anything walks
    /// the tree.
    static let aliasAllowance = 100_000

    /// The single document in `text` (nil when empty).
    static func compose(_ text: String) throws(Problem) -> Node? {
        do {
            let node = try Yams.compose(yaml: text)
            let maximum = text.utf8.count + aliasAllowance
            var budget = maximum
            if let node, !fits(node, budget: &budget) {
                throw Problem(line: node.line, column: 1, message: "expands to more than \(maximum) nodes: aliases repeat "
                              + "too much (a 'billion laughs' bomb?)")
            }
            return node
        } catch let problem as Problem {
            throw problem
        } catch let error as YamlError {
            throw problem(from: error)
        } catch {
            throw Problem(line: 1, column: 1, message: String(describing: error))
        }
    }

    /// Whether `node`, with every alias expanded, has at most `budget` nodes; stops counting
    /// as soon as it has not, so a bomb costs no more than the budget.
    private static func fits(_ node: Node, budget: inout Int) -> Bool {
        budget -= 1
        guard budget >= 0 else { return false }
        switch node {
        case .scalar, .alias: return true
        case .sequence(let sequence): return sequence.allSatisfy { fits($0, budget: &budget) }
        case .mapping(let mapping): return mapping.allSatisfy { fits($0.key, budget: &budget) && fits($0.value, budget: &budget) }
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
