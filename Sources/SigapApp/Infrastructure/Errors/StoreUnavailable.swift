import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import NIOCore
import NIOPosix
import Vapor

/// Errors that mean the store cannot be used right now — PostgreSQL down or restarting, the disk full, the data
/// folder read-only — rather than a fault in the request or the code. `ErrorResponder` answers them with 503 and
/// `Retry-After` (the client may try again; nothing was half-stored, as every write is one transaction and
/// files are renamed into place only when complete), never 500, and the server keeps running: the database
/// pool opens new connections when PostgreSQL is back, and SQLite writes succeed again once space returns.
enum StoreUnavailable: Equatable {
    case database
    case diskFull
    case readOnly

    /// Seconds a client should wait before trying again.
    var retryAfter: Int {
        switch self {
        case .database: 5
        case .diskFull, .readOnly: 60
        }
    }

    var messageKey: String {
        switch self {
        case .database: "error.503_database"
        case .diskFull, .readOnly: "error.503_storage"
        }
    }

    static func classify(_ error: any Error) -> StoreUnavailable? {
        switch error {
        case is ConnectionPoolTimeoutError, is ConnectionPoolError, is NIOConnectionError,
            is TransactionWatchdog.TimedOut:
            return .database
        case let error as PostgresError:
            switch error {
            case .connectionClosed: return .database
            case .protocol(let message): return message.contains("connection close") ? .database : nil
            case .server(let server): return postgresState(server.fields[.sqlState])
            }
        case let error as PSQLError:
            switch error.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed:
                return .database
            case .server: return postgresState(error.serverInfo?[.sqlState])
            default: return nil
            }
        case let error as ChannelError:
            switch error {
            case .ioOnClosedChannel, .alreadyClosed, .eof, .connectTimeout: return .database
            default: return nil
            }
        case let error as IOError:
            return posix(error.errnoCode) ?? .database
        case let error as SQLiteError:
            switch error.reason {
            case .full: return .diskFull
            case .readOnly, .readonlyInRecovery, .readonlyCantLock, .readonlyInRollback, .readonlyBackingMoved,
                .readonlyDirectory, .cantOpen:
                return .readOnly
            case .ioError: return .diskFull
            default: return nil
            }
        case let error as FileStoreError:
            if case .io(_, let code) = error { return posix(code) }
            return nil
        case let error as CocoaError:
            switch error.code {
            case .fileWriteOutOfSpace: return .diskFull
            case .fileWriteVolumeReadOnly, .fileWriteNoPermission: return .readOnly
            default: return (error.userInfo[NSUnderlyingErrorKey] as? any Error).flatMap(classify)
            }
        case let error as NSError where error.domain == NSPOSIXErrorDomain:
            return posix(Int32(error.code))
        default:
            return nil
        }
    }

    /// The classes of SQLSTATE that mean "not now": 08 connection exception, 53 insufficient resources (53100
    /// disk full), 57P01–57P03 shutting down or starting up.
    static func postgresState(_ state: String?) -> StoreUnavailable? {
        guard let state else { return nil }
        if state == "53100" { return .diskFull }
        if state.hasPrefix("08") || state.hasPrefix("53") || state.hasPrefix("57P") { return .database }
        return nil
    }

    static func posix(_ code: Int32) -> StoreUnavailable? {
        switch code {
        case ENOSPC, EDQUOT: .diskFull
        case EROFS, EACCES, EPERM: .readOnly
        default: nil
        }
    }
}
