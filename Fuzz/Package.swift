// swift-tools-version:6.0
// The fuzzing driver, a package of its own so that only it is built with coverage
// instrumentation and libFuzzer. Run it through scripts/fuzz, which passes the flags.
import Foundation
import PackageDescription

// A path dependency is named after its folder, which is the clone's name.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

let package = Package(
    name: "factcheck-fuzz",
    dependencies: [.package(path: root.path)],
    targets: [
        .executableTarget(name: "FactCheckFuzz", dependencies: [.product(name: "FactCheck", package: root.lastPathComponent)]),
    ]
)
