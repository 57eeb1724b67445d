import Foundation
import Testing

@testable import SigapCore

@Suite struct MailMessageTests {
    let message = MailMessage(
        fromAddress: "sigap@pemkab.go.id", fromName: "Sigap Kabupaten", to: "warga@contoh.id",
        subject: "Laporan SGP-2026-000001 diterima — terima kasih", text: "Baris satu\n.baris bertitik\nÜmlaut ✓",
        messageID: "<sigap.7@pemkab.go.id>", date: Date(timeIntervalSince1970: 1_780_000_000))

    @Test func headersAreEncodedAndTheBodyIsBase64WithCRLF() throws {
        let rendered = message.rendered
        #expect(rendered.hasPrefix("Date: "))
        #expect(rendered.contains("\r\nFrom: Sigap Kabupaten <sigap@pemkab.go.id>\r\n"))
        #expect(rendered.contains("\r\nTo: <warga@contoh.id>\r\n"))
        #expect(rendered.contains("\r\nSubject: =?UTF-8?B?"))
        #expect(rendered.contains("Content-Transfer-Encoding: base64"))
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\n"))  // no bare LF
        let body = rendered.components(separatedBy: "\r\n\r\n")[1].replacingOccurrences(of: "\r\n", with: "")
        let decoded = try #require(Data(base64Encoded: body))
        #expect(String(decoding: decoded, as: UTF8.self) == "Baris satu\r\n.baris bertitik\r\nÜmlaut ✓")
    }

    @Test func aSubjectCannotStartAHeader() {
        let word = MailMessage.encodedWord("Halo\r\nBcc: korban@contoh.id")
        #expect(!word.contains("Bcc:"))
        #expect(word.hasPrefix("=?UTF-8?B?"))
        // long subjects fold into words under 76 characters, each on its own continuation line
        let long = MailMessage.encodedWord(String(repeating: "é", count: 100))
        let words = long.components(separatedBy: "\r\n ")
        #expect(words.count > 1 && words.allSatisfy { $0.count <= 75 })
        let joined = words.map { word -> String in
            let inner = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
            return String(decoding: Data(base64Encoded: String(inner))!, as: UTF8.self)
        }.joined()
        #expect(joined == String(repeating: "é", count: 100))
        #expect(MailMessage.encodedWord("Plain subject") == "Plain subject")
    }

    @Test func linesStartingWithADotAreStuffed() {
        #expect(MailMessage.dotStuffed("a\r\n.\r\n..b\r\nc") == "a\r\n..\r\n...b\r\nc")
    }

    @Test func repliesAreParsedAcrossContinuationLines() throws {
        var parser = SMTPReply.Parser()
        #expect(try parser.add("250-mail.contoh.id") == nil)
        #expect(try parser.add("250-STARTTLS") == nil)
        #expect(try parser.add("250-AUTH LOGIN PLAIN") == nil)
        let reply = try #require(try parser.add("250 SIZE 1000000"))
        #expect(reply.code == 250)
        #expect(reply.advertises("STARTTLS") && !reply.advertises("CHUNKING"))
        #expect(reply.authMechanisms == ["LOGIN", "PLAIN"])
        #expect(try parser.add("451 4.7.1 try later")?.isTransient == true)
        #expect(try parser.add("550 5.1.1 no such user")?.isTransient == false)
        #expect(throws: SMTPReply.Parser.Malformed.self) { try parser.add("hello there") }
    }

    @Test func plainCredentialsFollowRFC4616() {
        #expect(smtpPlainCredentials(username: "sigap", password: "rahasia") == "AHNpZ2FwAHJhaGFzaWE=")
    }

    @Test func addressesWithHeaderOrCommandCharactersAreRefused() {
        for raw in [
            "a<b@contoh.id", "a>b@contoh.id", "a,b@contoh.id", "a\"b@contoh.id", "a\u{7}b@contoh.id", "ä@contoh.id",
        ] {
            #expect(EmailAddress(raw) == nil, "\(raw)")
        }
        #expect(EmailAddress("Budi.Santoso+lapor@contoh.id")?.value == "budi.santoso+lapor@contoh.id")
        #expect(EmailAddress("budi@contoh.id")?.masked == "bu***@contoh.id")
    }
}
