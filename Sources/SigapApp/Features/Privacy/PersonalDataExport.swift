import Fluent
import Foundation
import SQLKit
import SigapCore

/// Everything Sigap holds about one account, for the person it describes (UU PDP's right of access): the
/// account's own fields opened from their ciphers, and every record that names the account, table by table.
/// The same value becomes the JSON download and the readable page.
struct PersonalDataExport: Encodable, Sendable {
    /// One kind of record: its rows as column → value, in `columns` order, each column written as `kinds` says.
    struct Section: Sendable {
        let key: String
        let columns: [String]
        let kinds: [Kind]
        var rows: [[String: String]]
    }

    let generatedAt: String
    var account: [String: String]
    let accountFields: [String]
    var sections: [Section]

    /// The same data with every moment written for a reader (`write` turns an ISO 8601 moment into the page's).
    func readable(_ write: (Date) -> String) -> PersonalDataExport {
        let parse = ISO8601DateFormatter()
        func moment(_ text: String?) -> String? { text.flatMap(parse.date(from:)).map(write) ?? text }
        var copy = self
        for field in Self.accountDates { copy.account[field] = moment(account[field]) }
        for index in copy.sections.indices {
            let section = copy.sections[index]
            let dates = zip(section.columns, section.kinds).filter { $0.1 == .date }.map(\.0)
            copy.sections[index].rows = section.rows.map { row in
                var row = row
                for column in dates { row[column] = moment(row[column]) }
                return row
            }
        }
        return copy
    }

