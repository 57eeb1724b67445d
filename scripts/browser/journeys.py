"""Sigap in a real browser (headless Chromium through Selenium), as citizens and staff use it.

Run by scripts/browser-check against a running server filled by `sigap demo`. Every page a role reaches is
opened at 360 px (a cheap phone) and 1280 px; the run fails when a page is wider than its viewport, naming the
elements that stick out. With --screenshots DIR it saves the pages issue 14 names (report page, filing result,
staff dashboard, queue) at 360 px, and every page at both widths with --all-screenshots.
"""

import argparse
import base64
import os
import re
import sys
import time

from selenium.common.exceptions import NoSuchElementException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

sys.path.insert(0, os.path.dirname(__file__))
from chromium import browser, totp  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("base")
parser.add_argument("accounts", help="the output of `sigap demo`")
parser.add_argument("--screenshots", help="folder for the named screenshots")
parser.add_argument("--all-screenshots", help="folder for a screenshot of every page at both widths")
args = parser.parse_args()
base = args.base.rstrip("/")

accounts = {}
for line in open(args.accounts, encoding="utf-8"):
    match = re.match(r"\s+(\S+)\s+(\S+@\S+)\s+(\S+)", line)
    if match:
        accounts[match.group(1)] = (match.group(2), match.group(3))
for role in ("warga", "admin", "opd_staf", "opd_admin", "bappeda", "petugas_desa", "petugas_kecamatan", "dprd",
             "inspektorat", "pimpinan", "moderator", "pendamping"):
    if role not in accounts:
        sys.exit(f"browser: no {role} account in {args.accounts}")

problems = []
checked = 0


def submit(driver, form_css="main form"):
    """Submits the form and waits for the next page."""
    driver.execute_script("window.sigapOldPage = true")
    driver.find_element(By.CSS_SELECTOR, form_css + " button[type=submit]:not([name])").click()
    WebDriverWait(driver, 20).until(
        lambda d: d.execute_script("return !window.sigapOldPage && document.readyState === 'complete'"))


def sign_in(driver, role):
    email, password = accounts[role]
    driver.delete_all_cookies()
    driver.get(base + "/masuk")
    driver.find_element(By.NAME, "identifier").send_keys(email)
    driver.find_element(By.NAME, "password").send_keys(password)
    submit(driver)
    if "/akun/2fa/daftar" in driver.current_url:  # staff: enrol the authenticator on the first sign-in
        secret = driver.find_element(By.CSS_SELECTOR, "code.secret").text
        accounts[role] = (email, password, secret)
        driver.find_element(By.NAME, "code").send_keys(totp(secret))
        submit(driver)
    elif "/masuk/2fa" in driver.current_url:
        driver.find_element(By.NAME, "code").send_keys(totp(accounts[role][2]))
        submit(driver)
    # Signed in: the form is gone (after enrolment the page shows the recovery codes).
    if driver.find_elements(By.NAME, "password") or driver.find_elements(By.NAME, "code"):
        errors = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".error, .warning")]
        sys.exit(f"browser: {role} could not sign in (at {driver.current_url}): {errors}")


def sign_in_both(role):
    """Signs in on the phone and hands the session to the desktop browser (a TOTP code is accepted once)."""
    sign_in(phone, role)
    desk.delete_all_cookies()
    desk.get(base + "/healthz")
    for cookie in phone.get_cookies():
        desk.add_cookie({"name": cookie["name"], "value": cookie["value"], "path": "/"})


# The elements wider than the viewport, deepest first: what a reader of the failure needs to fix.
OVERFLOW = """
const width = document.documentElement.clientWidth;
if (document.documentElement.scrollWidth <= width) return null;
const out = [];
for (const element of document.body.querySelectorAll('*')) {
  const box = element.getBoundingClientRect();
  if (box.right > width + 1 && !element.querySelector('*:not(br)')) {
    out.push(element.tagName.toLowerCase() + (element.className ? '.' + String(element.className).split(' ').join('.') : '')
      + ' right=' + Math.round(box.right) + ' "' + (element.textContent || '').trim().slice(0, 40) + '"');
  }
  if (out.length >= 5) break;
}
return {scrollWidth: document.documentElement.scrollWidth, width: width, elements: out};
"""


