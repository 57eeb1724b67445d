import Fluent
import SigapCore
import Vapor

/// `/akun/push`: a signed-in person's browser hands over its push subscription (from `sigap.js`, after the person
/// pressed "turn on" and allowed notifications); `/akun/push/lepas` forgets every device of the account.
struct PushController: RouteCollection {
    /// Devices one account gets notifications on (a phone, a laptop, a tablet); a new one drops the oldest.
    static let devicesPerAccount = 3

    func boot(routes: any RoutesBuilder) throws {
        let own = routes.requiring(.useOwnAccount)
        own.post("akun", "push", use: subscribe)
        own.post("akun", "push", "lepas", use: unsubscribe)
    }

    func subscribe(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let browser: PushSubscription.Browser
        do {
            browser = try req.content.decode(PushSubscription.Browser.self)
        } catch {
            throw AppError.invalid(["subscription": "push.invalid"])
        }
        guard let subscription = PushSubscription(browser, services: req.sigap.config.push.services) else {
            throw AppError.invalid(["subscription": "push.invalid"])
        }
        let (userID, now) = (user.id!, req.now)
        try await req.context.write { db in
            // This device leaves any other account it was linked to (a shared phone)…
            try await PushDevices.forget(subscription.endpoint, on: db)
            // …and joins this account's devices (one `chat_links` row: one subscription a line), newest kept.
            let row = try await ChatLink.query(on: db).filter(\.$userID == userID).filter(\.$channel == .push).first()
            let devices = (row.map { PushDevices.lines($0.chatID) } ?? []) + [subscription.stored]
            let kept = devices.suffix(Self.devicesPerAccount).joined(separator: "\n")
            if let row {
                row.chatID = kept
                row.linkedAt = now
                try await row.save(on: db)
            } else {
                try await ChatLink(userID: userID, channel: .push, chatID: kept, at: now).create(on: db)
            }
        }
        return Response(status: .noContent)
    }

    func unsubscribe(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await ChatLink.query(on: req.writeDB).filter(\.$userID == user.id!).filter(\.$channel == .push).delete()
        req.setNotice("admin.saved")
        return req.redirect(to: SiteURL.notificationSettings, redirectType: .normal)
    }
}
