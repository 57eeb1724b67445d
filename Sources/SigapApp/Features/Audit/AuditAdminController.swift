import Fluent
import SigapCore
import Vapor

/// `/dasbor/admin/audit`: the audit trail, newest first, 100 per page. Admin only.
struct AuditAdminController: RouteCollection {
    static let pageSize = 100

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("dasbor", "admin", "audit").requiring(.viewAuditLog).get(use: list)
    }

    struct EventRow {
        let occurredAt: String
        let actor: String
        let actorRole: String
        let action: String
        let subject: String
        let detail: String
    }

    struct AuditPage {
        let page: PageContext
        let events: [EventRow]
        let pageNumber: Int
        let nextPage: Int?
        let previousPage: Int?
    }

    func list(req: Request) async throws -> Response {
        let pageNumber = max(1, min((try? req.query.get(Int.self, at: "halaman")) ?? 1, 10_000))
        let events = try await AuditEvent.query(on: req.db)
            .sort(\.$occurredAt, .descending)
            .range(((pageNumber - 1) * Self.pageSize)..<(pageNumber * Self.pageSize + 1))
            .all()
        let actorIDs = Set(events.compactMap(\.actorID))
        let names = try await User.query(on: req.db).filter(\.$id ~~ actorIDs).all()
            .reduce(into: [UUID: String]()) { $0[$1.id!] = $1.name }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = req.sigap.config.timeZone
        let rows = events.prefix(Self.pageSize).map { event in
            EventRow(
                occurredAt: formatter.string(from: event.occurredAt),
                actor: event.actorID.flatMap { names[$0] } ?? "—", actorRole: event.actorRole ?? "",
                action: event.action,
                subject: [event.subjectType, event.subjectID].compactMap { $0 }.joined(separator: " "),
                detail: event.detail)
        }
        let page = AuditPage(
            page: PageContext(req, title: req.t("admin.audit.title")), events: Array(rows), pageNumber: pageNumber,
            nextPage: events.count > Self.pageSize ? pageNumber + 1 : nil,
            previousPage: pageNumber > 1 ? pageNumber - 1 : nil)
        return req.page(page)
    }
}
