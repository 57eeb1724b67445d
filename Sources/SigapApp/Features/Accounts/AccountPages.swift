/// The account pages: sign-in, two-factor, registration, the account and its contacts, the password.

extension LoginController.LoginPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("login.title"))</h1>
        \(page.formError(form.error))
        <form method="post" action="\(SiteURL.login)">
          \(page.csrfField)
          <input type="hidden" name="next" value="\(form.values["next"])">
          <label>\(page.t("login.identifier"))<input name="identifier" value="\(form.values["identifier"])" autocomplete="username" required></label>
          <label>\(page.t("login.password"))<input type="password" name="password" autocomplete="current-password" required></label>
          <button type="submit">\(page.t("login.submit"))</button>
        </form>
        <p>\(page.t("login.no_account")) <a href="\(SiteURL.register)">\(page.t("nav.register"))</a></p>
        """
    }
}

extension TwoFactorController.ChallengePage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("2fa.title"))</h1>
        <p>\(page.t("2fa.prompt"))</p>
        \(page.formError(form.error))
        <form method="post" action="\(SiteURL.twoFactor)">
          \(page.csrfField)
          <label>\(page.t("2fa.code"))<input name="code" inputmode="numeric" autocomplete="one-time-code" required></label>
          <button type="submit">\(page.t("2fa.verify"))</button>
        </form>
        <p class="hint">\(page.t("2fa.recovery_hint"))</p>
        """
    }
}

extension TwoFactorController.EnrolPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("2fa.enrol.title"))</h1>
        <p>\(page.t("2fa.enrol.intro"))</p>
        <ol>
          <li>\(page.t("2fa.enrol.step_app"))</li>
          \(some: qr, { "<li>\(page.t("2fa.enrol.step_scan"))<br>\(QRView.render($0, label: page.t("2fa.enrol.qr_label")))</li>" })
          <li>\(page.t("2fa.enrol.step_secret")) <code class="secret">\(secret)</code></li>
          <li>\(page.t("2fa.enrol.step_uri")) <a href="\(otpauthURI)">\(page.t("2fa.enrol.open_app"))</a><br><code class="uri">\(otpauthURI)</code></li>
        </ol>
        <form method="post" action="\(SiteURL.twoFactorEnrol)">
          \(page.csrfField)
          <label>\(page.t("2fa.code"))<input name="code" inputmode="numeric" autocomplete="one-time-code" required></label>
          \(page.fieldError(form, "code"))
          <button type="submit">\(page.t("2fa.enrol.confirm"))</button>
        </form>
        """
    }
}

extension TwoFactorController.RecoveryCodesPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("2fa.recovery.title"))</h1>
        <p class="warning">\(page.t("2fa.recovery.intro"))</p>
        <ul class="codes">\(each: codes, { "<li><code>\($0)</code></li>" })</ul>
        <p><a href="\(SiteURL.dashboard)">\(page.t("2fa.recovery.continue"))</a></p>
        """
    }
}

extension RegistrationController.RegistrationPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("register.title"))</h1>
        <form method="post" action="\(SiteURL.register)" novalidate>
          \(page.csrfField)
          <label>\(page.t("register.name"))<input name="name" value="\(form.values["name"])" maxlength="100" autocomplete="name" required></label>
          \(page.fieldError(form, "name"))
          <label>\(page.t("register.contact"))<input name="contact" value="\(form.values["contact"])" autocomplete="username" required></label>
          <p class="hint">\(page.t("register.contact_hint"))</p>
          \(page.fieldError(form, "contact"))
          \(NewPasswordFields.render(label: "register.password", form, page))
          <label>\(page.t("register.nik"))<input name="nik" value="\(form.values["nik"])" inputmode="numeric" maxlength="16"></label>
          <p class="hint">\(page.t("register.nik_hint"))</p>
          \(page.fieldError(form, "nik"))
          <label class="check"><input type="checkbox" name="consent"\(when: form.values["consent"] == "on", " checked")> \(page.t("register.consent")) <a href="\(SiteURL.privacy)" target="_blank">\(page.t("privacy.title"))</a></label>
          \(page.fieldError(form, "consent"))
          <button type="submit">\(page.t("register.submit"))</button>
        </form>
        """
    }
}

extension RegistrationController.CodePage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("register.code_title"))</h1>
        <p>\(page.t("register.code_sent", contact))</p>
        <form method="post" action="\(SiteURL.registerCode)" novalidate>
          \(page.csrfField)
          <label>\(page.t("register.code"))<input name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required></label>
          \(page.fieldError(error))
          <button type="submit">\(page.t("register.code_submit"))</button>
        </form>
        <p class="hint">\(page.t("register.code_help"))</p>
        <p><a href="\(SiteURL.register)">\(page.t("register.code_again"))</a></p>
        """
    }
}

