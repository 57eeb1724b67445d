import Fluent
import Foundation
import SQLKit
import SigapCore
import Vapor

/// Benchmark data for public services: one PUPR service, one application per fifty reports (at most 20,000)
/// cycling through the states, and a survey answer for every other one, written with plain inserts.
enum BenchServices {
    static func insert(reports: Int, app: Application) async throws {
        let count = min(20_000, reports / 50)
        guard count > 0,
            let agency = try await Agency.query(on: app.db).filter(\.$code == "PUPR").first()?.id,
            let applicant = try await User.query(on: app.db).filter(\.$role == .warga).first()?.id
        else { return }
        let now = app.sigap.clock.now()
        let service = PublicService()
        service.code = "bench-layanan"
        service.name = "Layanan uji"
        service.agencyID = agency
        service.description = "Layanan untuk pengukuran."
        service.eligibility = ""
        service.fieldsJSON = "[]"
        service.requirementsJSON = "[]"
        service.days = 5
        service.fee = 0
        service.legalBasis = ""
        service.active = true
        service.createdAt = now
        service.updatedAt = now
        try await service.create(on: app.db)
        let sealed = try app.sigap.cipher.seal("{}")
        let states: [ApplicationStatus] = [.submitted, .inReview, .correction, .approved, .rejected]
        var written = 0
        while written < count {
            let first = written
            let size = min(2_000, count - written)
            try await app.db.transaction { tx in
                let sql = tx as! any SQLDatabase
                for n in first..<(first + size) {
                    let status = states[n % states.count]
                    let submitted = now.addingTimeInterval(-Double(count - n) * 900)
                    try await sql.insert(into: ServiceApplication.schema)
                        .columns(
                            "id", "number", "service_id", "agency_id", "applicant_id", "status", "values_cipher",
                            "submitted_at", "due_at", "check_at", "late", "escalation_level", "finished_at",
                            "created_at",
                            "updated_at"
                        )
                        .values(
                            SQLBind(UUID()), SQLBind(String(format: "PL-BENCH-%07d", n)), SQLBind(service.id!),
                            SQLBind(agency), SQLBind(applicant), SQLBind(status.rawValue), SQLBind(sealed),
                            SQLBind(submitted), SQLBind(submitted.addingTimeInterval(5 * 86_400)),
                            SQLBind(status.agencyHolds ? submitted.addingTimeInterval(5 * 86_400) : nil),
                            SQLBind(n % 7 == 0), SQLBind(0),
                            SQLBind(status.isFinished ? submitted.addingTimeInterval(86_400) : nil),
                            SQLBind(submitted), SQLBind(submitted)
                        )
                        .run()
                    if n % 2 == 0 {
                        try await sql.insert(into: SurveyResponse.schema)
                            .columns(
                                "agency_id", "service_id", "source", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8",
                                "u9",
                                "created_at"
                            )
                            .values(
                                SQLBind(agency), SQLBind(service.id!), SQLBind(SurveyResponse.Source.kiosk.rawValue),
                                SQLBind(1 + n % 4), SQLBind(2 + n % 3), SQLBind(3), SQLBind(4),
                                SQLBind(1 + (n / 2) % 4),
                                SQLBind(3), SQLBind(4), SQLBind(2), SQLBind(3), SQLBind(submitted)
                            )
                            .run()
                    }
                }
            }
            written += size
        }
    }
}
