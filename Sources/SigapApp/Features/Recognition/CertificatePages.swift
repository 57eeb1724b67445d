import Foundation
import SigapCore

extension CertificateController.CertificatePage: PageView {
    func render(_ page: Page) -> HTML {
        let c = certificate
        let verdict: HTML
        switch status {
        case .valid:
            // Printed, a valid certificate is the certificate alone; the QR code checks it later.
            verdict = "<p class=\"verdict valid no-print\" role=\"status\">\(page.t("verify.valid"))</p>"
        case .invalid:
            verdict = "<p class=\"verdict invalid\" role=\"alert\">\(page.t("verify.invalid"))</p>"
        case .revoked(let reason, _):
            verdict =
                "<p class=\"verdict invalid\" role=\"alert\">\(page.t("award.revoked_on", revokedOn ?? "", reason))</p>"
        }
        return """
            \(verdict)
            <article class="certificate">
              \(RegionBranding.emblem(page.frame.region, height: 56))
              <p class="issuer">\(c.issuerName)</p>
              <p class="kind">\(page.t("award.certificate"))</p>
              <h1>\(c.title)</h1>
              <p>\(page.t("award.given_to"))</p>
              <p class="recipient">\(c.recipientName)</p>
              <p class="citation">\(c.citation)</p>
              <div class="seal">
                \(some: qr, { QRView.render($0, label: page.t("award.qr_label")) })
                <p>\(page.t("award.number")) <strong>\(c.number)</strong><br>\(issuedOn)<br><span class="hint">\(page.t("award.check_at")) \(c.url)</span></p>
              </div>
            </article>
            <p class="no-print"><a class="button" href="\(SiteURL.certificate(c.number))/kredensial.json" download>\(page.t("award.download_credential"))</a> · <a href="\(SiteURL.verify)">\(page.t("verify.title"))</a> · <a href="\(SiteURL.issuer)">\(page.t("award.issuer_keys"))</a></p>
            <p class="hint no-print">\(page.t("award.print_hint"))</p>
            \(when: canRevoke && c.revokedAt == nil, """
                <details class="no-print"><summary>\(page.t("award.revoke"))</summary>
                <form method="post" action="\(SiteURL.certificate(c.number))/cabut">\(page.csrfField)
                <label>\(page.t("portal.reason"))<input name="reason" maxlength="300" minlength="5" required></label>
                <button type="submit" class="secondary">\(page.t("award.revoke"))</button></form></details>
                """)
            """
    }
}

extension CertificateController.VerifyPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("verify.title"))</h1>
        <p>\(page.t("verify.intro"))</p>
        \(some: outcome, { o in
            """
            <section class="card">
            <p class="verdict \(o.verdict == "valid" ? "valid" : "invalid")" role="status">\(page.t("verify.\(o.verdict)"))</p>
            \(some: o.detail, { "<p>\($0)</p>" })
            \(when: !o.facts.isEmpty, "<dl class=\"facts\">\(each: o.facts, { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" })</dl>")
            \(some: o.certificateURL, { "<p><a href=\"\($0)\">\(page.t("verify.open_certificate"))</a></p>" })
            </section>
            """
        })
        <form method="get" action="\(SiteURL.verify)" class="filters">
          <label>\(page.t("award.number"))<input name="nomor" maxlength="20" placeholder="WP-2026-0001" required></label>
          <button type="submit">\(page.t("verify.check"))</button>
        </form>
        <form method="post" action="\(SiteURL.verify)">\(page.csrfField)
          <label>\(page.t("verify.paste"))<textarea name="credential" rows="8" maxlength="60000" required>\(pasted)</textarea></label>
          <button type="submit">\(page.t("verify.check"))</button>
        </form>
        <p class="hint">\(page.t("verify.how")) <a href="\(SiteURL.issuer)">\(SiteURL.issuer)</a></p>
        """
    }
}

extension CertificateController.AwardPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(award.title)</h1>
        <p class="hint">\(page.t("award.period", award.periodFrom, award.periodTo))</p>
        <p class="text">\(award.citation)</p>
        <h2>\(page.t("award.recipients"))</h2>
        <ul>\(each: recipients, { r in "<li><a href=\"\(r.url)\">\(r.name)</a></li>" })</ul>
        """
    }
}
