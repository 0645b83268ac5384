import Foundation

/// Writes files so that readers see the old content or the new, never a part: the bytes go
/// to a new temporary file beside the destination (its name holds the process id and a random
/// part, and it is created exclusively without following links, so neither a concurrent run
/// nor a planted symbolic link can redirect it), are flushed to disk, and the file is renamed
/// over the destination (replacing a link there, never writing through it). `stage` and
/// `commit` are separate so several files can all be written before any replaces its old
/// version. On failure the temporary file is removed and the destination is untouched.
enum AtomicFile {
    struct WriteError: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "cannot write \(path): \(reason)" }
    }

    /// A complete temporary file waiting to replace its destination.
    struct Staged: Sendable {
        let temporary: String
        let destination: String

        func commit() throws(WriteError) {
            guard rename(temporary, destination) == 0 else {
                let reason = "rename: \(String(cString: strerror(errno)))"
                discard()
                throw WriteError(path: destination, reason: reason)
            }
        }

        func discard() {
            unlink(temporary)
        }
    }

    /// Writes what `body` appends into a temporary file beside `path`, synced to disk.
    static func stage(_ path: String, _ body: (inout ByteSink) throws -> Void) throws -> Staged {
        let url = URL(fileURLWithPath: path)
        let unique = "\(getpid()).\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(unique).partial").path
        let staged = Staged(temporary: temporary, destination: path)
        func fail(_ operation: String, _ code: Int32) -> WriteError {
            staged.discard()
            return WriteError(path: path, reason: "\(operation): \(String(cString: strerror(code)))")
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            // Not ours to remove: it existed before.
            throw WriteError(path: path, reason: "create \(temporary): \(String(cString: strerror(errno)))")
        }
        var sink = ByteSink(descriptor: descriptor)
        do {
            try body(&sink)
        } catch {
            close(descriptor)
            staged.discard()
            throw error
        }
        sink.flush()
        if let failure = sink.failure {
            close(descriptor)
            throw fail("write", failure)
        }
        guard fsync(descriptor) == 0 else {
            let code = errno
            close(descriptor)
            throw fail("fsync", code)
        }
        guard close(descriptor) == 0 else { throw fail("close", errno) }
        return staged
    }

    static func write(_ data: Data, to path: String) throws {
        try stage(path) { $0.append(contentsOf: data) }.commit()
    }

    /// Runs `body` holding an exclusive lock on `directory` (a `.factcheck.lock` file in it),
    /// so that runs replacing files there one after another never mix their files.
    static func locked<T>(_ directory: String, _ body: () throws -> T) throws -> T {
        let path = directory + "/.factcheck.lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw WriteError(path: path, reason: "lock: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw WriteError(path: path, reason: "lock: \(String(cString: strerror(errno)))") }
        }
        return try body()
    }
}
