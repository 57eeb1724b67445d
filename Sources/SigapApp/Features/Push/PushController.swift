import Fluent
import SigapCore
import Vapor

/// `/akun/push`: a signed-in person's browser hands over its push subscription (from `sigap.js`, after the person
/// pressed "turn on" and allowed notifications); `/akun/push/lepas` forgets it.
struct PushController: RouteCollection {
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
            // One device per account: the newest subscription replaces the earlier one (and this device's
            // subscription leaves any other account it was linked to).
            try await ChatLink.query(on: db).filter(\.$channel == .push).group(.or) {
                $0.filter(\.$userID == userID).filter(\.$chatID == subscription.stored)
            }.delete()
            try await ChatLink(userID: userID, channel: .push, chatID: subscription.stored, at: now).create(on: db)
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
