import Dispatch
import Foundation
import Synchronization

/// The number of worker threads to use by default: one per core.
public var defaultJobs: Int { ProcessInfo.processInfo.activeProcessorCount }

/// Maps `inputs` on up to `jobs` threads, in contiguous chunks, each chunk with its own worker
/// state (a `Matcher`, say). Results come back in input order whatever the thread count, so
/// output stays deterministic.
func parallelMap<Input: Sendable, State, Output: Sendable>(
    _ inputs: [Input], jobs: Int, state makeState: @Sendable () -> State, progress: (@Sendable (Int, Int) -> Void)? = nil,
    _ transform: @Sendable (Input, State) -> Output
) -> [Output] {
    parallelMap(inputs, jobs: jobs, state: makeState, progress: progress, chunks: { chunk, state in chunk.map { transform($0, state) } })
}

/// `parallelMap` with a transform that takes each chunk (at most 64 inputs) whole and gives
/// one output per input: for work that is cheaper done for many inputs at once.
func parallelMap<Input: Sendable, State, Output: Sendable>(
    _ inputs: [Input], jobs: Int, state makeState: @Sendable () -> State, progress: (@Sendable (Int, Int) -> Void)? = nil,
    chunks transform: @Sendable (ArraySlice<Input>, State) -> [Output]
) -> [Output] {
    // At least four chunks per worker balance uneven documents; at most 64 inputs per chunk
    // keep progress moving on large batches.
    let chunkSize = max(1, min(64, (inputs.count + jobs * 4 - 1) / (jobs * 4)))
    let chunkCount = (inputs.count + chunkSize - 1) / chunkSize
    let results = Mutex([[Output]](repeating: [], count: chunkCount))
    let next = Atomic<Int>(0)
    let done = Atomic<Int>(0)
    // Each iteration is one worker that takes chunks until none are left.
    DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, chunkCount))) { _ in
        let state = makeState()
        while true {
            let chunk = next.add(1, ordering: .relaxed).oldValue
            guard chunk < chunkCount else { return }
            let slice = inputs[min(chunk * chunkSize, inputs.count)..<min((chunk + 1) * chunkSize, inputs.count)]
            let output = transform(slice, state)
            precondition(output.count == slice.count, "a chunk's transform gave \(output.count) outputs for \(slice.count) inputs")
            results.withLock { $0[chunk] = output }
            let finished = done.add(slice.count, ordering: .relaxed).newValue
            progress?(finished, inputs.count)
        }
    }
    return results.withLock { $0.flatMap { $0 } }
}
