import Vapor

enum SessionSettings {
    static let cookieName = "sigap_session"

    /// HttpOnly and SameSite=Lax always; Secure when the public address is https. No Expires, so the cookie
    /// ends with the browser, and the server-side time-outs bound it anyway.
    static func configuration(secure: Bool) -> SessionsConfiguration {
        SessionsConfiguration(cookieName: cookieName) { id in
            HTTPCookies.Value(
                string: id.string, expires: nil, maxAge: nil, domain: nil, path: "/",
                isSecure: secure, isHTTPOnly: true, sameSite: .lax)
        }
    }
}
