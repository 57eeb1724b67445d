import AsyncHTTPClient
import Fluent
import Foundation
import NIOCore
import SigapCore
import Vapor

/// Sends outbox messages as Web Push notifications: the text encrypted for the subscribed browser (RFC 8291),
/// signed with the server's VAPID key (RFC 8292), posted to the browser's push service. The service worker
/// (`sw.js`) shows it and opens the page it is about.
struct WebPushSender: ChannelSender {
    let app: Application
    var channel: OutboxMessage.Channel { .push }
    /// How long a push service keeps a message for a device that is off (RFC 8030 `TTL`): a day.
    static let timeToLive = 86_400

    struct Payload: Encodable {
        let title: String
        let body: String
        let url: String
        let tag: String
    }

    /// Sends to each of the account's devices (`address`: one stored subscription a line). Sent when one device's
    /// push service took it — retrying would repeat it on that device; otherwise the first device's outcome.
    func send(_ message: OutgoingMessage) async -> DeliveryOutcome {
        let devices = PushDevices.lines(message.address ?? "")
        // Redirects are refused: the endpoint's origin was checked against the allowed services, a redirect's
        // target was not.
        let client = HTTPClient(
            eventLoopGroupProvider: .shared(app.eventLoopGroup),
            configuration: .init(
                redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(10))))
        var outcomes: [DeliveryOutcome] = []
        for device in devices { outcomes.append(await send(message, to: device, with: client)) }
        try? await client.shutdown()
        if let sent = outcomes.first(where: { if case .sent = $0 { true } else { false } }) { return sent }
        return outcomes.first { if case .retry = $0 { true } else { false } }
            ?? outcomes.first ?? .failed(reason: "no push subscription")
    }

    private func send(_ message: OutgoingMessage, to address: String, with client: HTTPClient) async
        -> DeliveryOutcome
    {
        let config = app.sigap.config
        guard let subscription = PushSubscription(stored: address), let keys = subscription.keys,
            let endpoint = URL(string: subscription.endpoint),
            PushServices.allow(subscription.endpoint, config.push.services)
        else { return .failed(reason: "not a usable push subscription") }
        let body: Data
        let authorization: String
        do {
            // 800 characters are at most 3,200 bytes of UTF-8: with the rest, within one 4,096-byte record.
            let payload = Payload(
                title: "Sigap · " + message.reference, body: String(message.text.prefix(800)),
                url: message.path ?? SiteURL.notifications, tag: message.reference)
            body = try WebPushEncryption.encrypt(try JSONEncoder().encode(payload), for: keys)
            authorization = try VAPIDToken.authorization(
                endpoint: endpoint, subject: config.baseURL, key: app.sigap.pushKey, now: app.sigap.clock.now())
        } catch {
            return .failed(reason: "push message could not be sealed: \(error)")
        }
        var request = HTTPClientRequest(url: subscription.endpoint)
        request.method = .POST
        request.headers.add(name: "Authorization", value: authorization)
        request.headers.add(name: "TTL", value: String(Self.timeToLive))
        request.headers.add(name: "Content-Encoding", value: "aes128gcm")
        request.headers.add(name: "Content-Type", value: "application/octet-stream")
        request.headers.add(name: "Urgency", value: "normal")
        request.body = .bytes(ByteBuffer(data: body))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .seconds(15))
            _ = try? await response.body.collect(upTo: 64 * 1024)
        } catch {
            return .retry(after: nil, reason: "push service unreachable")
        }
        return await outcome(response, address: address)
    }

    /// RFC 8030 §5 and §7: 201 accepted; 404 and 410 the subscription is gone (forgotten, so nothing more is
    /// queued for it); 429 and 5xx later; the rest refused for good.
    private func outcome(_ response: HTTPClientResponse, address: String) async -> DeliveryOutcome {
        switch response.status.code {
        case 200..<300:
            return .sent(externalID: response.headers.first(name: "Location").map { String($0.prefix(200)) })
        case 404, 410:
            if let endpoint = PushSubscription(stored: address)?.endpoint {
                try? await PushDevices.forget(endpoint, on: app.db)
            }
            return .failed(reason: "push subscription expired (\(response.status.code))")
        case 429, 500..<600:
            let after = response.headers.first(name: "Retry-After").flatMap(TimeInterval.init)
            return .retry(after: after, reason: "push service answered \(response.status.code)")
        default:
            return .failed(reason: "push service refused the message (\(response.status.code))")
        }
    }
}
