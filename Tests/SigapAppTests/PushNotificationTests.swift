import Crypto
import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Web Push as an outbox channel: a browser's subscription is kept for the account (only for allowed push
/// services, with well-formed keys), a message is encrypted so only that browser opens it and signed with the
/// server's VAPID key, and a subscription the push service forgot is dropped.
@Suite(.serialized) struct PushNotificationTests {
    /// The demo citizen signed in on the notification settings, whose form token the subscription sends.
    static func citizenOnSettings(_ context: TestContext) async throws -> Browser {
        _ = try await Fixtures.citizen(in: context)
        let browser = Browser(context.app)
        try await browser.logIn("081234567890")
        #expect(try await browser.get("/akun/notifikasi").status == .ok)
        return browser
    }

    /// A citizen's browser subscribes, files a report, and the push service receives a message only the
    /// browser's keys open, with the report's text and page, and a VAPID token the server's key verifies.
    @Test func aSubscribedBrowserGetsTheReportNewsEncryptedAndSigned() async throws {
        try await withPushService { context, push in
            let citizen = try await Fixtures.citizen(in: context)
            let browser = Browser(context.app)
            try await browser.logIn("081234567890")
            let settings = try await browser.get("/akun/notifikasi")
            #expect(settings.body.string.contains("id=\"push-on\""))
            let key = try #require(Browser.firstMatch(#"data-key="([A-Za-z0-9_-]+)""#, in: settings.body.string))
            #expect(key == context.app.sigap.pushKey.publicKey.x963Representation.base64URLEncoded)

            let subscribed = try await browser.postJSON("/akun/push", push.subscriptionJSON("device-1"))
            #expect(subscribed.status == .noContent)
            let links = try await ChatLink.query(on: context.db).filter(\.$channel == .push).all()
            #expect(links.count == 1 && links.first?.userID == citizen.id)
            #expect(try await browser.get("/akun/notifikasi").body.string.contains("value=\"push\""))

            let number = try await ReportFixtures.file(try await APIClient.signedIn("081234567890", context))
            #expect(try await context.deliverOutbox() >= 1)
            let delivery = try #require(push.deliveries.first)
            #expect(delivery.path == "/push/device-1")
            #expect(delivery.headers.first(name: "Content-Encoding") == "aes128gcm")
            #expect(delivery.headers.first(name: "TTL") == "86400")
            let message = try JSONSerialization.jsonObject(with: push.open(delivery.body)) as? [String: String]
            #expect(message?["url"] == "/laporan/" + number)
            #expect(message?["body"]?.contains(number) == true)

            // VAPID (RFC 8292): a JWT for the push service's origin, verified with the key browsers subscribed with.
            let authorization = try #require(delivery.headers.first(name: "Authorization"))
            let token = try #require(Browser.firstMatch(#"t=([^,]+),"#, in: authorization))
            let parts = token.split(separator: ".").map(String.init)
            try #require(parts.count == 3)
            let claimsData = try #require(Data(base64URLEncoded: parts[1]))
            let claims = try #require(try JSONSerialization.jsonObject(with: claimsData) as? [String: Any])
            #expect(claims["aud"] as? String == push.origin)
            let signatureData = try #require(Data(base64URLEncoded: parts[2]))
            let signature = try P256.Signing.ECDSASignature(rawRepresentation: signatureData)
            #expect(
                context.app.sigap.pushKey.publicKey.isValidSignature(
                    signature, for: Data((parts[0] + "." + parts[1]).utf8)))
            #expect(authorization.hasSuffix("k=" + key))
        }
    }

    /// Endpoints outside the allowed push services would let an account make the server post anywhere; keys of
    /// the wrong shape could not be encrypted to. Both are refused, and nothing is kept.
    @Test func subscriptionsOutsideTheAllowedServicesOrWithBadKeysAreRefused() async throws {
        try await withPushService { context, push in
            let browser = try await Self.citizenOnSettings(context)
            let elsewhere = push.subscriptionJSON("x").replacingOccurrences(of: push.origin, with: "http://10.0.0.5:80")
            #expect(try await browser.postJSON("/akun/push", elsewhere).status == .unprocessableEntity)
            let badKey = push.subscriptionJSON("x").replacingOccurrences(
                of: push.browserKey.publicKey.x963Representation.base64URLEncoded, with: "BAAA")
            #expect(try await browser.postJSON("/akun/push", badKey).status == .unprocessableEntity)
            #expect(try await browser.postJSON("/akun/push", "not json").status == .unprocessableEntity)
            // Without the CSRF header a cross-site page cannot subscribe someone.
            let forged = try await browser.send(
                .POST, "/akun/push", body: Data(push.subscriptionJSON("x").utf8), contentType: "application/json")
            #expect(forged.status == .forbidden)
            // Signed out (no session, so no token either): refused before anything is read.
            let stranger = Browser(context.app, address: "192.0.2.99")
            #expect(try await stranger.postJSON("/akun/push", push.subscriptionJSON("x")).status == .forbidden)
            #expect(try await ChatLink.query(on: context.db).filter(\.$channel == .push).count() == 0)
        }
    }

    /// An account is notified on each of its newest three devices; a push service that answers 410 Gone for one
    /// makes Sigap forget that device only (the message counts as sent: the others have it), and "turn off"
    /// forgets them all.
    @Test func eachDeviceIsNotifiedAndAGoneOneIsForgotten() async throws {
        try await withPushService { context, push in
            let browser = try await Self.citizenOnSettings(context)
            for device in ["a", "b", "c", "d"] {
                #expect(try await browser.postJSON("/akun/push", push.subscriptionJSON(device)).status == .noContent)
                context.clock.advance(seconds: 1)
            }
            // The account's one push row holds its newest three devices, a line each.
            let citizen = try #require(try await User.query(on: context.db).filter(\.$role == .warga).first())
            func devices(of user: UUID? = nil) async throws -> [String] {
                let rows = try await ChatLink.query(on: context.db).filter(\.$channel == .push)
                    .filter(\.$userID == (user ?? citizen.id!)).all()
                #expect(rows.count <= 1)
                return (rows.first.map { PushDevices.lines($0.chatID) } ?? []).compactMap {
                    PushSubscription(stored: $0)?.endpoint.components(separatedBy: "/push/").last
                }
            }
            #expect(try await devices() == ["b", "c", "d"])
            #expect(try await browser.get("/akun/notifikasi").body.string.contains("aktif di 3 perangkat"))

            push.reply(.gone)
            _ = try await ReportFixtures.file(try await APIClient.signedIn("081234567890", context))
            _ = try await context.deliverOutbox()
            #expect(push.deliveries.map(\.path) == ["/push/b", "/push/c", "/push/d"])
            #expect(try await devices() == ["c", "d"])
            let message = try await OutboxMessage.query(on: context.db).filter(\.$channel == .push).all()
            #expect(message.count == 1 && message.first?.sentAt != nil)

            // The same phone signed in as someone else: the device leaves the first account.
            let other = try await Fixtures.citizen(phone: "081298765432", in: context)
            let neighbour = Browser(context.app, address: "192.0.2.44")
            try await neighbour.logIn("081298765432")
            #expect(try await neighbour.get("/akun/notifikasi").status == .ok)
            #expect(try await neighbour.postJSON("/akun/push", push.subscriptionJSON("d")).status == .noContent)
            #expect(try await devices(of: other.id) == ["d"])
            #expect(try await devices() == ["c"])

            let off = try await browser.post("/akun/push/lepas")
            #expect(off.status == .seeOther)
            #expect(try await devices().isEmpty)
            #expect(try await devices(of: other.id) == ["d"])
        }
    }

    /// Every device gone: the message fails for good and nothing is left to send to.
    @Test func aMessageForOnlyGoneDevicesFails() async throws {
        try await withPushService { context, push in
            let browser = try await Self.citizenOnSettings(context)
            #expect(try await browser.postJSON("/akun/push", push.subscriptionJSON("only")).status == .noContent)
            push.reply(.gone)
            _ = try await ReportFixtures.file(try await APIClient.signedIn("081234567890", context))
            _ = try await context.deliverOutbox()
            let failed = try await OutboxMessage.query(on: context.db).filter(\.$channel == .push).all()
            #expect(failed.count == 1 && failed.first?.failedAt != nil)
            #expect(try await ChatLink.query(on: context.db).filter(\.$channel == .push).count() == 0)
        }
    }

    /// A push service that is overloaded (429, 5xx) gets the message again later, not never.
    @Test func anOverloadedPushServiceIsTriedAgain() async throws {
        try await withPushService { context, push in
            let browser = try await Self.citizenOnSettings(context)
            #expect(try await browser.postJSON("/akun/push", push.subscriptionJSON("busy")).status == .noContent)
            push.reply(.tooManyRequests)
            _ = try await ReportFixtures.file(try await APIClient.signedIn("081234567890", context))
            _ = try await context.deliverOutbox()
            let waiting = try #require(
                try await OutboxMessage.query(on: context.db).filter(\.$channel == .push).first())
            #expect(waiting.sentAt == nil && waiting.failedAt == nil && waiting.attempts == 1)
            context.clock.advance(seconds: 3600)
            _ = try await context.deliverOutbox()
            #expect(push.deliveries.count == 2)
            let sent = try await OutboxMessage.find(waiting.id, on: context.db)
            #expect(sent?.sentAt != nil)
        }
    }
}
