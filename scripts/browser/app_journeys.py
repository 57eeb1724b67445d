"""Issue 22's journeys in a real browser (headless Chromium through Selenium), against a server filled by
`sigap demo`, at 360 px and 1280 px:

  - the app installs (Chromium finds no installability error in the manifest and service worker);
  - a guest writes a report without signal (Chromium's network emulation), it is kept on the phone, and sent
    once when the network returns;
  - staff sign in with TOTP, verify, reply and resolve a citizen's report; the citizen rates it and answers the
    satisfaction survey;
  - a whistleblower files and follows the case with the receipt;
  - a proposal climbs one Musrenbang level (desa officer: accept, then forward to the kecamatan): the server
    runs 12 days ahead (SIGAP_CLOCK_OFFSET_DAYS), where the demo cycle's desa deliberation is;
  - a citizen applies for a service, staff approve it with a result, the citizen downloads the result;
  - a push message: Sigap posts it to a push service (a fake one here, on loopback), an independent library
    (http_ece, what pywebpush uses) opens it with the browser's keys, and the service worker shows it;
  - axe-core finds no serious or critical accessibility violation on the main pages at both widths;
  - with --screenshots DIR, the main pages at both widths.

The fake push service and a one-colour tile server run inside this script on --helper-port; scripts/browser-check
starts Sigap with SIGAP_PUSH_SERVICES and SIGAP_TILE_URL pointing at it.
"""

import argparse
import base64
import http.server
import json
import os
import re
import sys
import threading
import time
import zlib
import struct

import http_ece
from axe_selenium_python import Axe
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives import serialization
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

sys.path.insert(0, os.path.dirname(__file__))
import chromium  # noqa: E402
from chromium import browser  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("base")
parser.add_argument("accounts", help="the output of `sigap demo`")
parser.add_argument("--helper-port", type=int, required=True)
parser.add_argument("--screenshots", help="folder for the main pages at 360 and 1280 px")
parser.add_argument("--clock-offset-days", type=int, default=0,
                    help="the server's SIGAP_CLOCK_OFFSET_DAYS (its TOTP codes follow its clock)")
args = parser.parse_args()
base = args.base.rstrip("/")
helper = f"http://127.0.0.1:{args.helper_port}"
problems = []
stamp = str(int(time.time()))[-6:]


def problem(text):
    print("app-journeys: PROBLEM " + text, file=sys.stderr)
    problems.append(text)


accounts = {}
for line in open(args.accounts, encoding="utf-8"):
    match = re.match(r"\s+(\S+)\s+(\S+@\S+)\s+(\S+)", line)
    if match:
        accounts[match.group(1)] = [match.group(2), match.group(3)]
# Staff enrol their authenticator at the first sign-in; the secrets are kept beside the accounts, so running this
# again against the same server signs in with them.
secrets_file = args.accounts + ".totp.json"
if os.path.exists(secrets_file):
    for role, secret in json.load(open(secrets_file)).items():
        accounts[role].append(secret)


# --- the helper server: a push service and a tile server -------------------------------------------------------

def png(width, height, rgb):
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


TILE = png(256, 256, (226, 236, 222))
pushed = []


class Helper(http.server.BaseHTTPRequestHandler):
    def log_message(self, *arguments):
        pass

    def do_GET(self):
        if self.path.startswith("/tiles/"):
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            self.wfile.write(TILE)
        else:
            self.send_error(404)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        pushed.append((self.path, dict(self.headers), body))
        self.send_response(201)
        self.send_header("Location", helper + "/message/" + str(len(pushed)))
        self.end_headers()


server = http.server.ThreadingHTTPServer(("127.0.0.1", args.helper_port), Helper)
threading.Thread(target=server.serve_forever, daemon=True).start()


# --- browsers ---------------------------------------------------------------------------------------------------

def totp(secret):
    return chromium.totp(secret, args.clock_offset_days)


def wait(driver, condition, seconds=20, what="the page"):
    try:
        return WebDriverWait(driver, seconds).until(condition)
    except Exception:
        problem(f"timed out waiting for {what} at {driver.current_url}")
        return None


