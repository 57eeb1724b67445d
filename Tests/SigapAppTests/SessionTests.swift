import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

@Suite struct SessionTests {
    @Test func theSessionCookieIsHttpOnlyLaxAndNotSecureOnPlainHTTP() async throws {
        try await withSigap { context in
            let browser = Browser(context.app)
            try await browser.get("/masuk")
            let cookie = try #require(browser.lastSetCookies.first { $0.hasPrefix("sigap_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"))
        }
    }

    @Test func sessionsLiveInTheDatabaseUnderAHashOfTheCookie() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let browser = Browser(context.app)
            try await browser.logIn("081234567890")
            let cookie = try #require(browser.cookies["sigap_session"])
            let row = try #require(try await WebSession.find(SecretToken.digest(cookie), on: context.db))
            #expect(row.id != cookie)
            #expect(row.userID != nil)
        }
    }

    @Test func theSessionIdIsRotatedAtLoginAndThePlantedIdBecomesWorthless() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let victim = Browser(context.app)
            try await victim.get("/masuk")
            let planted = try #require(victim.cookies["sigap_session"])
            try await victim.post("/masuk", ["identifier": "081234567890", "password": Fixtures.password])
            let fresh = try #require(victim.cookies["sigap_session"])
            #expect(fresh != planted)

            let attacker = Browser(context.app)
            attacker.cookies["sigap_session"] = planted
            #expect(try await attacker.get("/akun").location?.hasPrefix("/masuk") == true)
            #expect(try await victim.get("/akun").status == .ok)
        }
    }

    @Test func logoutEndsTheSessionOnTheServer() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let browser = Browser(context.app)
            try await browser.logIn("081234567890")
            let cookie = try #require(browser.cookies["sigap_session"])
            try await browser.get("/akun")
            #expect(try await browser.post("/keluar").status == .seeOther)
            #expect(try await WebSession.find(SecretToken.digest(cookie), on: context.db) == nil)

            let replay = Browser(context.app)
            replay.cookies["sigap_session"] = cookie
            #expect(try await replay.get("/akun").location?.hasPrefix("/masuk") == true)
        }
    }

    @Test func anIdleSessionExpires() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let browser = Browser(context.app)
            try await browser.logIn("081234567890")
            context.clock.advance(seconds: 29 * 60)
            #expect(try await browser.get("/akun").status == .ok)
            context.clock.advance(seconds: 31 * 60)
            #expect(try await browser.get("/akun").location?.hasPrefix("/masuk") == true)
        }
    }

    @Test func anActiveSessionStillEndsAtTheAbsoluteTimeout() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let browser = Browser(context.app)
            try await browser.logIn("081234567890")
            for _ in 0..<35 {  // 35 × 20 minutes = 11 h 40 min, always active
                context.clock.advance(seconds: 20 * 60)
                #expect(try await browser.get("/akun").status == .ok)
            }
            context.clock.advance(seconds: 20 * 60 + 1)
            #expect(try await browser.get("/akun").location?.hasPrefix("/masuk") == true)
        }
    }
}

@Suite struct CSRFTests {
    @Test func formPostsWithoutTheSessionsTokenAreRefused() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let browser = Browser(context.app)
            try await browser.get("/masuk")
            let missing = try await browser.post(
                "/masuk", ["identifier": "081234567890", "password": Fixtures.password], withCSRF: false)
            #expect(missing.status == .forbidden)
            let wrong = try await browser.post(
                "/masuk", ["identifier": "081234567890", "password": Fixtures.password, "_csrf": "forged"])
            #expect(wrong.status == .forbidden)

            let other = Browser(context.app)
            try await other.get("/masuk")
            let foreign = try await browser.post(
                "/masuk", ["identifier": "081234567890", "password": Fixtures.password, "_csrf": other.csrf!])
            #expect(foreign.status == .forbidden)
            #expect(
                try await browser.post("/masuk", ["identifier": "081234567890", "password": Fixtures.password]).status
                    == .seeOther)
        }
    }

    @Test func logoutToo() async throws {
        try await withSigap { context in
            _ = try await Fixtures.citizen(in: context)
            let browser = Browser(context.app)
            try await browser.logIn("081234567890")
            #expect(try await browser.post("/keluar", withCSRF: false).status == .forbidden)
            #expect(try await browser.get("/akun").status == .ok)
        }
    }
}
