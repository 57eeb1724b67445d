import NIOCore
import NIOPosix
import SigapApp
import Vapor

// The executable only reads the configuration and hands over to SigapApp.

// Swift's tasks run on NIO's event loops instead of a second pool of threads: every database answer and every
// response no longer crosses between the two (a third of the report API's time went to those switches,
// docs/performance.md). Must come before anything async. Work that blocks a thread runs on a thread pool.
NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
var env = try Environment.detect()
try LoggingSystem.bootstrap(from: &env)
let app = try await Application.make(env)
let config: AppConfig
do {
    config = try AppConfig.load(from: SettingsFile.merged(into: ProcessInfo.processInfo.environment))
} catch {
    for line in error.lines { FileHandle.standardError.write(Data(("sigap: " + line + "\n").utf8)) }
    try? await app.asyncShutdown()
    exit(78)  // EX_CONFIG
}
// `sigap restore FILE` runs before the application is built: building it would create a database and keys in the
// folder being restored into.
let arguments = CommandLine.arguments
if arguments.count >= 2, arguments[1] == "restore" {
    do {
        guard arguments.count == 3 else { throw RestoreUsage() }
        let lines = try Restore.run(
            archive: arguments[2], dataDirectory: config.dataDirectory,
            environment: SettingsFile.merged(into: ProcessInfo.processInfo.environment)
        )
        for line in lines { print(line) }
        try? await app.asyncShutdown()
        exit(0)
    } catch {
        FileHandle.standardError.write(Data(("sigap restore: \(error)\n").utf8))
        try? await app.asyncShutdown()
        exit(1)
    }
}
struct RestoreUsage: Error, CustomStringConvertible {
    var description: String { "usage: sigap restore FILE (into an empty SIGAP_DATA_DIR)" }
}
do {
    try await configure(app, config: config, clock: .system(shiftedByDays: config.clockOffsetDays))
    if config.clockOffsetDays != 0 {
        let days = config.clockOffsetDays
        app.logger.warning(
            "SIGAP_CLOCK_OFFSET_DAYS=\(days): this clock runs that many days from the real date (rehearsals and tests only)"
        )
    }
    try await app.execute()
} catch {
    app.logger.critical("sigap stopped: \(String(describing: error))")
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()
