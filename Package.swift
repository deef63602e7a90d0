// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "AnswerKit",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "AnswerKit", targets: ["AnswerKit"]),
        .executable(name: "answerkit", targets: ["answerkit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // The system cmark library (CommonMark reference implementation, C).
        .systemLibrary(
            name: "Ccmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        .target(
            name: "AnswerKit",
            dependencies: [
                "Ccmark",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Search/FORMAT.md", "Search/Analysis/README.md"]
        ),
        // The MCP server (`answerkit mcp`), apart so the library stays free of the MCP SDK.
        .target(
            name: "AnswerKitMCP",
            dependencies: ["AnswerKit", .product(name: "MCP", package: "swift-sdk")]
        ),
        // The dev server (`answerkit serve`), apart so the library stays free of FlyingFox.
        .target(
            name: "AnswerKitServer",
            dependencies: [
                "AnswerKit",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "answerkit",
            dependencies: [
                "AnswerKit",
                "AnswerKitMCP",
                "AnswerKitServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // mimalloc (Microsoft's allocator, Debian libmimalloc-dev) replaces glibc's malloc
            // in the command: a build makes and frees millions of small strings and arrays on
            // every core, and glibc's arenas cost a tenth of its time and more memory (at
            // 10 000 entries 3.5 s → 3.2 s; at 100 000 entries 1.06 → 1.0 GB peak). Linked,
            // its malloc comes before libc's for the whole process. Not on macOS, whose
            // allocator is another one.
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),
        .testTarget(
            name: "AnswerKitTests",
            dependencies: ["AnswerKit", .product(name: "Yams", package: "Yams")]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["AnswerKit"]
        ),
        .testTarget(
            name: "AnswerKitServerTests",
            dependencies: ["AnswerKitServer", "AnswerKit"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
