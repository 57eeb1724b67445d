import Fluent
import SigapCore
import Vapor

/// `/dasbor/admin/kalender`: the national holidays as shipped, and the region's own days on top (an extra
/// day off, or a working day after all). Admin only; every change is audited and takes effect at once on this
/// node and within a minute on the others.
struct CalendarAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("dasbor", "admin", "kalender").requiring(.manageCalendar)
        admin.get(use: list)
        admin.post(use: add)
        admin.post(":id", "hapus", use: remove)
    }

    struct DayRow {
        let id: String
        let date: String
        let name: String
        let kind: String
    }

    struct YearRow {
        let year: String
        let status: String
        let days: [DayRow]
    }

    struct CalendarPage {
        let page: PageContext
        let warnings: [String]?
        let local: [DayRow]?
        let national: [YearRow]
        let form: FormState
    }

    struct DayInput: Content {
        var date: String?
        var name: String?
        var kind: String?
    }

    func list(req: Request) async throws -> Response {
        try await render(req, FormState(values: ["kind": LocalCalendarDay.Kind.libur.rawValue]))
    }

    func add(req: Request) async throws -> Response {
        let input = try req.content.decode(DayInput.self)
        var form = FormState(values: ["date": input.date ?? "", "name": input.name ?? "", "kind": input.kind ?? ""])
        let day = input.date.flatMap { CivilDay($0.trimmingCharacters(in: .whitespaces)) }
        if day == nil { form.errors["date"] = req.t("admin.calendar.date_invalid") }
        form.requireText("name", input.name, maxLength: 100, message: req.t("admin.name_invalid", "100"))
        let kind = input.kind.flatMap(LocalCalendarDay.Kind.init(rawValue:))
        if kind == nil { form.errors["kind"] = req.t("admin.choose_kind") }
        if let day, try await CalendarDay.query(on: req.db).filter(\.$date == day.description).count() > 0 {
            form.errors["date"] = req.t("admin.calendar.date_taken")
        }
        guard form.isValid, let day, let kind else { return try await render(req, form, status: .unprocessableEntity) }
        let entry = CalendarDay(
            day: day, name: input.name!.trimmedOrNil!, kind: kind, createdBy: req.currentUser?.id, at: req.now)
        try await req.audited("calendar.day_added", subjectType: "calendar_day", detail: { "\(day) \(kind)" }) { db in
            try await entry.create(on: db)
            return entry.id
        }
        return saved(req)
    }

    func remove(req: Request) async throws -> Response {
        guard let entry = try await CalendarDay.find(req.parameters.get("id"), on: req.db) else {
            throw AppError.notFound()
        }
        try await req.audited(
            "calendar.day_removed", subjectType: "calendar_day", detail: { "\(entry.date) \(entry.kind)" }
        ) { db in
            try await entry.delete(on: db)
            return entry.id
        }
        return saved(req)
    }

    private func saved(_ req: Request) -> Response {
        req.application.sigap.reference.invalidate()
        req.setNotice("admin.saved")
        return req.redirect(to: SiteURL.adminCalendar, redirectType: .normal)
    }

    private func render(_ req: Request, _ form: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let local = try await CalendarDay.query(on: req.db).sort(\.$date).all().map {
            DayRow(
                id: $0.id!.uuidString, date: $0.date, name: $0.name, kind: req.t("calendar.kind.\($0.kind.rawValue)"))
        }
        let thisYear = (try await req.reference()).calendar.civilDay(of: req.now).year
        let national = req.sigap.holidays.years.filter { $0.year >= thisYear - 1 }.map { year in
            YearRow(
                year: String(year.year), status: req.t("calendar.status.\(year.status.rawValue)"),
                days: year.days.map {
                    DayRow(id: "", date: $0.date, name: $0.name, kind: req.t("calendar.kind.\($0.kind)"))
                })
        }
        let warnings = try await CalendarCheck.warnings(req.application).map {
            req.t("calendar.warning.\($0.kind.rawValue)", "\($0.year)")
        }
        return req.page(
            CalendarPage(
                page: PageContext(req, title: req.t("admin.calendar.title")), warnings: warnings.nilIfEmpty,
                local: local.nilIfEmpty, national: national, form: form),
            status: status)
    }
}
