"""What both browser scripts need: Debian's headless Chromium at a phone's or a desktop's width, and the TOTP
codes staff sign in with."""

import base64
import hashlib
import hmac
import struct
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def browser(width):
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,900", "--lang=id"):
        options.add_argument(argument)
    if width < 1000:
        options.add_experimental_option(
            "mobileEmulation", {"deviceMetrics": {"width": width, "height": 800, "pixelRatio": 1}})
    options.binary_location = "/usr/bin/chromium"  # Debian's, so Selenium never tries to download one
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    driver.set_page_load_timeout(30)
    return driver


def totp(secret, offset_days=0):
    """The current code for `secret` on a server whose clock runs `offset_days` from the real date."""
    secret = secret.replace(" ", "").upper()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    now = time.time() + offset_days * 86400
    digest = hmac.new(key, struct.pack(">Q", int(now) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 15
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)
