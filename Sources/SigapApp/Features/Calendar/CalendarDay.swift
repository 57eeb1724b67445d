import Fluent
import Foundation
import SigapCore

/// A local decision about one date, made by an administrator: an extra day off or a working day after all.
final class CalendarDay: Model, @unchecked Sendable {
    static let schema = "calendar_days"

    @ID(key: .id) var id: UUID?
    /// `yyyy-mm-dd`, the region's date.
    @Field(key: "date") var date: String
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: LocalCalendarDay.Kind
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(day: CivilDay, name: String, kind: LocalCalendarDay.Kind, createdBy: UUID?, at: Date) {
        self.date = day.description
        self.name = name
        self.kind = kind
        self.createdBy = createdBy
        self.createdAt = at
    }

    var local: LocalCalendarDay? { CivilDay(date).map { LocalCalendarDay(day: $0, kind: kind) } }
}
