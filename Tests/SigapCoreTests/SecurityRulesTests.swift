import Crypto
import Foundation
import Testing

@testable import SigapCore

@Suite struct FieldCipherTests {
    let cipher = try! FieldCipher(key: SymmetricKey(size: .bits256))

    @Test func sealsWithAFreshNonceAndOpensAgain() throws {
        let a = try cipher.seal("1205014507900003")
        let b = try cipher.seal("1205014507900003")
        #expect(a != b)
        #expect(!a.contains("1205014507900003"))
        #expect(try cipher.open(a) == "1205014507900003")
    }

    @Test func anotherKeyCannotOpen() throws {
        let other = try FieldCipher(key: SymmetricKey(size: .bits256))
        let sealed = try cipher.seal("rahasia")
        #expect(throws: FieldCipherError.undecryptable) { try other.open(sealed) }
    }

    @Test func lookupTokensAreStableAndSeparatedByPurpose() {
        #expect(cipher.lookupToken("62812", purpose: "phone") == cipher.lookupToken("62812", purpose: "phone"))
        #expect(cipher.lookupToken("62812", purpose: "phone") != cipher.lookupToken("62812", purpose: "nik"))
    }

    @Test func refusesShortKeys() {
        #expect(throws: FieldCipherError.badKey) { try FieldCipher(key: SymmetricKey(size: .bits128)) }
    }
}

@Suite struct AttemptThrottleTests {
    let now = Date(timeIntervalSince1970: 1_000_000)
    let throttle = AttemptThrottle(limit: 5, window: 60)

    @Test func allowsUpToTheLimit() {
        let failures = (0..<4).map { now.addingTimeInterval(-Double($0)) }
        #expect(throttle.retryAfter(failures: failures, now: now) == nil)
    }

    @Test func blocksAtTheLimitUntilTheOldestCountedFailureAgesOut() {
        let failures = [-50.0, -40, -30, -20, -10].map { now.addingTimeInterval($0) }
        #expect(throttle.retryAfter(failures: failures, now: now) == 10)
    }

    @Test func ignoresFailuresOutsideTheWindow() {
        let failures = [-120.0, -90, -61, -30, -10].map { now.addingTimeInterval($0) }
        #expect(throttle.retryAfter(failures: failures, now: now) == nil)
    }
}

@Suite struct OneTimeCodeWindowTests {
    let window = OneTimeCodeWindow()
    let now = Date(timeIntervalSince1970: 59)  // step 1
    func code(_ step: Int64) -> String { String(format: "%06d", step * 111) }

    @Test func acceptsTheCurrentAndNeighbouringSteps() {
        #expect(window.acceptedStep(for: code(1), at: now, lastUsedStep: nil, codeForStep: code) == 1)
        #expect(window.acceptedStep(for: code(0), at: now, lastUsedStep: nil, codeForStep: code) == 0)
        #expect(window.acceptedStep(for: code(2), at: now, lastUsedStep: nil, codeForStep: code) == 2)
        #expect(window.acceptedStep(for: code(3), at: now, lastUsedStep: nil, codeForStep: code) == nil)
    }

    @Test func aCodeWorksOnlyOnce() {
        #expect(window.acceptedStep(for: code(1), at: now, lastUsedStep: 1, codeForStep: code) == nil)
        #expect(window.acceptedStep(for: code(0), at: now, lastUsedStep: 1, codeForStep: code) == nil)
        #expect(window.acceptedStep(for: code(2), at: now, lastUsedStep: 1, codeForStep: code) == 2)
    }
}

@Suite struct SecretTokenTests {
    @Test func readableCodesUseTheUnambiguousAlphabet() {
        let code = SecretToken.readable(count: 16)
        #expect(code.count == 19)
        #expect(
            code.replacingOccurrences(of: "-", with: "").allSatisfy { SecretToken.unambiguousAlphabet.contains($0) })
    }

    @Test func constantTimeEqualsComparesWholeStrings() {
        #expect(SecretToken.constantTimeEquals("abc", "abc"))
        #expect(!SecretToken.constantTimeEquals("abc", "abd"))
        #expect(!SecretToken.constantTimeEquals("abc", "abcd"))
    }
}

@Suite struct PolicyTests {
    let agencyA = UUID()
    let agencyB = UUID()

    @Test func onlyAdminsManageRegionsAgenciesAndTheAuditLog() {
        for role in Role.allCases {
            let actor = Actor(id: UUID(), role: role)
            #expect(Policy.allows(actor, .manageRegions) == (role == .admin))
            #expect(Policy.allows(actor, .viewAuditLog) == (role == .admin))
        }
    }

    @Test func agencyAdminsManageOnlyTheirOwnCategoriesAndClerks() {
        let head = Actor(id: UUID(), role: .opdAdmin, agencyID: agencyA)
        #expect(Policy.allows(head, .manageCategory(agencyID: agencyA)))
        #expect(!Policy.allows(head, .manageCategory(agencyID: agencyB)))
        #expect(Policy.allows(head, .manageStaff(role: .opdStaf, agencyID: agencyA)))
        #expect(!Policy.allows(head, .manageStaff(role: .opdStaf, agencyID: agencyB)))
        #expect(!Policy.allows(head, .manageStaff(role: .admin, agencyID: agencyA)))
    }

    @Test func citizensNeverEnterTheStaffArea() {
        #expect(!Policy.allows(Actor(id: UUID(), role: .warga), .enterStaffArea))
        #expect(Policy.allows(Actor(id: UUID(), role: .moderator), .enterStaffArea))
    }

    @Test func scopesFollowTheRole() {
        let desa = UUID()
        #expect(StaffScope(desaID: desa).normalised(for: .petugasDesa) == .success(StaffScope(desaID: desa)))
        #expect(StaffScope().normalised(for: .opdStaf) == .failure(.agencyRequired))
        #expect(StaffScope(agencyID: agencyA).normalised(for: .pimpinan) == .success(StaffScope()))
    }
}

@Suite struct LoginLimitsTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func theAccountWideLimitSlowsMoreWithEachFailureButNeverRefuses() {
        let rule = LoginLimits.account
        let failures = (0..<rule.limit).map { now.addingTimeInterval(-Double($0)) }
        #expect(rule.slowdown(failures: Array(failures.prefix(rule.limit - 1)), now: now) == nil)
        #expect(rule.slowdown(failures: failures, now: now) == 1)
        let many = (0..<50).map { now.addingTimeInterval(-Double($0) / 10) }
        #expect(rule.slowdown(failures: many, now: now) == 5)
        // failures older than the window no longer count
        #expect(rule.slowdown(failures: failures, now: now.addingTimeInterval(rule.window + 1)) == nil)
    }

    @Test func anAccountAtOneAddressIsRefusedLongBeforeTheAddressAlone() {
        #expect(LoginLimits.accountAtAddress.limit < LoginLimits.address.limit)
        #expect(LoginLimits.accountAtAddress.limit < LoginLimits.account.limit)
    }
}
