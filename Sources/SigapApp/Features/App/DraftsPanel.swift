/// Where `drafts.js` lists the reports kept on the phone (hidden until it has something to show, and without
/// JavaScript, where there are no drafts). Its words come from the catalog through data attributes.
enum DraftsPanel {
    static func render(_ page: Page, always: Bool = false) -> HTML {
        """
        <section id="drafts" class="card drafts" hidden\(when: always, " data-always") aria-live="polite" data-title="\(page.t("drafts.title"))" data-empty="\(page.t("drafts.none"))" data-waiting="\(page.t("drafts.waiting"))" data-sent="\(page.t("drafts.sent"))" data-refused="\(page.t("drafts.refused"))" data-remove="\(page.t("drafts.remove"))" data-send-now="\(page.t("drafts.send_now"))"></section>
        <script src="\(SiteURL.draftsScript)" defer></script>
        """
    }
}
