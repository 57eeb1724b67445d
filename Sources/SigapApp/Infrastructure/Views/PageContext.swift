import SigapCore
import Vapor

/// What every page's layout needs: title, language, who is signed in. Each page's own context embeds it.
struct PageContext {
    struct Viewer {
        let name: String
        let role: String
        let isStaff: Bool
        let isAdmin: Bool
    }

    let title: String
    let lang: String
    let otherLang: String
    let path: String
    let viewer: Viewer?
    /// One-time message shown at the top of the page after a redirect ("Saved.").
    let notice: String?
    /// Whose platform this is (header, title, footer).
    let region: RegionIdentity
    /// This page in the other language: the same path and query (a guest's follow key, list filters), only
    /// `lang` changed.
    let languageLink: String
    /// The Open Graph card a shared link shows (reports, proposals, the front page).
    var share: ShareCard?
    /// The practice session this browser is in: every page says so (`PracticeSessions`).
    var practice: String? = nil

    /// Without a viewer or a notice.
    init(title: String, lang: String, path: String) {
        self.title = title
        self.lang = lang
        otherLang = lang == "id" ? "en" : "id"
        self.path = path
        notice = nil
        viewer = nil
        region = RegionIdentity()
        languageLink = Self.languageLink(path: path, query: nil, lang: otherLang)
    }

    init(_ request: Request, title: String) {
        self.title = title
        lang = request.language.rawValue
        otherLang = request.language == .id ? "en" : "id"
        path = request.url.path
        notice = request.takeNotice()
        region = request.sigap.config.region
        languageLink = Self.languageLink(path: path, query: request.url.query, lang: otherLang)
        practice = request.practiceSessionTitle
        if let user = request.currentUser {
            viewer = Viewer(
                name: user.name, role: request.t("role.\(user.role.rawValue)"), isStaff: user.role.isStaff,
                isAdmin: user.role == .admin)
        } else {
            viewer = nil
        }
    }
}

extension PageContext {
    static func languageLink(path: String, query: String?, lang: String) -> String {
        let kept = (query ?? "").split(separator: "&").filter { !$0.hasPrefix("lang=") && !$0.isEmpty }
        return path + "?" + (kept + ["lang=" + lang]).joined(separator: "&")
    }
}

extension Request {
    private static let noticeKey = "notice"

    /// Leaves a catalog key to be shown once on the next page.
    func setNotice(_ key: String) {
        session.data[Self.noticeKey] = key
    }

    func takeNotice() -> String? {
        guard hasSessionCookie || hasSession, let key = session.data[Self.noticeKey] else { return nil }
        session.data[Self.noticeKey] = nil
        return t(key)
    }
}