    enum CodingKeys: String, CodingKey { case generatedAt = "generated_at", account, sections }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(generatedAt, forKey: .generatedAt)
        try container.encode(account, forKey: .account)
        var sectionsContainer = container.nestedContainer(keyedBy: DynamicKey.self, forKey: .sections)
        for section in sections { try sectionsContainer.encode(section.rows, forKey: DynamicKey(section.key)) }
    }

    struct DynamicKey: CodingKey {
        let stringValue: String
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    /// How a column's value is read and written out.
    enum Kind: Sendable { case text, number, decimal, date, uuid, sealed }

    /// The account's fields that hold a moment.
    static let accountDates: Set<String> = ["email_verified_at", "phone_verified_at", "created_at"]

    /// A table's rows about the account: `owner` is the column that names it.
    struct Source {
        let key: String
        let table: String
        let owner: String
        let columns: [(String, Kind)]
        let order: String
    }

    static let sources: [Source] = [
        Source(
            key: "reports", table: "reports", owner: "reporter_id",
            columns: [
                ("number", .text), ("kind", .text), ("title", .text), ("description", .text), ("address", .text),
                ("latitude", .decimal), ("longitude", .decimal), ("privacy", .text), ("status", .text),
                ("rating", .number), ("rating_comment", .text), ("created_at", .date), ("resolved_at", .date),
            ], order: "created_at"),
        Source(
            key: "report_supports", table: "report_supports", owner: "user_id",
            columns: [("report_id", .number), ("created_at", .date)], order: "created_at"),
        Source(
            key: "proposals", table: "proposals", owner: "proposer_id",
            columns: [
                ("number", .text), ("title", .text), ("problem", .text), ("description", .text), ("address", .text),
                ("stage", .text),
            ], order: "number"),
        Source(
            key: "proposal_supports", table: "proposal_supports", owner: "user_id",
            columns: [("proposal_id", .uuid), ("created_at", .date)], order: "created_at"),
        Source(
            key: "forum_threads", table: "forum_threads", owner: "author_id",
            columns: [("id", .number), ("title", .text), ("created_at", .date)], order: "created_at"),
        Source(
            key: "forum_posts", table: "forum_posts", owner: "author_id",
            columns: [("thread_id", .number), ("body", .text), ("state", .text), ("created_at", .date)],
            order: "created_at"),
        Source(
            key: "service_applications", table: "service_applications", owner: "applicant_id",
            columns: [
                ("number", .text), ("status", .text), ("values_cipher", .sealed), ("submitted_at", .date),
                ("finished_at", .date), ("decision_note", .text),
            ], order: "created_at"),
        Source(
            key: "points", table: "points_entries", owner: "user_id",
            columns: [("points", .number), ("reason", .text), ("created_at", .date)], order: "created_at"),
        Source(
            key: "chat_links", table: "chat_links", owner: "user_id",
            columns: [("channel", .text), ("chat_id", .text), ("linked_at", .date)], order: "linked_at"),
        Source(
            key: "api_tokens", table: "api_tokens", owner: "user_id",
            columns: [("client", .text), ("created_at", .date), ("expires_at", .date), ("revoked_at", .date)],
            order: "created_at"),
        Source(
            key: "sessions", table: "web_sessions", owner: "user_id",
            columns: [("created_at", .date), ("last_seen_at", .date)], order: "created_at"),
        Source(
            key: "messages", table: "outbox_messages", owner: "recipient_user_id",
            columns: [("channel", .text), ("event", .text), ("created_at", .date), ("sent_at", .date)],
            order: "created_at"),
        Source(
            key: "data_requests", table: "data_requests", owner: "user_id",
            columns: [
                ("kind", .text), ("detail", .text), ("received_at", .date), ("answered_at", .date), ("answer", .text),
            ], order: "received_at"),
        Source(
            key: "audit_entries", table: "audit_events", owner: "actor_id",
            columns: [("action", .text), ("subject_type", .text), ("occurred_at", .date)], order: "occurred_at"),
    ]

    /// Rows per section at most: an export is a person's records, and this keeps one request bounded.
    static let rowLimit = 10_000

    static func make(for user: User, context: ServiceContext) async throws -> PersonalDataExport {
        let cipher = context.cipher
        let write = ISO8601DateFormatter()
        func opened(_ sealed: String?) -> String { sealed.flatMap { try? cipher.open($0) } ?? "" }
        func date(_ value: Date?) -> String { value.map(write.string(from:)) ?? "" }
        let account: [(String, String)] = [
            ("name", user.name), ("email", user.email ?? ""), ("email_verified_at", date(user.emailVerifiedAt)),
            ("phone", opened(user.phoneCipher)), ("phone_verified_at", date(user.phoneVerifiedAt)),
            ("nik", opened(user.nikCipher)), ("role", user.role.rawValue), ("locale", user.locale),
            ("two_factor", user.hasTwoFactor ? "true" : "false"),
            ("leaderboard_opt_in", user.leaderboardOptIn ? "true" : "false"), ("created_at", date(user.createdAt)),
        ]
        let sql = context.db as! any SQLDatabase
        var sections: [Section] = []
        for source in sources {
            let columns = source.columns.map(\.0)
            let rows = try await sql.raw(
                """
                SELECT \(unsafeRaw: columns.joined(separator: ", ")) FROM \(ident: source.table)
                WHERE \(ident: source.owner) = \(bind: user.id!) ORDER BY \(ident: source.order)
                LIMIT \(unsafeRaw: String(rowLimit))
                """
            ).all()
            let values = try rows.map { row in
                var values: [String: String] = [:]
                for (column, kind) in source.columns {
                    values[column] = try text(of: column, kind, in: row, opened: opened, date: date)
                }
                return values
            }
            sections.append(Section(key: source.key, columns: columns, kinds: source.columns.map(\.1), rows: values))
        }
        return PersonalDataExport(
            generatedAt: date(context.now), account: Dictionary(uniqueKeysWithValues: account),
            accountFields: account.map(\.0), sections: sections)
    }

    private static func text(
        of column: String, _ kind: Kind, in row: any SQLRow, opened: (String?) -> String, date: (Date?) -> String
    ) throws -> String {
        switch kind {
        case .text: try row.decode(column: column, as: String?.self) ?? ""
        case .number: try row.decode(column: column, as: Int?.self).map(String.init) ?? ""
        // Six decimals (10 cm for a coordinate), not the binary float's 3.6109999999999998.
        case .decimal: try row.decode(column: column, as: Double?.self).map { String(($0 * 1e6).rounded() / 1e6) } ?? ""
        case .date: date(try row.decode(column: column, as: Date?.self))
        case .uuid: try row.decode(column: column, as: UUID?.self)?.uuidString ?? ""
        case .sealed: opened(try row.decode(column: column, as: String?.self))
        }
    }
}
