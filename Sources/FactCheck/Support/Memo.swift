import Synchronization

/// The results of a pure function, remembered across the workers of a run: what every file
/// asks again (which checks read a key, who a written name is) is computed once per value.
final class Memo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let values = Mutex<[Key: Value]>([:])

    func value(_ key: Key, _ compute: (Key) -> Value) -> Value {
        if let value = values.withLock({ $0[key] }) { return value }
        let value = compute(key)
        values.withLock { $0[key] = value }
        return value
    }
}
