import Foundation
import Testing

@testable import SigapCore

/// Issue 16: the forum's rules without a database.
@Suite struct ForumRulesTests {
    let now = Date(timeIntervalSince1970: 1_795_399_200)
    let limits = ForumRules.Limits()
    let links = "https://a.id https://b.id dan www.c.id"

    @Test func linksAreCountedOnceEach() {
        #expect(ForumRules.linkCount(links) == 3)
        #expect(ForumRules.linkCount("https://www.a.id") == 1)
        #expect(ForumRules.imageCount("![x](https://a.id/x.png)") == 1)
    }

    @Test func anEditPastANewAccountsLinksWaitsForAModerator() {
        let young = now.addingTimeInterval(-3600)
        let old = now.addingTimeInterval(-3 * 86_400)
        #expect(
            ForumRules.afterEdit(.visible, text: links, accountCreated: young, isStaff: false, now: now, limits: limits)
                == .pending)
        #expect(
            ForumRules.afterEdit(.visible, text: links, accountCreated: old, isStaff: false, now: now, limits: limits)
                == .visible)
        #expect(
            ForumRules.afterEdit(.visible, text: links, accountCreated: young, isStaff: true, now: now, limits: limits)
                == .visible)
        #expect(
            ForumRules.afterEdit(.hidden, text: links, accountCreated: young, isStaff: false, now: now, limits: limits)
                == .hidden)
        #expect(
            ForumRules.afterEdit(
                .visible, text: "tanpa tautan", accountCreated: young, isStaff: false, now: now,
                limits: limits) == .visible)
    }
}
