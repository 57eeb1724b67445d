import Foundation
import Testing

@testable import SigapCore

@Suite struct PhoneNumberTests {
    @Test(arguments: [
        ("0812-3456-7890", "6281234567890"),
        ("+62 812 3456 7890", "6281234567890"),
        ("6281234567890", "6281234567890"),
        ("81234567890", "6281234567890"),
        ("(0852) 111 2222", "628521112222"),
    ])
    func normalisesTheWaysPeopleWriteNumbers(raw: String, expected: String) {
        #expect(PhoneNumber(raw)?.digits == expected)
    }

    @Test(arguments: ["", "021-555-1234", "0812", "08123456789012345", "0812abc4567", "+1 202 555 0100"])
    func refusesWhatIsNotAnIndonesianMobile(raw: String) {
        #expect(PhoneNumber(raw) == nil)
    }

    @Test func masksTheMiddle() {
        #expect(PhoneNumber("081234567890")?.masked == "62812••••7890")
    }
}

@Suite struct NIKTests {
    @Test func acceptsAPlausibleNIKAndMasksIt() throws {
        let nik = try #require(NIK("1205014507900003"))  // woman born 5 July 1990
        #expect(nik.masked == "1205••••••••0003")
    }

    @Test(arguments: [
        "120501450790000",  // 15 digits
        "12050145079000031",  // 17 digits
        "9905014507900003",  // no province 99
        "1200014507900003",  // kabupaten 00
        "1205013207900003",  // day 32
        "1205013102900003",  // 31 February
        "1205011513900003",  // month 13
        "1205014507900000",  // serial 0000
        "12050145079000a3",
    ])
    func refusesImplausibleNumbers(raw: String) {
        #expect(NIK(raw) == nil)
    }
}

@Suite struct PasswordPolicyTests {
    @Test func refusesShortPasswords() {
        #expect(PasswordPolicy.check("Abc!12345") == .tooShort)
    }

    @Test(arguments: ["password123", "Sayang2024!!", "qwertyuiop", "1234567890", "aaaaaaaaaaaa", "bismillah123"])
    func refusesCommonPasswords(password: String) {
        #expect(PasswordPolicy.check(password) == .tooCommon)
    }

    @Test func refusesThePersonsOwnName() {
        #expect(PasswordPolicy.check("budisantoso1", context: ["Budisantoso"]) == .tooCommon)
    }

    @Test func acceptsALongUncommonPassphrase() {
        #expect(PasswordPolicy.check("sawah hijau di lereng merapi") == nil)
    }

    @Test func refusesMoreThanBcryptReads() {
        #expect(PasswordPolicy.check(String(repeating: "ab", count: 40)) == .tooLong)
    }
}

@Suite struct ContactIdentifierTests {
    @Test func tellsEmailFromPhone() {
        #expect(ContactIdentifier(" Budi@Example.ID ")?.canonical == "budi@example.id")
        #expect(ContactIdentifier("0812 3456 7890")?.canonical == "6281234567890")
        #expect(ContactIdentifier("budi@") == nil)
        #expect(ContactIdentifier("budi") == nil)
    }
}
