import Foundation

/// An iCalendar feed (RFC 5545) of public events, for calendar apps to subscribe to: one VCALENDAR with a
/// VEVENT per event, times in UTC, text escaped, lines folded at 75 octets and ended with CRLF.
public enum ICalendar {
    public struct Event: Sendable, Equatable {
        public var uid: String
        public var start: Date
        public var end: Date
        public var summary: String
        public var location: String
        public var description: String
        public var url: String?
        public var updated: Date
        /// A cancelled event stays in the feed with STATUS:CANCELLED and a higher SEQUENCE, so subscribed
        /// calendars take it off instead of keeping a meeting that will not happen.
        public var cancelled: Bool

        public init(
            uid: String, start: Date, end: Date, summary: String, location: String, description: String,
            url: String?, updated: Date, cancelled: Bool = false
        ) {
            self.cancelled = cancelled
            self.uid = uid
            self.start = start
            self.end = end
            self.summary = summary
            self.location = location
            self.description = description
            self.url = url
            self.updated = updated
        }
    }

    public static func feed(name: String, events: [Event]) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Sigap//Agenda//ID", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:" + escape(name),
        ]
        for event in events {
            lines += [
                "BEGIN:VEVENT", "UID:" + escape(event.uid), "DTSTAMP:" + stamp(event.updated),
                "DTSTART:" + stamp(event.start), "DTEND:" + stamp(event.end), "SUMMARY:" + escape(event.summary),
            ]
            if !event.location.isEmpty { lines.append("LOCATION:" + escape(event.location)) }
            if !event.description.isEmpty { lines.append("DESCRIPTION:" + escape(event.description)) }
            if let url = event.url { lines.append("URL:" + url) }
            lines += event.cancelled ? ["STATUS:CANCELLED", "SEQUENCE:1"] : ["STATUS:CONFIRMED", "SEQUENCE:0"]
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// 20261130T073000Z
    public static func stamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// TEXT values: backslash, semicolon, comma and newline escaped (RFC 5545 §3.3.11).
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue
            default: out.append(character)
            }
        }
        return out
    }

    /// Lines longer than 75 octets continue on the next line after a space, never inside a character.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var parts: [String] = []
        var current = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            // The first line holds 75 octets; continuation lines 74 after their leading space.
            if octets + size > (parts.isEmpty ? 75 : 74) {
                parts.append(current)
                current = ""
                octets = 0
            }
            current.append(character)
            octets += size
        }
        parts.append(current)
        return parts.joined(separator: "\r\n ")
    }
}
