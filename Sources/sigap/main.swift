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
    config = try AppConfig.load(from: ProcessInfo.processInfo.environment)
} catch {
    for line in error.lines { FileHandle.standardError.write(Data(("sigap: " + line + "\n").utf8)) }
    try? await app.asyncShutdown()
    exit(78)  // EX_CONFIG
}
do {
    try await configure(app, config: config)
    try await app.execute()
} catch {
    app.logger.critical("sigap stopped: \(String(describing: error))")
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()
