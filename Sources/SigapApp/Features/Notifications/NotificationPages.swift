/// `/notifikasi` and `/akun/notifikasi`: the in-app list and the choice of channels and events.

extension NotificationsController.ListPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("notifications.title"))</h1>
        \(list(page))
        <p><a href="\(SiteURL.notificationSettings)">\(page.t("notifications.settings_title"))</a></p>
        """
    }

    private func list(_ page: Page) -> HTML {
        guard let items else { return "<p>\(page.t("notifications.none"))</p>" }
        return """
            \(when: unread > 0, "<form method=\"post\" action=\"\(SiteURL.notifications)/dibaca\">\(page.csrfField)<button type=\"submit\" class=\"small\">\(page.t("notifications.mark_read"))</button></form>")
            <ul class="notifications">\(each: items, { n in
                "<li\(when: n.unread, " class=\"unread\"")><time>\(n.at)</time> \(n.text)\(some: n.url, { " <a href=\"\($0)\">\(page.t("notifications.open"))</a>" })</li>"
            })</ul>
            """
    }
}

extension NotificationsController.SettingsPage: PageView {
    func render(_ page: Page) -> HTML {
        func toggles(_ name: String, _ items: [NotificationsController.Toggle]) -> HTML {
            "\(each: items, { "<label class=\"check\"><input type=\"checkbox\" name=\"\(name)[]\" value=\"\($0.value)\"\(when: $0.on, " checked")> \($0.label)</label>" })"
        }
        return """
            <h1>\(page.t("notifications.settings_title"))</h1>
            <p>\(page.t("notifications.in_app_always"))</p>
            <section class="card">
            <h2>Telegram</h2>
            \(telegram(page))
            </section>
            \(push(page))
            <form method="post" action="\(SiteURL.notificationSettings)" class="card">\(page.csrfField)
              <fieldset><legend>\(page.t("notifications.channels"))</legend>
              \(toggles("channels", channels))
              </fieldset>
              <fieldset><legend>\(page.t("notifications.events"))</legend>
              \(toggles("events", events))
              </fieldset>
              <button type="submit">\(page.t("common.save"))</button>
            </form>
            """
    }

    /// Turning push on needs the browser (a service worker and the person's permission): the button appears only
    /// where both exist. Turning it off is a plain form.
    private func push(_ page: Page) -> HTML {
        """
        <section class="card" id="push">
          <h2>\(page.t("push.title"))</h2>
          <p>\(pushDevices > 0 ? page.t("push.linked", String(pushDevices)) : page.t("push.not_linked"))</p>
          <p class="hint" data-push-unsupported>\(page.t("push.unsupported"))</p>
          <button type="button" id="push-on" hidden data-key="\(pushKey)" data-action="\(SiteURL.pushSubscription)" data-csrf="\(page.csrfToken)" data-failed="\(page.t("push.failed"))" data-denied="\(page.t("push.denied"))">\(page.t(pushDevices > 0 ? "push.turn_on_here" : "push.turn_on"))</button>
          <p class="hint" role="status" id="push-status"></p>
          \(when: pushDevices > 0, "<form method=\"post\" action=\"\(SiteURL.pushSubscription)/lepas\">\(page.csrfField)<button type=\"submit\" class=\"secondary\">\(page.t("push.turn_off"))</button></form>")
        </section>
        """
    }

    private func telegram(_ page: Page) -> HTML {
        guard telegramOn else { return "<p>\(page.t("notifications.telegram_off"))</p>" }
        let linked: HTML =
            telegramLinked
            ? """
            <p>\(page.t("notifications.telegram_linked"))</p>
              <form method="post" action="\(SiteURL.telegramLink)/lepas">\(page.csrfField)<button type="submit" class="small">\(page.t("notifications.unlink"))</button></form>
            """
            : "<p>\(page.t("notifications.telegram_not_linked"))</p>"
        return """
            \(linked)
              \(some: linkCode, { code in
                  "<p class=\"notice\">\(page.t("notifications.link_code", code))</p>\(some: deepLink, { "<p><a href=\"\($0)\">\($0)</a></p>" })"
              })
              <form method="post" action="\(SiteURL.telegramLink)">\(page.csrfField)<button type="submit">\(page.t("notifications.make_code"))</button></form>
            """
    }
}