extension AccountController.AccountPage: PageView {
    func render(_ page: Page) -> HTML {
        let unproven: HTML = " · <a href=\"\(SiteURL.verifyContact)\">\(page.t("contact.unverified"))</a>"
        return """
            <h1>\(page.t("account.title"))</h1>
            <dl>
              <dt>\(page.t("register.name"))</dt><dd>\(name)</dd>
              \(some: email, { "<dt>\(page.t("account.email"))</dt><dd>\($0)\(when: !emailVerified, unproven)</dd>" })
              \(some: phone, { "<dt>\(page.t("account.phone"))</dt><dd>\($0)\(when: !phoneVerified, unproven)</dd>" })
              \(some: nik, { "<dt>NIK</dt><dd>\($0)</dd>" })
              <dt>\(page.t("account.role"))</dt><dd>\(role)</dd>
              <dt>\(page.t("account.two_factor"))</dt><dd>\(page.t(twoFactor ? "common.active" : "common.inactive"))</dd>
            </dl>
            <h2>\(page.t("account.tokens"))</h2>
            \(tokenList(page))
            <p><a href="\(SiteURL.verifyContact)">\(page.t("account.verify_contact"))</a> · <a href="\(SiteURL.changePassword)">\(page.t("password.title"))</a> · <a href="\(SiteURL.notifications)">\(page.t("notifications.title"))</a> · <a href="\(SiteURL.notificationSettings)">\(page.t("notifications.settings_title"))</a> · <a href="\(SiteURL.points)">\(page.t("points.title"))</a> · <a href="\(SiteURL.myApplications)">\(page.t("application.mine"))</a> · <a href="\(SiteURL.myData)">\(page.t("mydata.title"))</a></p>
            """
    }

    private func tokenList(_ page: Page) -> HTML {
        guard let tokens else { return "<p>\(page.t("account.tokens_none"))</p>" }
        return """
            <p>\(page.t("account.tokens_help"))</p>
            <ul class="tokens">\(each: tokens, { t in
                """
                <li><strong>\(t.client)</strong><br>\(page.t("account.token_created")) \(t.createdAt)\(some: t.lastUsedAt, { " · \(page.t("account.token_last_used")) \($0)" }) · \(page.t("account.token_expires")) \(t.expiresAt)
                <form method="post" action="\(SiteURL.account)/token/\(t.id)/cabut">\(page.csrfField)<button type="submit" class="small">\(page.t("account.token_revoke"))</button></form></li>
                """
            })</ul>
            <form method="post" action="\(SiteURL.account)/token/cabut-semua">\(page.csrfField)<button type="submit" class="small">\(page.t("account.token_revoke_all"))</button></form>
            """
    }
}

extension ContactController.ContactPage: PageView {
    func render(_ page: Page) -> HTML {
        func state(_ value: String?, proven: Bool) -> HTML {
            guard let value else { return "–" }
            return
                "\(value) · \(proven ? HTML("\(page.t("contact.verified"))") : "<strong>\(page.t("contact.unverified"))</strong>")"
        }
        return """
            <h1>\(page.t("contact.title"))</h1>
            <p>\(page.t("contact.intro"))</p>
            <dl>
              <dt>\(page.t("account.email"))</dt><dd>\(state(email, proven: emailVerified))</dd>
              <dt>\(page.t("account.phone"))</dt><dd>\(state(phone, proven: phoneVerified))</dd>
            </dl>
            \(some: pending, { pending in
                """
                <h2>\(page.t("contact.enter_code"))</h2>
                <form method="post" action="\(SiteURL.verifyContact)/kode" novalidate>
                  \(page.csrfField)
                  <p>\(page.t("register.code_sent", pending))</p>
                  <label>\(page.t("register.code"))<input name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required></label>
                  \(page.fieldError(form, "code"))
                  <button type="submit">\(page.t("contact.confirm"))</button>
                </form>
                """
            })
            <h2>\(page.t("contact.send_title"))</h2>
            <form method="post" action="\(SiteURL.verifyContact)" novalidate>
              \(page.csrfField)
              <label>\(page.t("register.contact"))<input name="contact" value="\(form.values["contact"])" autocomplete="email" required></label>
              <p class="hint">\(page.t("contact.send_hint"))</p>
              \(page.fieldError(form, "contact"))
              <button type="submit">\(page.t("contact.send"))</button>
            </form>
            <p><a href="\(SiteURL.account)">\(page.t("account.title"))</a></p>
            """
    }
}

extension AccountController.PasswordPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("password.title"))</h1>
        \(when: required, "<p class=\"warning\">\(page.t("password.required"))</p>")
        <form method="post" action="\(SiteURL.changePassword)">
          \(page.csrfField)
          <label>\(page.t("password.current"))<input type="password" name="current" autocomplete="current-password" required></label>
          \(page.fieldError(form, "current"))
          \(NewPasswordFields.render(label: "password.new", form, page))
          <button type="submit">\(page.t("common.save"))</button>
        </form>
        """
    }
}

/// A new password and its repetition, with the policy's hint (registration, changing the password).
enum NewPasswordFields {
    static func render(label: String, _ form: FormState, _ page: Page) -> HTML {
        """
        <label>\(page.t(label))<input type="password" name="password" autocomplete="new-password" minlength="10" required></label>
          <p class="hint">\(page.t("register.password_hint"))</p>
          \(page.fieldError(form, "password"))
          <label>\(page.t("register.password_confirmation"))<input type="password" name="password_confirmation" autocomplete="new-password" required></label>
          \(page.fieldError(form, "password_confirmation"))
        """
    }
}
