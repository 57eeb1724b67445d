import Fluent
import Foundation
import SQLKit
import SigapCore
import Vapor

/// Vapor's session API over the `web_sessions` table, so every app node sees the same sessions.
/// It adds what a security review expects: ids stored hashed, an idle and an absolute time-out, and
/// `last_seen_at` refreshed at most once a minute so a busy page does not write on every request.
struct DatabaseSessionDriver: AsyncSessionDriver {
    static let touchInterval: TimeInterval = 60

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        let token = SecretToken.urlSafe()
        // A stale cookie gives an empty session; storing it would only fill the table with blank rows.
        guard !data.snapshot.isEmpty else { return SessionID(string: token) }
        let row = WebSession(
            id: SecretToken.digest(token), userID: data[SessionKeys.userID].flatMap(UUID.init(uuidString:)),
            data: try Self.encode(data), now: request.now)
        try await row.create(on: request.writeDB)
        return SessionID(string: token)
    }

    /// Reads the session and its account in one query (a left join on `users`, SQL written out): every signed-in
    /// page needs both, and a second round trip — or Fluent's reflective decoding — cost as much as rendering the
    /// page. `SessionUserMiddleware` takes the account from here.
    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        guard
            let found = try await (request.db as! any SQLDatabase).raw(
                """
                SELECT s.id, s.user_id, s.data, s.created_at, s.last_seen_at, \(unsafeRaw: Self.accountColumns)
                FROM web_sessions s LEFT JOIN users u ON u.id = s.user_id
                WHERE s.id = \(bind: SecretToken.digest(sessionID.string))
                """
            ).first()
        else { return nil }
        let row = WebSession(
            id: try found.decode(column: "id", as: String.self),
            userID: try found.decode(column: "user_id", as: UUID?.self),
            data: try found.decode(column: "data", as: String.self),
            now: try found.decode(column: "last_seen_at", as: Date.self))
        row.createdAt = try found.decode(column: "created_at", as: Date.self)
        row.$id.exists = true
        if try found.decode(column: "u_id", as: UUID?.self) != nil {
            request.storage[SessionAccountKey.self] = try User(row: found, prefix: "u_")
        }
        let config = request.sigap.config
        let now = request.now
        if now.timeIntervalSince(row.lastSeenAt) > config.sessionIdleTimeout
            || now.timeIntervalSince(row.createdAt) > config.sessionAbsoluteTimeout
        {
            try await row.delete(on: request.writeDB)
            return nil
        }
        request.storage[LoadedSessionKey.self] = row
        return try Self.decode(row.data)
    }

    /// The account's columns in the session read, each prefixed `u_` (built once, not per request).
    static let accountColumns = User.readColumns.map { "u.\($0) AS u_\($0)" }.joined(separator: ", ")

    /// The account read with the session (nil when the session has none).
    struct SessionAccountKey: StorageKey { typealias Value = User }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        let encoded = try Self.encode(data)
        let now = request.now
        if let loaded = request.storage[LoadedSessionKey.self], loaded.id == SecretToken.digest(sessionID.string) {
            guard loaded.data != encoded || now.timeIntervalSince(loaded.lastSeenAt) > Self.touchInterval else {
                return sessionID
            }
            loaded.data = encoded
            loaded.userID = data[SessionKeys.userID].flatMap(UUID.init(uuidString:))
            loaded.lastSeenAt = now
            try await loaded.update(on: request.writeDB)
            return sessionID
        }
        // The row vanished (expired or logged out elsewhere) while the request ran: start afresh.
        return try await createSession(data, for: request)
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        try await WebSession.query(on: request.writeDB).filter(\.$id == SecretToken.digest(sessionID.string)).delete()
    }

    /// Ends every session of an account (logout everywhere, password change, account disabled).
    static func endAll(userID: UUID, on db: any Database) async throws {
        try await WebSession.query(on: db).filter(\.$userID == userID).delete()
    }

    /// Removes sessions past their time-outs; run by the periodic sweep.
    static func purgeExpired(on db: any Database, config: AppConfig, now: Date) async throws {
        try await WebSession.query(on: db)
            .group(.or) {
                $0.filter(\.$lastSeenAt < now.addingTimeInterval(-config.sessionIdleTimeout))
                    .filter(\.$createdAt < now.addingTimeInterval(-config.sessionAbsoluteTimeout))
            }
            .delete()
    }

    private struct LoadedSessionKey: StorageKey { typealias Value = WebSession }

    private static func encode(_ data: SessionData) throws -> String {
        String(decoding: try JSONEncoder().encode(data.snapshot), as: UTF8.self)
    }

    private static func decode(_ text: String) throws -> SessionData {
        SessionData(initialData: try JSONDecoder().decode([String: String].self, from: Data(text.utf8)))
    }
}

/// The keys this app keeps in a session.
enum SessionKeys {
    static let userID = "uid"
    /// "ok" once a staff member has passed two-factor in this session.
    static let secondFactor = "2fa"
    static let csrf = "csrf"
    /// A TOTP secret being enrolled, sealed with the field key, until the first code confirms it.
    static let pendingTOTP = "totp_pending"
}

extension Request {
    /// Gives the session a new id while keeping its data: call at every change of privilege (log-in, passing
    /// two-factor) so an id planted before the change is worthless after it.
    func rotateSession() async throws {
        if let old = session.id {
            try await DatabaseSessionDriver().deleteSession(old, for: self)
        }
        session.id = nil
    }
}
