import Foundation
import Testing

@testable import SigapCore

/// Issue 16: the agenda feed's lines as RFC 5545 writes them.
@Suite struct ICalendarTests {
    @Test func textIsEscapedAndTimesAreUTC() {
        #expect(ICalendar.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne")
        #expect(ICalendar.stamp(Date(timeIntervalSince1970: 1_795_399_200)) == "20261123T020000Z")
    }

    @Test func longLinesFoldAt75OctetsWithoutSplittingACharacter() {
        let line = "SUMMARY:" + String(repeating: "é", count: 60)  // 8 + 120 octets
        let folded = ICalendar.fold(line)
        let parts = folded.components(separatedBy: "\r\n")
        #expect(parts.count == 2)
        #expect(parts.allSatisfy { $0.utf8.count <= 75 })
        #expect(parts[1].hasPrefix(" "))
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line)
        #expect(ICalendar.fold("SHORT:line") == "SHORT:line")
    }

    @Test func aFeedHasOneEventPerItemWithCRLFLines() {
        let start = Date(timeIntervalSince1970: 1_795_399_200)
        let feed = ICalendar.feed(
            name: "Agenda",
            events: [
                .init(
                    uid: "agenda-1@sigap", start: start, end: start.addingTimeInterval(3600), summary: "Sidang",
                    location: "Gedung DPRD", description: "", url: "https://x/agenda#acara-1", updated: start)
            ])
        #expect(feed.components(separatedBy: "BEGIN:VEVENT").count == 2)
        #expect(feed.contains("DTEND:20261123T030000Z\r\n"))
        #expect(!feed.contains("DESCRIPTION"))
        #expect(!feed.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }
}