def submit(driver, form_css="main form", button_css="button[type=submit]:not([name])"):
    driver.execute_script("window.sigapOldPage = true")
    form = driver.find_element(By.CSS_SELECTOR, form_css)
    button = form.find_element(By.CSS_SELECTOR, button_css)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    wait(driver, lambda d: d.execute_script("return !window.sigapOldPage && document.readyState === 'complete'"))


def sign_in(driver, role):
    email, password = accounts[role][0], accounts[role][1]
    driver.delete_all_cookies()
    driver.get(base + "/masuk")
    driver.find_element(By.NAME, "identifier").send_keys(email)
    driver.find_element(By.NAME, "password").send_keys(password)
    submit(driver)
    if "/akun/2fa/daftar" in driver.current_url:
        secret = driver.find_element(By.CSS_SELECTOR, "code.secret").text
        accounts[role].append(secret)
        kept = json.load(open(secrets_file)) if os.path.exists(secrets_file) else {}
        kept[role] = secret
        json.dump(kept, open(secrets_file, "w"))
        driver.find_element(By.NAME, "code").send_keys(totp(secret))
        submit(driver)
    elif "/masuk/2fa" in driver.current_url:
        # A TOTP code is accepted once: wait for the next one if this one was just used.
        if accounts[role][-1] == "used:" + str(int(time.time()) // 30):
            time.sleep(31 - time.time() % 30)
        driver.find_element(By.NAME, "code").send_keys(totp(accounts[role][2]))
        submit(driver)
    accounts[role].append("used:" + str(int(time.time()) // 30))
    if driver.find_elements(By.NAME, "password") or driver.find_elements(By.NAME, "code"):
        problem(f"{role} could not sign in (at {driver.current_url})")


def fill_report(driver, title):
    Select(driver.find_element(By.NAME, "category")).select_by_index(1)
    driver.find_element(By.NAME, "title").send_keys(title)
    driver.find_element(By.NAME, "description").send_keys("Sudah seminggu, warga khawatir ada yang celaka.")
    Select(driver.find_element(By.NAME, "desa")).select_by_index(1)


def status_of(driver):
    labels = driver.find_elements(By.CSS_SELECTOR, "main .status")
    return labels[0].get_attribute("class") if labels else ""


phone, desk = browser(360), browser(1280)
both = [(360, phone), (1280, desk)]


def journey(name, steps):
    started = time.time()
    try:
        steps()
        print(f"app-journeys: {name}: done in {time.time() - started:.0f} s")
    except Exception as error:  # one broken journey must not hide the others' results
        problem(f"{name}: {type(error).__name__}: {error} (at {phone.current_url} / {desk.current_url})")


# --- the journeys -----------------------------------------------------------------------------------------------

def installable():
    phone.get(base + "/")
    ready = phone.execute_async_script(
        "var done = arguments[0]; navigator.serviceWorker.ready.then(function (r) { done(r.active ? r.active.state : 'none'); });")
    if ready not in ("activated", "activating"):
        problem(f"service worker not active: {ready}")
    errors = phone.execute_cdp_cmd("Page.getInstallabilityErrors", {}).get("installabilityErrors", [])
    if errors:
        problem(f"Chromium finds the app not installable: {errors}")
    manifest = phone.execute_cdp_cmd("Page.getAppManifest", {})
    if manifest.get("errors"):
        problem(f"manifest errors: {manifest['errors']}")


def offline_draft():
    title = f"Drainase tersumbat {stamp} luring"
    phone.delete_all_cookies()
    phone.get(base + "/lapor")
    phone.execute_async_script("var done = arguments[0]; navigator.serviceWorker.ready.then(function () { done(); });")
    phone.get(base + "/lapor")  # now under the worker's control
    fill_report(phone, title)
    phone.find_element(By.NAME, "contact").send_keys("warga.luring@contoh.id")
    phone.set_network_conditions(offline=True, latency=0, download_throughput=0, upload_throughput=0)
    try:
        if phone.execute_script("return navigator.onLine") is not False:
            problem("network emulation did not take the phone offline")
        phone.find_element(By.CSS_SELECTOR, "form[data-drafts] button[type=submit]:not([name])").click()
        wait(phone, lambda d: d.find_element(By.ID, "draft-saved").is_displayed(), what="the draft-saved notice")
        waiting = phone.find_elements(By.CSS_SELECTOR, "#drafts li.draft-waiting")
        if len(waiting) != 1:
            problem(f"offline draft: expected one waiting draft, found {len(waiting)}")
        if args.screenshots:
            shot(phone, "offline-draft", 360)
        # A reload without signal still shows the form (kept by the service worker).
        phone.get(base + "/lapor")
        if not phone.find_elements(By.NAME, "title"):
            problem("offline: /lapor did not open from the service worker's copy")
    finally:
        phone.delete_network_conditions()
    # The network is back: the page (or Background Sync) sends it.
    phone.execute_script("window.dispatchEvent(new Event('online'))")
    link = wait(phone, lambda d: d.find_elements(By.CSS_SELECTOR, "#drafts li.draft-sent a"), seconds=40,
                what="the draft to be sent")
    if link:
        phone.get(link[0].get_attribute("href"))
        if title not in phone.page_source:
            problem("offline draft: the sent report's page does not show it")
    # Exactly once: the administrator's queue finds one report with this title.
    sign_in(desk, "admin")
    desk.get(base + "/dasbor/laporan?q=" + stamp + "+luring")
    rows = [r for r in desk.find_elements(By.CSS_SELECTOR, "main table a[href^='/dasbor/laporan/']") if r.text]
    if len(rows) != 1:
        problem(f"offline draft: {len(rows)} reports with its title in the queue, expected exactly 1")


def staff_and_citizen():
    title = f"Lampu taman padam {stamp}"
    sign_in(phone, "warga")
    phone.get(base + "/lapor")
    fill_report(phone, title)
    submit(phone, "main form[data-once]")
    if "/laporan/" not in phone.current_url:
        submit(phone, "main form[data-once]")  # similar reports offered: file anyway
    number = phone.current_url.split("/laporan/")[1].split("?")[0]
    sign_in(desk, "admin")
    staff_page = base + "/dasbor/laporan/" + number
    for action, text in (("verify", None), ("reply", "Terima kasih, petugas dijadwalkan besok pagi."),
                         ("resolve", "Lampu sudah diganti dan menyala kembali.")):
        desk.get(staff_page)
        form = f"form:has(input[name=action][value={action}])"
        if not desk.find_elements(By.CSS_SELECTOR, form):
            problem(f"staff: no '{action}' on {number}")
            return
        if text:
            desk.find_element(By.CSS_SELECTOR, form + " textarea[name=text]").send_keys(text)
        submit(desk, form)
    desk.get(staff_page)
    if "status-selesai" not in status_of(desk):
        problem(f"staff: {number} is not resolved: {status_of(desk)}")
    phone.get(base + "/laporan/" + number)
    if "Lampu sudah diganti" not in phone.page_source:
        problem("citizen: the resolution is not on the report's page")
    phone.find_element(By.CSS_SELECTOR, "input[name=rating][value='4']").click()
    submit(phone, "form[action$='/nilai']")
    if "4" not in (phone.find_element(By.CSS_SELECTOR, "main").text):
        problem("citizen: the rating is not shown")
    survey = phone.find_elements(By.CSS_SELECTOR, "a[href^='/survei/laporan/']")
    if not survey:
        problem("citizen: no survey invitation after resolution")
        return
    phone.get(survey[0].get_attribute("href"))
    for group in sorted({e.get_attribute("name") for e in phone.find_elements(By.CSS_SELECTOR, "input[type=radio]")}):
        phone.find_elements(By.CSS_SELECTOR, f"input[name='{group}']")[-1].click()
    submit(phone, "main form")
    if phone.find_elements(By.CSS_SELECTOR, ".error"):
        problem(f"survey: refused: {[e.text for e in phone.find_elements(By.CSS_SELECTOR, '.error')]}")
    if args.screenshots:
        shot(phone, "survey-answered", 360)


def whistleblower():
    phone.delete_all_cookies()
    phone.get(base + "/wbs")
    Select(phone.find_element(By.NAME, "type")).select_by_index(1)
    phone.find_element(By.NAME, "official").send_keys("Kepala bagian pengadaan")
    phone.find_element(By.NAME, "what").send_keys(f"Meminta imbalan untuk memenangkan rekanan ({stamp}).")
    submit(phone, "main form[action='/wbs']")
    receipt = phone.find_elements(By.ID, "receipt")
    if not receipt:
        problem(f"whistleblowing: no receipt at {phone.current_url}")
        return
    code = receipt[0].text
    if args.screenshots:
        shot(phone, "wbs-receipt", 360)
    phone.delete_all_cookies()
    phone.get(base + "/wbs/lanjut")
    phone.find_element(By.NAME, "receipt").send_keys(code)
    submit(phone, "main form")
    if stamp not in phone.page_source:
        problem("whistleblowing: following with the receipt does not show the case")


def proposal_climbs():
    sign_in(desk, "petugas_desa")
    desk.get(base + "/dasbor/usulan?tahap=semua")
    links = [a.get_attribute("href") for a in desk.find_elements(By.CSS_SELECTOR, "main a[href^='/musrenbang/usulan/MR-']")]
    for link in dict.fromkeys(links):
        desk.get(link)
        before = status_of(desk)
        for decision in ("accept", "forward"):
            form = f"form:has(input[name=decision][value={decision}])"
            if desk.find_elements(By.CSS_SELECTOR, form):
                desk.execute_script("arguments[0].closest('details').open = true",
                                    desk.find_element(By.CSS_SELECTOR, form))
                submit(desk, form)
        after = status_of(desk)
        if after != before:
            if "stage-kecamatan" not in after:
                problem(f"musrenbang: {link} went from {before} to {after}, not to the kecamatan")
            elif args.screenshots:
                shot(desk, "proposal-forwarded", 1280)
            return
    problem("musrenbang: no proposal the desa officer could forward")


MINIMAL_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
               b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def service_application():
    pdf = "/tmp/sigap-browser-result.pdf"
    with open(pdf, "wb") as out:
        out.write(MINIMAL_PDF)
    photo = "/tmp/sigap-browser-document.png"
    with open(photo, "wb") as out:
        out.write(png(200, 120, (240, 240, 240)))
    sign_in(phone, "warga")
    phone.get(base + "/layanan/rekomendasi-pemanfaatan-jalan/ajukan")
    for field in phone.find_elements(By.CSS_SELECTOR, "main form [name]"):
        name, tag, kind = field.get_attribute("name"), field.tag_name, field.get_attribute("type")
        if kind in ("hidden", "submit") or name == "_csrf":
            continue
        if tag == "select":
            Select(field).select_by_index(1)
        elif kind == "file":
            accepted = field.get_attribute("accept") or ""
            field.send_keys(photo if "image/png" in accepted else pdf)
        elif kind == "date":
            phone.execute_script("arguments[0].value = '2026-12-20'", field)
        elif field.get_attribute("pattern") == "[0-9]{16}":
            field.send_keys("1271011203900001")
        elif field.get_attribute("inputmode") == "decimal":
            field.send_keys("12")
        else:
            field.send_keys(f"Keperluan uji {stamp}")
    submit(phone, "main form", "button[name=kirim][value=ajukan]")
    if "/permohonan/PL-" not in phone.current_url:
        problem(f"service: applying did not lead to the application: {phone.current_url} "
                f"{[e.text for e in phone.find_elements(By.CSS_SELECTOR, '.error')]}")
        return
    application = phone.current_url.split("?")[0]
    sign_in(desk, "opd_staf")
    for action in ("review", "approve"):
        desk.get(application)
        form = f"form:has(input[name=action][value={action}])"
        if not desk.find_elements(By.CSS_SELECTOR, form):
            problem(f"service: staff cannot '{action}' {application}")
            return
        desk.execute_script("arguments[0].closest('details').open = true", desk.find_element(By.CSS_SELECTOR, form))
        if action == "approve":
            desk.find_element(By.CSS_SELECTOR, form + " input[name=hasil]").send_keys(pdf)
            desk.find_element(By.CSS_SELECTOR, form + " textarea[name=text]").send_keys("Disetujui.")
        submit(desk, form)
    phone.get(application)
    download = phone.find_elements(By.CSS_SELECTOR, "a[href$='/hasil']")
    if not download:
        problem("service: no result to download after approval")
        return
    result = phone.execute_async_script(
        "var done = arguments[1]; fetch(arguments[0]).then(function (r) { return r.arrayBuffer().then(function (b) {"
        " done([r.status, r.headers.get('Content-Type'), String.fromCharCode.apply(null, new Uint8Array(b.slice(0, 5)))]); }); })"
        ".catch(function (e) { done(['error ' + e]); });", download[0].get_attribute("href"))
    if result[0] != 200 or "application/pdf" not in (result[1] or "") or result[2] != "%PDF-":
        problem(f"service: the result download answered {result}")


def push_message():
    key = ec.generate_private_key(ec.SECP256R1())
    public = key.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    auth = os.urandom(16)
    b64 = lambda data: base64.urlsafe_b64encode(data).decode().rstrip("=")
    sign_in(desk, "warga")
    desk.execute_cdp_cmd("Browser.grantPermissions", {"origin": base, "permissions": ["notifications"]})
    desk.get(base + "/akun/notifikasi")
    button = desk.find_element(By.ID, "push-on")
    if not button.is_displayed():
        problem("push: the 'turn on' button is not offered in Chromium")
    # Chromium's own subscription needs its push service (FCM) on the internet; the subscription a browser would
    # hand over is made here instead, for the fake push service, and handed over the way sigap.js does.
    subscription = {"endpoint": helper + "/push/device-" + stamp, "keys": {"p256dh": b64(public), "auth": b64(auth)}}
    answer = desk.execute_async_script(
        "var done = arguments[2]; fetch(arguments[0].dataset.action, {method: 'POST', credentials: 'same-origin',"
        " headers: {'Content-Type': 'application/json', 'X-CSRF-Token': arguments[0].dataset.csrf},"
        " body: JSON.stringify(arguments[1])}).then(function (r) { done(r.status); });", button, subscription)
    if answer != 204:
        problem(f"push: handing over the subscription answered {answer}")
        return
    desk.get(base + "/lapor")
    fill_report(desk, f"Pohon tumbang {stamp} push")
    submit(desk, "main form[data-once]")
    if "/laporan/" not in desk.current_url:
        submit(desk, "main form[data-once]")
    # The report's news, among what reached the push service for this device (an earlier event may be on its way
    # too: it goes to the device the account has now).
    message = None
    deadline = time.time() + 40
    while time.time() < deadline and message is None:
        for path, headers, body in [p for p in pushed if p[0].endswith("device-" + stamp)]:
            if headers.get("Content-Encoding") != "aes128gcm" or not headers.get("Authorization", "").startswith("vapid t="):
                problem(f"push: unexpected headers {headers}")
            opened = json.loads(http_ece.decrypt(body, private_key=key, auth_secret=auth, version="aes128gcm"))
            if "/laporan/" in opened.get("url", "") and stamp in opened.get("body", ""):
                message = opened
        time.sleep(0.5)
    if message is None:
        problem(f"push: no message about the report reached the push service within 40 s ({len(pushed)} arrived)")
        return
    # The browser's side: the service worker receives the message and shows it (Chromium's DevTools delivers a
    # push message to a registration as its push service would).
    desk.execute_cdp_cmd("ServiceWorker.enable", {})
    desk.get(base + "/")
    desk.execute_async_script("var done = arguments[0]; navigator.serviceWorker.ready.then(function () { done(); });")
    # The registration's id is not exposed to the page; DevTools accepts any, so each of the first few gets it.
    delivered = False
    for registration in range(0, 10):
        try:
            desk.execute_cdp_cmd("ServiceWorker.deliverPushMessage",
                                 {"origin": base, "registrationId": str(registration), "data": json.dumps(message)})
            delivered = True
        except Exception:
            continue
    if not delivered:
        problem("push: DevTools could not deliver the message to the service worker")
        return
    shown = []
    for _ in range(20):
        shown = desk.execute_async_script(
            "var done = arguments[0]; navigator.serviceWorker.ready.then(function (r) { return r.getNotifications(); })"
            ".then(function (list) { done(list.map(function (n) { return n.title + ' | ' + n.body; })); });")
        if shown:
            break
        time.sleep(0.5)
    if not any(message["title"] in line for line in shown):
        problem(f"push: the service worker showed {shown}, expected {message['title']}")


AXE_PAGES = ["/", "/lapor", "/laporan", "/peta", "/musrenbang", "/musrenbang/usulan", "/layanan", "/forum", "/berita",
             "/agenda", "/wbs", "/wbs/lanjut", "/masuk", "/daftar", "/cari?q=jalan", "/transparansi", "/privasi",
             "/luring"]


def accessibility():
    phone.delete_all_cookies()
    desk.delete_all_cookies()
    report = None
    desk.get(base + "/laporan")
    links = desk.find_elements(By.CSS_SELECTOR, "main table a[href^='/laporan/']")
    if links:
        report = links[0].get_attribute("href").replace(base, "")
    for width, driver in both:
        for path in AXE_PAGES + ([report] if report else []):
            driver.get(base + path)
            time.sleep(0.3)
            axe = Axe(driver)
            axe.inject()
            # axe.run(options) alone would take the options for a context: name the document.
            results = driver.execute_async_script(
                "var done = arguments[arguments.length - 1]; axe.run(document, {runOnly: {type: 'tag', values: "
                "['wcag2a', 'wcag2aa']}}).then(done, function (e) { done({error: String(e)}); });")
            if "error" in results:
                problem(f"axe at {width} px {path}: {results['error']}")
                continue
            for violation in results["violations"]:
                if violation["impact"] in ("serious", "critical"):
                    nodes = [" ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"])
                             for n in violation["nodes"][:3]]
                    problem(f"axe at {width} px {path}: {violation['id']} ({violation['impact']}): "
                            f"{violation['help']} — {nodes}")


SHOTS = [("home", "/"), ("file-form", "/lapor"), ("map", "/peta"), ("reports", "/laporan"), ("musrenbang", "/musrenbang"),
         ("services", "/layanan"), ("wbs", "/wbs"), ("offline", "/luring")]


def shot(driver, name, width):
    height = min(max(driver.execute_script("return document.documentElement.scrollHeight"), 640), 4000)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 1000})
    driver.save_screenshot(f"{args.screenshots}/{name}-{width}.png")
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def screenshots():
    if not args.screenshots:
        return
    phone.delete_all_cookies()
    desk.delete_all_cookies()
    for name, path in SHOTS:
        for width, driver in both:
            driver.get(base + path)
            if path == "/peta":  # the live map: wait for its tiles
                wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".leaflet-box.ready"), what="the map tiles")
                time.sleep(0.5)
            shot(driver, name, width)
    desk.get(base + "/laporan")
    desk.get(desk.find_element(By.CSS_SELECTOR, "main table a[href^='/laporan/']").get_attribute("href"))
    phone.get(desk.current_url)
    shot(desk, "report", 1280)
    shot(phone, "report", 360)


try:
    journey("the app installs", installable)
    # First, while the demo is as `sigap demo` left it (the journeys add reports of their own).
    journey("screenshots", screenshots)
    journey("a draft written offline is sent once", offline_draft)
    journey("staff verify, reply, resolve; the citizen rates and answers the survey", staff_and_citizen)
    journey("a whistleblower files and follows with the receipt", whistleblower)
    journey("a proposal climbs one Musrenbang level", proposal_climbs)
    journey("a citizen applies for a service and downloads the result", service_application)
    journey("a push message reaches the browser", push_message)
    journey("axe-core on the main pages", accessibility)
finally:
    phone.quit()
    desk.quit()
    server.shutdown()

if problems:
    print("\n".join("app-journeys: " + p for p in problems), file=sys.stderr)
    sys.exit(1)
print("app-journeys: every journey passed")
