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
    /// next is told to come back (503 with Retry-After) instead of adding to the server's load. A small form
    /// (a receipt check) passes meanwhile.
    @Test func uploadsBeyondTheSlotsAndTheirQueueAreToldToComeBack() async throws {
        try await withSigap(adjust: { $0.uploadsAtOnce = 1 }) { context in
            try await context.app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = try #require(context.app.http.server.shared.localAddress?.port)
            let loop = MultiThreadedEventLoopGroup.singleton.next()
            // A form sent in two halves: the server waits for the second while it holds (or waits for) a slot.
            let firstHalf =
                "--XyZ\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"a.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n%PDF-1.4 "
            // large enough to need a slot (a small form passes without one)
            let secondHalf = String(repeating: "0", count: UploadGate.smallBody) + "\r\n--XyZ--\r\n"
            let head = [
                "POST /wbs HTTP/1.1", "Host: sigap", "Content-Type: multipart/form-data; boundary=XyZ",
                "Content-Length: \((firstHalf + secondHalf).utf8.count)", "", firstHalf,
            ].joined(separator: "\r\n")
            func connect() async throws -> (any Channel, EventLoopFuture<String>) {
                let answer = loop.makePromise(of: String.self)
                let channel = try await ClientBootstrap(group: loop)
                    .channelInitializer { $0.pipeline.addHandler(Answer(answer)) }
                    .connect(host: "127.0.0.1", port: port).get()
                try await channel.writeAndFlush(ByteBuffer(string: head)).get()
                return (channel, answer.futureResult)
            }
            /// Sends the rest of the form and waits for the answer (bounded: 20 s).
            func finish(_ upload: (any Channel, EventLoopFuture<String>)) async throws -> String {
                try await upload.0.writeAndFlush(ByteBuffer(string: secondHalf)).get()
                let guardTask = loop.scheduleTask(in: .seconds(20)) { upload.0.close(promise: nil) }
                defer { guardTask.cancel() }
                return try await upload.1.get()
            }
            let gate = context.app.sigap.uploads
            /// Polls `condition` for at most 20 s.
            func waitUntil(_ condition: @Sendable () async -> Bool) async throws {
                for _ in 0..<2000 where !(await condition()) { try await Task.sleep(nanoseconds: 10_000_000) }
            }
            let first = try await connect()
            try await waitUntil { await !gate.isIdle }  // the first holds the slot before the others arrive
            var queued: [(any Channel, EventLoopFuture<String>)] = []
            for expected in 1...UploadGate.waitingPerSlot {
                queued.append(try await connect())
                try await waitUntil { await gate.waitingCount == expected }
                #expect(await gate.waitingCount == expected)
            }
            let (extra, refusal) = try await connect()
            let guardTask = loop.scheduleTask(in: .seconds(10)) { extra.close(promise: nil) }
            let response = try await refusal.get()
            guardTask.cancel()
            #expect(response.hasPrefix("HTTP/1.1 503"))
            #expect(response.lowercased().contains("retry-after: 10"))
            try? await extra.close().get()
            // a small form is not held up by the queue
            let small = try await WBSTests().post(
                "/wbs/lanjut", ["receipt": "0000-0000-0000-0000-0001"], from: "192.0.2.99", context)
            #expect(small.status == .notFound)

            // the one being read finishes: the next in line takes its slot
            #expect(!(try await finish(first)).hasPrefix("HTTP/1.1 503"))
            try await waitUntil { await gate.waitingCount == UploadGate.waitingPerSlot - 1 }
            #expect(await gate.waitingCount == UploadGate.waitingPerSlot - 1)
            // and every queued upload is read in its turn (answered, not refused)
            for upload in queued {
                let answer = try await finish(upload)
                #expect(answer.hasPrefix("HTTP/1.1 ") && !answer.hasPrefix("HTTP/1.1 503"))
                try? await upload.0.close().get()
            }
            #expect(await gate.isIdle)
            try? await first.0.close().get()
            await context.app.server.shutdown()
        }
    }
}
