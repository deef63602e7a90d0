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
            ]
        ),
        .executableTarget(
            name: "answerkit",
            dependencies: [
                "AnswerKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "AnswerKitTests",
            dependencies: ["AnswerKit", .product(name: "Yams", package: "Yams")]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["AnswerKit"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
