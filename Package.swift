// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "sigap",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sigap", targets: ["sigap"])
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        // Already under Vapor; named for the SMTP client's connection and STARTTLS (decision 0012).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        // Tests only: reads openapi.yaml to check the server's responses against it.
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/JohnSundell/Ink.git", from: "0.6.0"),
        // Already under Vapor; named to fetch an Open311 `media_url` with redirects off, a time limit and a size
        // limit on the streamed body (decision 0021).
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        // Domain rules with no I/O: Foundation and Crypto only.
        .target(
            name: "SigapCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // Smaller JPEG copies of photos for the pages: the public-domain stb image libraries, compiled here
        // (decision 0015); their licence is in Sources/CImageScale/stb.
        .target(
            name: "CImageScale",
            exclude: ["stb/LICENSE.txt", "stb/LICENSE-debian-copyright.txt"],
            cSettings: [.unsafeFlags(["-O2", "-w"])]
        ),
        // The Vapor application as a library, so tests build the real app.
        .target(
            name: "SigapApp",
            dependencies: [
                "SigapCore",
                "CImageScale",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Ink", package: "Ink"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "sigap",
            dependencies: [
                "SigapApp", .product(name: "Vapor", package: "vapor"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        .testTarget(name: "SigapCoreTests", dependencies: ["SigapCore"]),
        .testTarget(
            name: "SigapAppTests",
            dependencies: [
                "SigapApp",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
