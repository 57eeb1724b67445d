import Foundation
import SigapCore
import Vapor

/// A report's deadlines as a person reads them: the dates, and how much working time is left or how late it is.
struct DeadlineView {
    let responseDue: String
    let resolutionDue: String
    /// "sisa 1 hari 3 jam kerja", "terlambat 2 jam kerja", "ditanggapi 24 Nov 2026 10:00"
    let response: String
    let resolution: String?
    let late: Bool
}

extension Request {
    func deadlineView(_ report: Report, calendar: WorkCalendar) -> DeadlineView? {
        guard let responseDue = report.responseDueAt, let resolutionDue = report.resolutionDueAt else { return nil }
        let now = self.now
        let response: String
        if let responded = report.respondedAt {
            response = t(
                responded <= responseDue ? "deadline.responded_on_time" : "deadline.responded_late",
                localDateTime(responded))
        } else if report.status.isOpen {
            response = remaining(until: responseDue, now: now, calendar: calendar)
        } else {
            response = t("deadline.closed")
        }
        let resolution =
            report.status.isOpen ? remaining(until: resolutionDue, now: now, calendar: calendar) : nil
        return DeadlineView(
            responseDue: localDateTime(responseDue), resolutionDue: localDateTime(resolutionDue), response: response,
            resolution: resolution, late: report.late && report.status.isOpen)
    }

    private func remaining(until due: Date, now: Date, calendar: WorkCalendar) -> String {
        if now < due {
            return t("deadline.left", workingDuration(calendar.workingSeconds(from: now, to: due), calendar: calendar))
        }
        return t("deadline.overdue", workingDuration(calendar.workingSeconds(from: due, to: now), calendar: calendar))
    }

    /// "1 hari 3 jam kerja": whole office days, then hours (rounded up, so "0 jam" never means "late").
    func workingDuration(_ seconds: TimeInterval, calendar: WorkCalendar) -> String {
        let hours = Int((seconds / 3600).rounded(.up))
        let perDay = Int(calendar.hours.seconds / 3600)
        let (days, rest) = hours.quotientAndRemainder(dividingBy: max(perDay, 1))
        switch (days, rest) {
        case (0, _): return t("duration.hours", String(rest))
        case (_, 0): return t("duration.days", String(days))
        default: return t("duration.days_hours", String(days), String(rest))
        }
    }
}
