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

    /// Collects what the server answers on a raw connection.
    final class Answer: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let head: EventLoopPromise<String>
        var text = ""
        init(_ head: EventLoopPromise<String>) { self.head = head }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            text += String(buffer: unwrapInboundIn(data))
            if text.contains("\r\n\r\n") { head.succeed(text) }
        }
        func channelInactive(context: ChannelHandlerContext) { head.succeed(text) }
    }

    /// Issue 12: uploads are bounded: with one slot, one upload is read, four wait their turn unread, and the
    /// next is told to come back (503 with Retry-After) instead of adding to the server's load.
    @Test func uploadsBeyondTheSlotsAndTheirQueueAreToldToComeBack() async throws {
        try await withSigap(adjust: { $0.uploadsAtOnce = 1 }) { context in
            try await context.app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = try #require(context.app.http.server.shared.localAddress?.port)
            let loop = MultiThreadedEventLoopGroup.singleton.next()
            let head = [
                "POST /wbs HTTP/1.1", "Host: sigap", "Content-Type: multipart/form-data; boundary=XyZ",
                "Content-Length: 50000000", "",
                "--XyZ\r\nContent-Disposition: form-data; name=\"evidence\"; "
                    + "filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 ",
            ].joined(separator: "\r\n")
            func connect() async throws -> (any Channel, EventLoopFuture<String>) {
                let answer = loop.makePromise(of: String.self)
                let channel = try await ClientBootstrap(group: loop)
                    .channelInitializer { $0.pipeline.addHandler(Answer(answer)) }
                    .connect(host: "127.0.0.1", port: port).get()
                try await channel.writeAndFlush(ByteBuffer(string: head)).get()
                return (channel, answer.futureResult)
            }
            let gate = context.app.sigap.uploads
            func waitUntil(_ condition: @Sendable () async -> Bool) async throws {
                for _ in 0..<200 where !(await condition()) { try await Task.sleep(nanoseconds: 10_000_000) }
            }
            var open: [any Channel] = []
            let (first, _) = try await connect()
            open.append(first)
            try await waitUntil { await !gate.isIdle }  // the first holds the slot before the others arrive
            for expected in 1...UploadGate.waitingPerSlot {
                let (channel, _) = try await connect()
                open.append(channel)
                try await waitUntil { await gate.waitingCount == expected }
                #expect(await gate.waitingCount == expected)
            }
            let (extra, answer) = try await connect()
            let guardTask = loop.scheduleTask(in: .seconds(10)) { extra.close(promise: nil) }
            let response = try await answer.get()
            guardTask.cancel()
            #expect(response.hasPrefix("HTTP/1.1 503"))
            #expect(response.lowercased().contains("retry-after: 10"))
            // the one being read goes away: the next in line takes its slot
            try await first.close().get()
            try await waitUntil { await gate.waitingCount == UploadGate.waitingPerSlot - 1 }
            #expect(await gate.waitingCount == UploadGate.waitingPerSlot - 1)
            for channel in open.dropFirst() + [extra] { try? await channel.close().get() }
            // every queued upload runs, finds its client gone, and gives its slot back
            try await waitUntil { await gate.isIdle }
            #expect(await gate.isIdle)
            await context.app.server.shutdown()
        }
    }
}
