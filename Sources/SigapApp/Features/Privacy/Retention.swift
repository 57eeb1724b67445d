import Fluent
import Foundation
import SQLKit
import SigapCore

/// Personal data past its purpose (`AppConfig.retention`), erased by the ten-minute housekeeping: a guest's
/// contact on a report closed long ago, the address and text of chat and e-mail messages sent or given up long
/// ago (in-app notices stay: they are the account's own inbox), and audit entries past the archive period.
/// Sessions need nothing here: they end after their idle and absolute time-outs and the housekeeping removes them.
enum Retention {
    struct Outcome: Equatable {
        var reportContacts = 0
        var messages = 0
        var auditEntries = 0
    }

    static func run(_ context: ServiceContext) async throws -> Outcome {
        let periods = context.config.retention
        let now = context.now
        let closed = [ReportStatus.selesai, .ditutup, .ditolak].map(\.rawValue)
        let contactCutoff = RetentionPeriods.cutoff(days: periods.closedReportContactDays, before: now)
        let messageCutoff = RetentionPeriods.cutoff(days: periods.deliveredMessageDays, before: now)
        let auditCutoff = RetentionPeriods.cutoff(days: periods.auditDays, before: now)
        return try await context.write { db in
            let sql = db as! any SQLDatabase
            var outcome = Outcome()
            outcome.reportContacts = try await count(
                sql,
                """
                UPDATE reports SET guest_contact_cipher = NULL
                WHERE guest_contact_cipher IS NOT NULL AND status IN (\(binds: closed))
                  AND COALESCE(resolved_at, updated_at) < \(bind: contactCutoff)
                """)
            outcome.messages = try await count(
                sql,
                """
                UPDATE outbox_messages SET recipient_contact_cipher = NULL, payload = '{}'
                WHERE channel <> 'in_app' AND COALESCE(sent_at, failed_at) < \(bind: messageCutoff)
                  AND (recipient_contact_cipher IS NOT NULL OR payload <> '{}')
                """)
            outcome.auditEntries = try await count(
                sql, "DELETE FROM audit_events WHERE occurred_at < \(bind: auditCutoff)")
            return outcome
        }
    }

    /// Runs `statement` and returns how many rows it changed.
    private static func count(_ sql: any SQLDatabase, _ statement: SQLQueryString) async throws -> Int {
        try await sql.raw("\(statement) RETURNING 1 AS changed").all().count
    }
}