def check(driver, name, width):
    global checked
    checked += 1
    status = driver.execute_script("return document.readyState")
    overflow = driver.execute_script(OVERFLOW)
    if overflow:
        problems.append(f"{name} at {width} px ({driver.current_url}): {overflow['scrollWidth']} px wide in a "
                        f"{overflow['width']} px viewport; sticking out: {overflow['elements']}")
    if args.all_screenshots:
        driver.save_screenshot(f"{args.all_screenshots}/{name}-{width}.png")
    return status


def visit(drivers, name, path):
    """Opens `path` (or the page a function finds) in each browser and checks it."""
    for width, driver in drivers:
        target = path(driver) if callable(path) else base + path
        if target is None:
            problems.append(f"{name}: nothing to open")
            return
        driver.get(target)
        if driver.find_elements(By.CSS_SELECTOR, "main h1") == []:
            problems.append(f"{name} at {width} px ({driver.current_url}): no heading — an error page?")
        check(driver, name, width)


def first_link(path, css):
    def find(driver):
        driver.get(base + path)
        links = driver.find_elements(By.CSS_SELECTOR, css)
        return links[0].get_attribute("href") if links else None
    return find


def shot(driver, name):
    """The whole page at 360 px (the phone's viewport stretched to the page's height for the picture)."""
    if args.screenshots:
        height = min(max(driver.execute_script("return document.documentElement.scrollHeight"), 640), 4000)
        metrics = {"width": 360, "height": height, "deviceScaleFactor": 1, "mobile": True}
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        driver.save_screenshot(f"{args.screenshots}/{name}-360.png")
        metrics["height"] = 800
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)


