import Foundation
import NIOCore
import NIOPosix
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 12: a client that starts a request and never finishes it is cut off after the idle time-out.
@Suite struct ConnectionLimitsTests {
    final class CloseWatcher: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let closed: EventLoopPromise<Void>
        init(_ closed: EventLoopPromise<Void>) { self.closed = closed }
        func channelInactive(context: ChannelHandlerContext) { closed.succeed(()) }
    }

    struct StillOpen: Error {}

    @Test func aClientThatNeverFinishesItsHeadersIsCutOff() async throws {
        try await withSigap(adjust: { $0.idleTimeout = 1 }) { context in
            try await context.app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = try #require(context.app.http.server.shared.localAddress?.port)
            let loop = MultiThreadedEventLoopGroup.singleton.next()
            let closed = loop.makePromise(of: Void.self)
            let channel = try await ClientBootstrap(group: loop)
                .channelInitializer { $0.pipeline.addHandler(CloseWatcher(closed)) }
                .connect(host: "127.0.0.1", port: port).get()
            // half a request line, then silence
            try await channel.writeAndFlush(ByteBuffer(string: "POST /wbs HTTP/1.1\r\nHost: sigap\r\n")).get()
            // bounded: if the server never closes, the test fails after 10 s instead of hanging
            let guardTask = loop.scheduleTask(in: .seconds(10)) { closed.fail(StillOpen()) }
            await #expect(throws: Never.self) { try await closed.futureResult.get() }
            guardTask.cancel()
            #expect(!channel.isActive)
            try? await channel.close().get()
            await context.app.server.shutdown()
        }
    }
}
