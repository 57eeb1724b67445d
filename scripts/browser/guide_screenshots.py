"""Takes the screenshots the guides (/panduan) show, from a running demo, at a phone's width (360 px), into
Sources/SigapApp/Resources/Public/img/panduan/ as small JPEGs. Run by scripts/guide-screenshots."""

import argparse
import io
import os
import re
import sys

from PIL import Image
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from chromium import browser

parser = argparse.ArgumentParser()
parser.add_argument("base")
parser.add_argument("accounts")
parser.add_argument("folder")
args = parser.parse_args()
base = args.base.rstrip("/")
os.makedirs(args.folder, exist_ok=True)
accounts = {}
for line in open(args.accounts, encoding="utf-8"):
    match = re.match(r"\s+(\S+)\s+(\S+@\S+)\s+(\S+)", line)
    if match:
        accounts[match.group(1)] = (match.group(2), match.group(3))

phone = browser(360)


def save(name, element=None):
    if element is not None:
        phone.execute_script(
            "window.scrollTo(0, arguments[0].getBoundingClientRect().top + window.scrollY - 8)", element)
    image = Image.open(io.BytesIO(phone.get_screenshot_as_png())).convert("RGB")
    image.save(os.path.join(args.folder, name), "JPEG", quality=70, optimize=True)
    print("guide screenshot:", name, os.path.getsize(os.path.join(args.folder, name)), "bytes")


def submit(form_css="main form"):
    phone.execute_script("window.sigapOldPage = true")
    phone.find_element(By.CSS_SELECTOR, form_css + " button[type=submit]:not([name])").click()
    WebDriverWait(phone, 20).until(
        lambda d: d.execute_script("return !window.sigapOldPage && document.readyState === 'complete'"))


def first_link(path, pattern):
    phone.get(base + path)
    for link in phone.find_elements(By.CSS_SELECTOR, "main a"):
        href = link.get_attribute("href") or ""
        if re.search(pattern, href):
            return href
    sys.exit(f"guide screenshots: no link like {pattern} on {path}")


try:
    phone.get(base + "/lapor")
    save("lapor-form.jpg", phone.find_element(By.TAG_NAME, "h1"))
    Select(phone.find_element(By.NAME, "category")).select_by_value("jalan")
    phone.find_element(By.NAME, "title").send_keys("Jalan berlubang di depan SD Negeri 3")
    phone.find_element(By.NAME, "description").send_keys(
        "Lubang besar di jalan depan sekolah, sudah dua minggu; anak-anak harus turun ke badan jalan.")
    Select(phone.find_element(By.NAME, "desa")).select_by_index(1)
    phone.find_element(By.NAME, "contact").send_keys("warga.panduan@contoh.id")
    submit("main form[data-drafts]")
    if phone.find_elements(By.CSS_SELECTOR, "input[name=confirm]"):
        submit("main form[data-drafts]")  # similar reports were shown: file anyway
    if "/laporan/" not in phone.current_url:
        sys.exit(f"guide screenshots: filing did not reach the report page ({phone.current_url})")
    save("lapor-terkirim.jpg", phone.find_element(By.TAG_NAME, "main"))

    phone.get(base + "/")
    save("lacak-beranda.jpg", phone.find_element(By.CSS_SELECTOR, "form[action='/lacak']"))
    phone.get(first_link("/laporan", r"/laporan/[A-Z]+-\d{4}-\d+$"))
    save("lacak-laporan.jpg", phone.find_element(By.TAG_NAME, "h1"))
    phone.get(first_link("/laporan?status=selesai", r"/laporan/[A-Z]+-\d{4}-\d+$"))
    save("nilai-laporan.jpg", phone.find_element(By.TAG_NAME, "h1"))
    for name, path in (("wbs-form.jpg", "/wbs"), ("usul-musrenbang.jpg", "/musrenbang"),
                       ("layanan-katalog.jpg", "/layanan")):
        phone.get(base + path)
        save(name, phone.find_element(By.TAG_NAME, "h1"))

    email, password = accounts["warga"]
    phone.get(base + "/masuk")
    phone.find_element(By.NAME, "identifier").send_keys(email)
    phone.find_element(By.NAME, "password").send_keys(password)
    submit()
    phone.get(base + "/akun/notifikasi")
    if "/masuk" in phone.current_url:
        sys.exit("guide screenshots: the demo citizen could not sign in")
    save("chat-notifikasi.jpg", phone.find_element(By.TAG_NAME, "h1"))
finally:
    phone.quit()
