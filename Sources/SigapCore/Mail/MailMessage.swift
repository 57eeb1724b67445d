import Foundation

/// A plain-text e-mail as it goes over SMTP (RFC 5322 with MIME): UTF-8 text in base64, the subject and the
/// sender's name encoded as RFC 2047 words, so nothing a person typed can start a header or end the message.
public struct MailMessage: Sendable, Equatable {
    public var fromAddress: String
    public var fromName: String
    public var to: String
    public var subject: String
    public var text: String
    /// `<…@domain>` unique per message, so a retried message is recognisable as the same one.
    public var messageID: String
    public var date: Date

    public init(
        fromAddress: String, fromName: String, to: String, subject: String, text: String, messageID: String,
        date: Date
    ) {
        self.fromAddress = fromAddress
        self.fromName = fromName
        self.to = to
        self.subject = subject
        self.text = text
        self.messageID = messageID
        self.date = date
    }

    /// Headers and body with CRLF line ends, ready for `DATA` (dot-stuffing still to apply).
    public var rendered: String {
        let body = Data(
            text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8
        )
        .base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let headers = [
            "Date: " + Self.rfc5322Date(date),
            "From: " + Self.encodedWord(fromName) + " <" + fromAddress + ">",
            "To: <" + to + ">",
            "Subject: " + Self.encodedWord(subject),
            "Message-ID: " + messageID,
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            // Automatic mail: vacation responders must not answer it (RFC 3834).
            "Auto-Submitted: auto-generated",
        ]
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + body + "\r\n"
    }

    /// `=?UTF-8?B?…?=` words of at most 75 characters each (RFC 2047), split between characters, never inside one.
    public static func encodedWord(_ text: String) -> String {
        guard text.contains(where: { !$0.isASCII || $0.isNewline || $0 == "=" || $0 == "?" || $0 == "\"" }) else {
            return text.isEmpty ? "\"\"" : text
        }
        var words: [String] = []
        var chunk = ""
        for character in text where !character.isNewline {
            // 45 bytes of UTF-8 become 60 base64 characters; with `=?UTF-8?B?` and `?=` a word stays under 75.
            if (chunk + String(character)).utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?" + Data($0.utf8).base64EncodedString() + "?=" }.joined(separator: "\r\n ")
    }

    /// A line that starts with a dot gets a second one, so the message cannot end `DATA` early (RFC 5321 4.5.2).
    public static func dotStuffed(_ message: String) -> String {
        message.split(separator: "\r\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") ? "." + $0 : String($0) }.joined(separator: "\r\n")
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}

/// One SMTP reply: a three-digit code and its text lines (`250-…` continues, `250 …` ends it).
public struct SMTPReply: Sendable, Equatable {
    public let code: Int
    public let lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// Collects lines until a reply is complete; nil while more lines are needed. Throws on a line that is no
    /// reply at all.
    public struct Parser: Sendable {
        private var lines: [String] = []
        public init() {}

        public struct Malformed: Error, Equatable {
            public let line: String
        }

        public mutating func add(_ line: String) throws(Malformed) -> SMTPReply? {
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)), code >= 200,
                code < 600, bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-")
            else { throw Malformed(line: String(line.prefix(80))) }
            lines.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
            guard bytes.count == 3 || bytes[3] == UInt8(ascii: " ") else { return nil }
            defer { lines = [] }
            return SMTPReply(code: code, lines: lines)
        }
    }

    /// The EHLO reply advertises `keyword` (`STARTTLS`, `AUTH PLAIN LOGIN`, …).
    public func advertises(_ keyword: String) -> Bool {
        lines.dropFirst().contains { $0.uppercased() == keyword || $0.uppercased().hasPrefix(keyword + " ") }
    }

    /// The mechanisms after `AUTH` in an EHLO reply.
    public var authMechanisms: Set<String> {
        Set(
            lines.dropFirst().filter { $0.uppercased().hasPrefix("AUTH ") }
                .flatMap { $0.uppercased().split(separator: " ").dropFirst().map(String.init) })
    }

    /// 4xx: try again later; 5xx: this message will never be accepted.
    public var isTransient: Bool { (400..<500).contains(code) }
}

/// `AUTH PLAIN`'s one argument: base64 of `\0user\0password` (RFC 4616).
public func smtpPlainCredentials(username: String, password: String) -> String {
    Data(("\0" + username + "\0" + password).utf8).base64EncodedString()
}
