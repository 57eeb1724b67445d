import Foundation
import SigapCore
import Vapor

/// View data shared by the report pages: labels in the reader's language are computed here so views stay
/// free of logic.
struct ReportRow {
    let number: String
    let title: String
    let status: String
    let statusLabel: String
    let category: String
    let kecamatan: String
    let supporters: Int
    let createdAt: String
    let url: String
    let late: Bool
}

struct TimelineRow {
    let at: String
    let label: String
    let text: String
    let restricted: Bool
}

extension Request {
    func reportRow(_ report: ReportListItem, reference: ReferenceCache.Snapshot, staff: Bool = false) -> ReportRow {
        ReportRow(
            number: report.number, title: report.title, status: report.status.rawValue,
            statusLabel: t("status.\(report.status.rawValue)"),
            category: reference.categoriesByID[report.categoryId]?.name ?? "",
            kecamatan: reference.kecamatanNames[report.kecamatanId] ?? "", supporters: report.supportersCount,
            createdAt: localDate(report.createdAt),
            url: staff ? SiteURL.staffReport(report.number) : SiteURL.report(report.number),
            late: report.late && report.status.isOpen)
    }

    func timelineRows(_ events: [ReportResponse.Event]) -> [TimelineRow] {
        events.map {
            // A missed response deadline carries its escalation level, which belongs in the label.
            let late = $0.kind == HistoryKind.responseLate.rawValue
            return TimelineRow(
                at: localDateTime($0.at), label: late ? t("event.response_late", $0.text) : t("event.\($0.kind)"),
                text: late ? "" : $0.text, restricted: $0.visibility != "public")
        }
    }

    func localDate(_ date: Date) -> String { readable(date, withTime: false) }

    /// A day kept without a time (`2026-11-30`: whistleblowing keeps days only), written like the other dates.
    func localDay(_ day: String) -> String {
        guard let civil = CivilDay(day) else { return day }
        let noon = Date(timeIntervalSince1970: Double(civil.daysSinceEpoch) * 86_400 + 43_200)
        return LocalTimeWriter.shared(.gmt).readable(noon, months: months, withTime: false)
    }
    func localDateTime(_ date: Date) -> String { readable(date, withTime: true) }

    private var months: MonthNames { language == .id ? .indonesian : .english }

    private func readable(_ date: Date, withTime: Bool) -> String {
        LocalTimeWriter.shared(sigap.config.timeZone).readable(date, months: months, withTime: withTime)
    }

    /// Filter choices for list pages.
    func filterChoices(_ reference: ReferenceCache.Snapshot) -> (
        statuses: [Choice], categories: [Choice], kecamatan: [Choice]
    ) {
        let statuses =
            [Choice(value: "terbuka", label: t("status.terbuka"))]
            + ReportStatus.allCases.map { Choice(value: $0.rawValue, label: t("status.\($0.rawValue)")) }
        return (statuses, reference.categoryChoices, reference.kecamatanChoices)
    }
}