phone, desk = browser(360), browser(1280)
both = [(360, phone), (1280, desk)]
try:
    # A guest: the public pages, then files a report on the phone.
    for name, path in [("home", "/"), ("file-form", "/lapor"), ("list", "/laporan"), ("map", "/peta"),
                       ("transparency", "/transparansi"), ("sign-in", "/masuk"), ("register", "/daftar"),
                       ("wbs", "/wbs"), ("wbs-follow", "/wbs/lanjut"), ("musrenbang", "/musrenbang"),
                       ("proposals", "/musrenbang/usulan"), ("proposals-map", "/musrenbang/peta"),
                       ("proposal-results", "/musrenbang/hasil"),
                       ("proposal", first_link("/musrenbang/usulan", "main a[href^='/musrenbang/usulan/MR-']")),
                       ("last-year-proposals", "/musrenbang/usulan?tahun=%d" % (time.gmtime().tm_year)),
                       ("search", "/cari"), ("search-results", "/cari?q=perbaikan+jalan"),
                       ("forum", "/forum"), ("forum-thread", first_link("/forum", "main ul.threads a")),
                       ("agenda", "/agenda"), ("documents", "/dokumen"), ("dprd", "/dprd"),
                       ("dprd-aspiration", "/lapor?tujuan=dprd"),
                       ("document", first_link("/dokumen", "main ul.documents a")), ("news", "/berita"),
                       ("news-item", first_link("/berita", "main ul.news a")),
                       ("leaderboard", "/peringkat"), ("verify", "/verifikasi"),
                       ("services", "/layanan"), ("service", "/layanan/rekomendasi-pemanfaatan-jalan"),
                       ("satisfaction-index", "/ikm"), ("kiosk-survey", "/survei/layanan/izin-keramaian"),
                       ("kiosk-poster", "/survei/layanan/izin-keramaian/poster"),
                       ("certificate", "/sertifikat/WP-%d-0001" % time.gmtime().tm_year), ("award", "/penghargaan/1"),
                       ("open-data", "/data"),
                       ("report", first_link("/laporan", "main table a[href^='/laporan/']"))]:
        visit(both, "guest-" + name, path)
    phone.get(base + "/laporan")
    phone.find_element(By.CSS_SELECTOR, "main table a[href^='/laporan/']").click()
    shot(phone, "report-page")

    # Search from the header on the phone: another word form than the text, the match marked.
    phone.get(base + "/")
    phone.find_element(By.CSS_SELECTOR, "header nav a[href='/cari']").click()
    phone.find_element(By.NAME, "q").send_keys("diperbaiki jalan")
    submit(phone, "main form[role=search]")
    if not phone.find_elements(By.CSS_SELECTOR, ".search-results mark"):
        problems.append(f"search: no marked result for 'diperbaiki jalan' at {phone.current_url}")
    shot(phone, "search")

    # A guest files on the phone without touching JavaScript's extras: the answer is the private page.
    phone.delete_all_cookies()
    phone.get(base + "/lapor")
    Select(phone.find_element(By.NAME, "category")).select_by_index(1)
    phone.find_element(By.NAME, "title").send_keys("Lampu jalan mati di depan masjid")
    phone.find_element(By.NAME, "description").send_keys("Sudah seminggu mati, jalan gelap setelah magrib.")
    Select(phone.find_element(By.NAME, "desa")).select_by_index(1)
    phone.find_element(By.NAME, "contact").send_keys("warga.uji@contoh.id")
    # A photo larger than a phone should send: a 1280 × 2400 PNG, made by the desktop browser.
    desk.get(base + "/transparansi")
    desk.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                         {"width": 1280, "height": 2400, "deviceScaleFactor": 1, "mobile": False})
    big_photo = "/tmp/sigap-browser-photo.png"
    desk.save_screenshot(big_photo)
    desk.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    phone.find_element(By.NAME, "photo[]").send_keys(big_photo)
    submit(phone, "main form[data-once]")
    if "/laporan/" not in phone.current_url and phone.find_elements(By.CSS_SELECTOR, "section.card h2"):
        submit(phone, "main form[data-once]")  # similar reports were offered: file anyway
    if "baru=1" not in phone.current_url or not phone.find_elements(By.ID, "follow-link"):
        problems.append(f"guest filing: expected the private page with the link, got {phone.current_url}")
    check(phone, "guest-filed", 360)
    # The photo was made smaller on the phone (JPEG, longer side 1600) and the page shows the small copy.
    thumbnails = phone.find_elements(By.CSS_SELECTOR, ".photos img")
    if not thumbnails:
        problems.append("guest filing: the photo is not on the report's page")
    else:
        source = thumbnails[0].get_attribute("src")
        original = source.replace("ukuran=kecil&", "").replace("?ukuran=kecil", "?")
        stored = phone.execute_async_script(
            "var done = arguments[1]; fetch(arguments[0]).then(function (r) { return r.blob(); })"
            ".then(function (b) { return createImageBitmap(b).then(function (i) {"
            " done([b.type, i.width, i.height]); }); }).catch(function (e) { done(['error ' + e]); });",
            original)
        if stored[0] != "image/jpeg" or max(stored[1:]) != 1600:
            problems.append(f"guest filing: the stored photo is {stored}, expected a 1600 px JPEG")
        shown = phone.execute_script("return arguments[0].naturalWidth", thumbnails[0])
        if shown > 320:
            problems.append(f"guest filing: the page's thumbnail is {shown} px wide, expected the 320 px copy")
    shot(phone, "filing-result")

    # A citizen's own pages.
    sign_in_both("warga")
    for name, path in [("account", "/akun"), ("mine", "/laporan-saya"), ("notifications", "/notifikasi"),
                       ("notification-settings", "/akun/notifikasi"), ("contact", "/akun/kontak"),
                       ("password", "/akun/kata-sandi"),
                       ("own-report", first_link("/laporan-saya", "main table a[href^='/laporan/']")),
                       ("propose", "/musrenbang/usul"), ("forum-new", "/forum/baru"), ("points", "/akun/poin"),
                       ("applications", "/permohonan"), ("apply", "/layanan/rekomendasi-pemanfaatan-jalan/ajukan"),
                       ("application", first_link("/permohonan", "main table a[href^='/permohonan/PL-']")),
                       ("forum-thread", first_link("/forum", "main ul.threads a"))]:
        visit(both, "warga-" + name, path)

    # The citizen replies in a discussion on the phone and lands on the reply.
    phone.get(first_link("/forum", "main ul.threads a")(phone))
    phone.find_element(By.NAME, "body").send_keys("Setuju, di pasar kami juga begitu.")
    submit(phone, "form#balas")
    if "#pos-" not in phone.current_url:
        problems.append(f"forum: expected to land on the reply, got {phone.current_url}")
    shot(phone, "forum-thread")

    # The citizen proposes on the phone in the current cycle's proposals phase and lands on the proposal.
    phone.get(base + "/musrenbang/usul")
    shot(phone, "proposal-form")
    Select(phone.find_element(By.NAME, "catalogue")).select_by_index(1)
    phone.find_element(By.NAME, "title").send_keys("Lampu jalan gang masjid")
    phone.find_element(By.NAME, "problem").send_keys("Gang ke masjid gelap, jamaah subuh sering terjatuh.")
    Select(phone.find_element(By.NAME, "desa")).select_by_index(1)
    phone.find_element(By.NAME, "volume").send_keys("6")
    submit(phone, "main form[data-once]")
    if "/musrenbang/usulan/MR-" not in phone.current_url and phone.find_elements(By.NAME, "confirm"):
        shot(phone, "proposal-duplicates")
        submit(phone, "main form[data-once]")  # likely duplicates were shown: propose anyway
    if "/musrenbang/usulan/MR-" not in phone.current_url:
        errors = [e.text for e in phone.find_elements(By.CSS_SELECTOR, ".error, .field-error")]
        problems.append(f"proposing: expected the proposal's page, got {phone.current_url}: {errors}")
    check(phone, "warga-proposed", 360)
    shot(phone, "proposal-page")

    # Staff: each role's start, queue and first report; the administrator's pages.
    for role in ("opd_staf", "bappeda", "petugas_desa", "pimpinan", "inspektorat", "moderator", "admin"):
        sign_in_both(role)
        pages = [("dashboard", "/dasbor"), ("queue", "/dasbor/laporan"),
                 ("queue-report", first_link("/dasbor/laporan", "main table a[href^='/dasbor/laporan/']"))]
        if role == "inspektorat":
            pages = [("dashboard", "/dasbor"), ("wbs", "/dasbor/wbs"),
                     ("wbs-case", first_link("/dasbor/wbs", "main table a[href^='/dasbor/wbs/']"))]
        if role == "pimpinan":
            pages.append(("leadership", "/dasbor/pimpinan"))
        if role == "opd_staf":
            pages += [("applications", "/dasbor/permohonan"),
                      ("queue-application", first_link("/dasbor/permohonan", "main table a[href^='/permohonan/PL-']"))]
        if role == "opd_admin":
            pages += [("services", "/dasbor/layanan"), ("service-form", "/dasbor/layanan/baru")]
        if role in ("moderator", "admin"):
            pages.append(("forum-moderation", "/dasbor/forum"))
        if role == "admin":
            pages += [("dprd-admin", "/dasbor/admin/dprd"), ("agenda-form", "/dasbor/agenda"),
                      ("document-form", "/dasbor/dokumen"),
                      ("news-admin", "/dasbor/berita"), ("news-form", "/dasbor/berita/baru"),
                      ("awards", "/dasbor/penghargaan"), ("open311-keys", "/dasbor/admin/open311"),
                      ("category-form", first_link("/dasbor/admin/kategori", "main table a[href^='/dasbor/admin/kategori/']"))]
        if role in ("bappeda", "admin"):
            pages += [("musrenbang", "/dasbor/musrenbang"), ("catalogue", "/dasbor/musrenbang/kamus")]
        if role in ("bappeda", "petugas_desa"):
            pages += [("proposals", "/dasbor/usulan?tahap=semua"),
                      ("queue-proposal", first_link("/dasbor/usulan?tahap=semua",
                                                    "main a[href^='/musrenbang/usulan/']"))]
        if role == "admin":
            pages += [("regions", "/dasbor/admin/wilayah"), ("agencies", "/dasbor/admin/opd"),
                      ("categories", "/dasbor/admin/kategori"),
                      ("category", first_link("/dasbor/admin/kategori", "main table a")),
                      ("staff", "/dasbor/admin/pengguna"),
                      ("staff-member", first_link("/dasbor/admin/pengguna", "main table a")),
                      ("audit", "/dasbor/admin/audit"), ("calendar", "/dasbor/admin/kalender"),
                      ("messages", "/dasbor/admin/pesan")]
        for name, path in pages:
            visit(both, f"{role}-{name}", path)
        if role == "opd_staf":
            phone.get(base + "/dasbor")
            shot(phone, "staff-dashboard")
            phone.get(base + "/dasbor/laporan")
            shot(phone, "staff-queue")
        if role == "petugas_desa":
            phone.get(base + "/dasbor/usulan?tahap=semua")
            shot(phone, "officer-proposals")

    # The other Musrenbang officers: their proposal lists and, for those who enter proposals, the form.
    for role in ("petugas_kecamatan", "opd_admin", "dprd"):
        sign_in_both(role)
        pages = [("dashboard", "/dasbor"), ("proposals", "/dasbor/usulan?tahap=semua")]
        if role == "dprd":
            pages.append(("commission", "/dasbor/dprd"))
        if role != "opd_admin":
            pages.append(("propose", "/musrenbang/usul"))
        for name, path in pages:
            visit(both, f"{role}-{name}", path)

    # Adoption (issue 23): the guides, printed guides and poster on one portrait A4 each; a pendamping's forms for a
    # citizen's proposal and application and the application they made; a pendamping files a report for a citizen
    # and opens a practice session; a participant joins it and every page says it is practice.
    for name, path in [("guides", "/panduan"), ("guide", "/panduan/lapor"), ("guide-print", "/panduan/lapor/cetak"),
                       ("poster", "/panduan/poster"), ("practice", "/latihan")]:
        visit(both, name, path)
    for name, path in [("poster", "/panduan/poster"), ("guide-print", "/panduan/lapor/cetak")]:
        desk.get(base + path)
        pdf = base64.b64decode(desk.execute_cdp_cmd(
            "Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})["data"])
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 (\d+)[\d.]* (\d+)", pdf))
        if pages != 1 or not boxes or not boxes <= {(b"594", b"841"), (b"595", b"841"), (b"595", b"842")}:
            problems.append(f"{name} printed as {pages} pages of {boxes} points, not one portrait A4 (595 x 841)")
        if args.screenshots:
            open(f"{args.screenshots}/{name}.pdf", "wb").write(pdf)
    sign_in_both("pendamping")
    # The practice session's page comes last: the participant below joins with the code it shows.
    for name, path in [("pendamping", "/pendamping"), ("assisted-propose", "/musrenbang/usul"),
                       ("assisted-apply", "/layanan/perbaikan-data-kependudukan/ajukan"),
                       ("assisted-application", first_link("/pendamping", "main a[href^='/permohonan/']")),
                       ("practice-sessions", "/latihan/kelola"),
                       ("practice-session", first_link("/latihan/kelola", "main ul.cards a"))]:
        visit(both, name, path)
    code = phone.find_element(By.CSS_SELECTOR, ".practice-code strong").text
    phone.get(base + "/lapor")
    Select(phone.find_element(By.NAME, "category")).select_by_value("jalan")
    phone.find_element(By.NAME, "title").send_keys("Jalan setapak ke sawah amblas")
    phone.find_element(By.NAME, "description").send_keys("Jalan setapak ke sawah amblas sepanjang lima meter sejak hujan deras.")
    Select(phone.find_element(By.NAME, "desa")).select_by_index(1)
    phone.find_element(By.NAME, "warga_nama").send_keys("Pak Darmo")
    phone.find_element(By.NAME, "warga_hp").send_keys("0812-7777-0001")
    phone.find_element(By.CSS_SELECTOR, "input[name=persetujuan]").click()
    submit(phone, "main form[data-drafts]")
    if phone.find_elements(By.CSS_SELECTOR, "input[name=confirm]"):
        submit(phone, "main form[data-drafts]")
    if "/pendamping?nomor=" not in phone.current_url:
        problems.append(f"assisted filing: expected /pendamping?nomor=…, got {phone.current_url}")
    check(phone, "assisted-filed", 360)
    shot(phone, "assisted-filed")
    phone.delete_all_cookies()
    phone.get(base + "/latihan")
    phone.find_element(By.NAME, "code").send_keys(code.lower())
    phone.find_element(By.NAME, "name").send_keys("Bu Rina")
    submit(phone)
    phone.get(base + "/lapor")
    if not phone.find_elements(By.CSS_SELECTOR, ".practice-banner"):
        problems.append("practice: /lapor does not say it is practice after joining")
    check(phone, "practice-form", 360)
    shot(phone, "practice-form")
    phone.get(base + "/musrenbang/usul")  # no account: the proposal form is open to a participant
    if not phone.find_elements(By.CSS_SELECTOR, ".practice-banner") or "/masuk" in phone.current_url:
        problems.append(f"practice: a participant without an account cannot open the proposal form ({phone.current_url})")
    check(phone, "practice-proposal-form", 360)
finally:
    phone.quit()
    desk.quit()

print(f"browser: {checked} page views checked at 360 and 1280 px")
if problems:
    print("\n".join("browser: " + problem for problem in problems), file=sys.stderr)
    sys.exit(1)
