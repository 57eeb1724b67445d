import Testing

@testable import SigapCore

@Suite struct ContactCodeTests {
    @Test func freshCodesAreSixDigitsAndVary() {
        let codes = (0..<50).map { _ in ContactCode.fresh() }
        #expect(codes.allSatisfy { $0.count == 6 && $0.allSatisfy(\.isNumber) })
        #expect(Set(codes).count > 40)
    }

    @Test func typedCodesAreReadLenientlyButMustBeSixDigits() {
        #expect(ContactCode.digits(of: " 123-456 ") == "123456")
        #expect(ContactCode.digits(of: "12345") == nil)
        #expect(ContactCode.digits(of: "1234567") == nil)
        #expect(ContactCode.digits(of: "١٢٣٤٥٦") == nil)  // Arabic-Indic digits are not what was sent
    }
}
