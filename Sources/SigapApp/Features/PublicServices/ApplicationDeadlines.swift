import Fluent
import Foundation
import SQLKit
import SigapCore

/// The deadline sweep's watch over applications: past its promised time an application is late, its agency's
/// heads are told; three working days later the region's leadership is (`ApplicationClock.escalation`). The
/// clock does not run while the applicant holds a correction (`check_at` is null then).
struct ApplicationDeadlines: DeadlineWatch {
    var subjectKind: SubjectKind { .application }

    func due(now: Date, after cursor: String?, limit: Int, on db: any Database) async throws -> [String] {
        try await (db as! any SQLDatabase).select().column("number").from(ServiceApplication.schema)
            .where("check_at", .lessThanOrEqual, SQLBind(now))
            .where("number", .greaterThan, SQLBind(cursor ?? ""))
            .orderBy("number").limit(limit).all(decoding: NumberRow.self).map(\.number)
    }

    private struct NumberRow: Decodable { let number: String }

    func check(_ number: String, now: Date, reference: ReferenceCache.Snapshot, context: ServiceContext) async throws
        -> Int
    {
        let cipher = context.cipher
        return try await context.write { tx in
            guard let application = try await ServiceApplication.query(on: tx).filter(\.$number == number).first(),
                try await DeadlineSweep.claim(ServiceApplication.schema, id: application.id!, on: tx),
                let checkAt = application.checkAt, checkAt <= now, let due = application.dueAt
            else { return 0 }
            guard application.status.agencyHolds else {
                application.checkAt = nil
                try await application.save(on: tx)
                return 0
            }
            let (level, next) = ApplicationClock.escalation(
                due: due, level: application.escalationLevel, now: now, calendar: reference.calendar)
            let reached = level > application.escalationLevel
            if reached {
                application.late = true
                let service = try await PublicService.find(application.serviceID, on: tx)
                try await HistoryEvent(
                    application.subject, at: now, kind: .resolutionLate, visibility: .reporter, actor: nil,
                    body: String(level)
                ).create(on: tx)
                var recipients =
                    level == 1
                    ? try await User.query(on: tx).filter(\.$agency.$id == application.agencyID)
                        .filter(\.$role == .opdAdmin).filter(\.$disabledAt == nil).all()
                    : try await User.query(on: tx).filter(\.$role == .pimpinan).filter(\.$disabledAt == nil).all()
                if level == 1, let desa = application.desaID {
                    // A desa office's service: its officers hear of it with the agency's heads.
                    recipients += try await User.query(on: tx).filter(\.$desa.$id == desa)
                        .filter(\.$role == .petugasDesa).filter(\.$disabledAt == nil).all()
                }
                try await Outbox.enqueue(
                    .applicationLate, about: application.subject,
                    payload: ["number": application.number, "title": service?.name ?? "", "level": String(level)],
                    to: recipients.map { Outbox.Recipient(userID: $0.id) }, cipher: cipher, on: tx, now: now)
            }
            application.escalationLevel = level
            application.checkAt = next
            try await application.save(on: tx)
            return reached ? 1 : 0
        }
    }
}
