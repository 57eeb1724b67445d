import Fluent
import SigapCore
import Vapor

/// `/dasbor/admin/pengguna`: staff accounts, their role and scope. Admins manage every staff account; an
/// agency's `opd_admin` manages only the agency's `opd_staf`. Every change is audited; handing out a new
/// password or resetting two-factor ends the account's sessions.
struct StaffAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let staff = routes.grouped("dasbor", "admin", "pengguna").requiring(.listStaff)
        staff.get(use: list)
        staff.post(use: create)
        staff.get(":id", use: edit)
        staff.post(":id", use: update)
        staff.post(":id", "status", use: toggleDisabled)
        staff.post(":id", "reset-2fa", use: resetTwoFactor)
        staff.post(":id", "reset-password", use: resetPassword)
    }

    struct StaffRow {
        let id: UUID
        let name: String
        let email: String
        let role: String
        let twoFactor: Bool
        let disabled: Bool
    }

    struct Options {
        let roles: [SelectOption]
        let agencies: [SelectOption]
        let kecamatan: [SelectOption]
        let desa: [SelectOption]
        let electoralDistricts: [SelectOption]
        /// Kecamatan and desa scopes are offered only to administrators.
        var showRegions: Bool { !kecamatan.isEmpty }
    }

    struct StaffPage {
        let page: PageContext
        let staff: [StaffRow]
        let options: Options
        let form: FormState
        /// Shown once after creating an account or resetting a password.
        let issuedPassword: String?
    }

    struct EditPage {
        let page: PageContext
        let member: StaffRow
        let options: Options
        let form: FormState
        let issuedPassword: String?
    }

    struct StaffInput: Content {
        var name: String?
        var email: String?
        var role: String?
        var agencyID: String?
        var kecamatanID: String?
        var desaID: String?
        var electoralDistrictID: String?

        enum CodingKeys: String, CodingKey {
            case name, email, role
            case agencyID = "agency_id"
            case kecamatanID = "kecamatan_id"
            case desaID = "desa_id"
            case electoralDistrictID = "electoral_district_id"
        }

        var scope: StaffScope {
            StaffScope(
                agencyID: agencyID.flatMap(UUID.init(uuidString:)),
                kecamatanID: kecamatanID.flatMap(UUID.init(uuidString:)),
                desaID: desaID.flatMap(UUID.init(uuidString:)),
                electoralDistrictID: electoralDistrictID.flatMap(UUID.init(uuidString:)))
        }
    }

    func list(req: Request) async throws -> Response {
        try await renderList(req, FormState(), issuedPassword: nil)
    }

    func create(req: Request) async throws -> Response {
        let actor = try req.requireUser().actor
        let input = try req.content.decode(StaffInput.self)
        var (form, role, scope) = try await validate(req, input, actor: actor)
        let email = input.email.flatMap(EmailAddress.init)
        if email == nil {
            form.errors["email"] = req.t("admin.staff.email_invalid")
        } else if try await User.query(on: req.db).filter(\.$email == email!.value).count() > 0 {
            form.errors["email"] = req.t("register.contact_taken")
        }
        guard form.isValid, let role, let scope, let email else {
            return try await renderList(req, form, issuedPassword: nil, status: .unprocessableEntity)
        }
        let password = Accounts.oneTimePassword()
        let member = User(
            name: ReportChecks.clean(input.name), role: role, passwordHash: try await req.sigap.passwords.hash(password)
        )
        member.email = email.value
        member.scope = scope
        member.mustChangePassword = true
        try await req.audited("staff.created", subjectType: "user", detail: { role.rawValue }) { db in
            try await member.create(on: db)
            return member.id
        }
        return try await renderList(req, FormState(), issuedPassword: password)
    }

    func edit(req: Request) async throws -> Response {
        let member = try await manageableMember(req)
        let form = FormState(values: [
            "name": member.name, "role": member.role.rawValue, "agency_id": member.$agency.id?.uuidString ?? "",
            "kecamatan_id": member.$kecamatan.id?.uuidString ?? "", "desa_id": member.$desa.id?.uuidString ?? "",
            "electoral_district_id": member.electoralDistrictID?.uuidString ?? "",
        ])
        return try await renderEdit(req, member, form, issuedPassword: nil)
    }

    func update(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let member = try await manageableMember(req)
        let input = try req.content.decode(StaffInput.self)
        var (form, role, scope) = try await validate(req, input, actor: user.actor)
        if member.id == user.id, role != member.role { form.errors["role"] = req.t("admin.staff.not_self") }
        guard form.isValid, let role, let scope else {
            return try await renderEdit(req, member, form, issuedPassword: nil, status: .unprocessableEntity)
        }
        let oldRole = member.role
        let oldScope = member.scope
        member.name = ReportChecks.clean(input.name)
        member.role = role
        member.scope = scope
        let changedRole = oldRole != role || oldScope != scope
        let now = req.now
        try await req.audited(
            changedRole ? "staff.role_changed" : "staff.updated", subjectType: "user",
            detail: { changedRole ? "\(oldRole.rawValue) → \(role.rawValue)" : "" }
        ) { db in
            try await member.save(on: db)
            // A new role or scope takes effect at the next log-in, never on a session opened under the old one.
            if changedRole { try await Accounts.signOutEverywhere(member.requireID(), on: db, at: now) }
            return member.id
        }
        req.setNotice("admin.saved")
        return req.redirect(to: SiteURL.adminStaff + "/\(member.id!)", redirectType: .normal)
    }

    func toggleDisabled(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let member = try await manageableMember(req)
        guard member.id != user.id else {
            throw AppError(status: .conflict, code: "conflict", messageKey: "admin.staff.not_self")
        }
        let now = req.now
        let disabling = member.disabledAt == nil
        // Locking someone out needs a reason on the record; letting them back in does not.
        let reason = disabling ? try await lockOutReason(req, member) : nil
        if let failure = reason?.failure { return failure }
        member.disabledAt = disabling ? now : nil
        try await req.audited(
            disabling ? "staff.disabled" : "staff.enabled", subjectType: "user", detail: { reason?.detail ?? "" }
        ) { db in
            try await member.save(on: db)
            if member.disabledAt != nil { try await Accounts.signOutEverywhere(member.requireID(), on: db, at: now) }
            return member.id
        }
        req.setNotice("admin.saved")
        return req.redirect(to: SiteURL.adminStaff + "/\(member.id!)", redirectType: .normal)
    }

    func resetTwoFactor(req: Request) async throws -> Response {
        let member = try await manageableMember(req)
        let reason = try await lockOutReason(req, member)
        if let failure = reason.failure { return failure }
        let now = req.now
        try await req.audited("staff.2fa_reset", subjectType: "user", detail: { reason.detail }) { db in
            try await TwoFactor.reset(member, on: db)
            try await Accounts.signOutEverywhere(member.requireID(), on: db, at: now)
            return member.id
        }
        req.setNotice("admin.staff.2fa_reset_done")
        return req.redirect(to: SiteURL.adminStaff + "/\(member.id!)", redirectType: .normal)
    }

    func resetPassword(req: Request) async throws -> Response {
        let member = try await manageableMember(req)
        let reason = try await lockOutReason(req, member)
        if let failure = reason.failure { return failure }
        let password = Accounts.oneTimePassword()
        member.passwordHash = try await req.sigap.passwords.hash(password)
        member.mustChangePassword = true
        let now = req.now
        try await req.audited("staff.password_reset", subjectType: "user", detail: { reason.detail }) { db in
            try await member.save(on: db)
            try await Accounts.signOutEverywhere(member.requireID(), on: db, at: now)
            return member.id
        }
        return try await renderEdit(
            req, member, FormState(values: ["name": member.name, "role": member.role.rawValue]),
            issuedPassword: password)
    }

    // MARK: - helpers

    /// The staff account in the path if this person may manage it; 404 otherwise (citizens' accounts included).
    private func manageableMember(_ req: Request) async throws -> User {
        let actor = try req.requireUser().actor
        guard let member = try await User.find(req.parameters.get("id"), on: req.db), member.role.isStaff,
            Policy.allows(actor, .manageStaff(role: member.role, agencyID: member.$agency.id))
        else { throw AppError.notFound() }
        return member
    }

    private func validate(_ req: Request, _ input: StaffInput, actor: Actor) async throws -> (
        FormState, Role?, StaffScope?
    ) {
        var form = FormState(values: [
            "name": input.name ?? "", "email": input.email ?? "", "role": input.role ?? "",
            "agency_id": input.agencyID ?? "",
            "kecamatan_id": input.kecamatanID ?? "", "desa_id": input.desaID ?? "",
            "electoral_district_id": input.electoralDistrictID ?? "",
        ])
        form.requireText(
            "name", ReportChecks.clean(input.name), maxLength: 100, message: req.t("admin.name_invalid", "100"))
        guard let role = input.role.flatMap(Role.init(rawValue:)), role.isStaff else {
            form.errors["role"] = req.t("admin.staff.choose_role")
            return (form, nil, nil)
        }
        var scope: StaffScope?
        switch input.scope.normalised(for: role) {
        case .success(let normalised): scope = normalised
        case .failure(let problem): form.errors[scopeField(problem)] = req.t(problem.rawValue)
        }
        if let scope, try await !scopeExists(scope, on: req.db) {
            form.errors["agency_id"] = req.t("staff.scope.agency_required")
        }
        if let scope, !Policy.allows(actor, .manageStaff(role: role, agencyID: scope.agencyID)) {
            form.errors["role"] = req.t("admin.staff.choose_role")
        }
        return (form, role, scope)
    }

    private func scopeField(_ problem: StaffScope.Problem) -> String {
        switch problem {
        case .agencyRequired: "agency_id"
        case .kecamatanRequired: "kecamatan_id"
        case .desaRequired: "desa_id"
        case .electoralDistrictRequired: "electoral_district_id"
        }
    }

    private func scopeExists(_ scope: StaffScope, on db: any Database) async throws -> Bool {
        if let id = scope.agencyID, try await Agency.find(id, on: db) == nil { return false }
        if let id = scope.kecamatanID, try await Kecamatan.find(id, on: db) == nil { return false }
        if let id = scope.desaID, try await Desa.find(id, on: db) == nil { return false }
        if let id = scope.electoralDistrictID, try await ElectoralDistrict.find(id, on: db) == nil { return false }
        return true
    }

    private func options(_ req: Request, actor: Actor) async throws -> Options {
        let roles = Role.staffRoles.filter { role in
            Policy.allows(actor, .manageStaff(role: role, agencyID: actor.agencyID))
        }
        let agencies = try await Agency.query(on: req.db).sort(\.$name).all()
            .filter { Policy.allows(actor, .manageStaff(role: .opdStaf, agencyID: $0.id)) }
        // Only those who may create village and sub-district officers choose a kecamatan or desa.
        let isAdmin = Policy.allows(actor, .manageStaff(role: .petugasDesa, agencyID: nil))
        return Options(
            roles: roles.map { SelectOption(id: $0.rawValue, name: req.t("role.\($0.rawValue)")) },
            agencies: agencies.map { SelectOption(id: $0.id!.uuidString, name: $0.name) },
            kecamatan: isAdmin
                ? try await Kecamatan.query(on: req.db).sort(\.$name).all().map {
                    SelectOption(id: $0.id!.uuidString, name: $0.name)
                } : [],
            desa: isAdmin
                ? try await Desa.query(on: req.db).sort(\.$name).all().map {
                    SelectOption(id: $0.id!.uuidString, name: $0.name)
                } : [],
            electoralDistricts: isAdmin
                ? try await ElectoralDistrict.query(on: req.db).sort(\.$name).all().map {
                    SelectOption(id: $0.id!.uuidString, name: $0.name)
                } : [])
    }

    private func row(_ req: Request, _ user: User) -> StaffRow {
        StaffRow(
            id: user.id!, name: user.name, email: user.email ?? "", role: req.t("role.\(user.role.rawValue)"),
            twoFactor: user.hasTwoFactor, disabled: user.disabledAt != nil)
    }

    private func renderList(
        _ req: Request, _ form: FormState, issuedPassword: String?, status: HTTPResponseStatus = .ok
    )
        async throws -> Response
    {
        let actor = try req.requireUser().actor
        var query = User.query(on: req.db).filter(\.$role != .warga).sort(\.$name)
        if case .agency(let agencyID) = actor.area {
            // An agency head's office lists its own clerks, the only accounts it may manage.
            query = query.filter(\.$agency.$id == agencyID).filter(\.$role == .opdStaf)
        }
        let staff = try await query.all().map { row(req, $0) }
        let page = StaffPage(
            page: PageContext(req, title: req.t("admin.staff.title")), staff: staff,
            options: try await options(req, actor: actor), form: form, issuedPassword: issuedPassword)
        return req.page(page, status: status)
    }

    /// The reason typed for an action that locks someone out (disabling, resetting two-factor or the
    /// password), for the audit trail; or the edit page again with a message when it is missing.
    struct LockOutReason {
        let detail: String
        let failure: Response?
    }

    private func lockOutReason(_ req: Request, _ member: User) async throws -> LockOutReason {
        struct Input: Content { var reason: String? }
        let reason = ReportChecks.clean((try? req.content.decode(Input.self))?.reason)
        guard (3...200).contains(reason.count) else {
            var form = FormState(values: ["name": member.name, "role": member.role.rawValue])
            form.errors["reason"] = req.t("admin.staff.reason_required")
            form.error = req.t("admin.staff.reason_required")
            return LockOutReason(
                detail: "",
                failure: try await renderEdit(req, member, form, issuedPassword: nil, status: .unprocessableEntity))
        }
        return LockOutReason(detail: "reason: " + reason, failure: nil)
    }

    private func renderEdit(
        _ req: Request, _ member: User, _ form: FormState, issuedPassword: String?, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let actor = try req.requireUser().actor
        let page = EditPage(
            page: PageContext(req, title: req.t("admin.staff.edit")), member: row(req, member),
            options: try await options(req, actor: actor), form: form, issuedPassword: issuedPassword)
        return req.page(page, status: status)
    }
}
