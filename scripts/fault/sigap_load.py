"""Load and checks shared by the fault scripts (scripts/fault-*): citizens filing reports with photos through
the web form and the API, remembering every filing whose 2xx answer reached them; and the checks that those
are all in a data folder, once, with their photos. Standard library only; loopback only."""

import json
import os
import re
import sqlite3
import threading
import time
import urllib.error
import urllib.request
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
PHOTO = open(os.path.join(HERE, "..", "..", "Tests", "Fixtures", "gps-tagged.jpg"), "rb").read()
DESA = ["99.01.01.1001", "99.01.02.2001", "99.01.03.2002", "99.01.04.2003", "99.01.05.2001"]
CATEGORIES = ["jalan", "sampah", "drainase", "lampu-jalan", "air-bersih"]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def multipart(fields, photos):
    boundary = "sigapfault" + uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for index, data in enumerate(photos):
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="photo[]"; filename="foto{index}.jpg"\r\n'
            f"Content-Type: image/jpeg\r\n\r\n".encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Filer:
    """One citizen at a time per thread. `acknowledged` maps a report number to the photos acknowledged with it
    and its unique title; `statuses` counts every answer by status (0: no answer, the server was down)."""

    def __init__(self, base, threads=4, web_share=0.5, phone_prefix=None):
        self.base = base
        # Guests give an e-mail address, or with `phone_prefix` a number of their own (a WhatsApp receipt each).
        self.phone_prefix = phone_prefix
        self.threads = threads
        self.web_share = web_share
        self.acknowledged = {}
        self.statuses = {}
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.workers = []

    def count(self, status):
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1

    def ack(self, number, photos, title):
        with self.lock:
            entry = self.acknowledged.setdefault(number, {"photos": 0, "title": title})
            entry["photos"] += photos

    def snapshot(self):
        with self.lock:
            return {number: dict(entry) for number, entry in self.acknowledged.items()}

    def open(self, request, opener=None, timeout=20):
        try:
            response = (opener or urllib.request.build_opener(NoRedirect)).open(request, timeout=timeout)
            body = response.read()
            self.count(response.status)
            return response.status, response.headers, body
        except urllib.error.HTTPError as error:
            body = error.read()
            self.count(error.code)
            return error.code, error.headers, body
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            self.count(0)
            return 0, {}, b""

    def draft(self, index):
        title = f"Uji ketahanan {uuid.uuid4().hex[:12]}"
        return title, {
            "kind": "pengaduan", "category": CATEGORIES[index % 5], "title": title,
            "description": "Laporan uji ketahanan: jalan rusak dan saluran tersumbat di dekat pasar.",
            "desa": DESA[index % 5], "address": "Jl. Pasar Baru No. 3", "privacy": "publik",
            "contact": f"uji{index % 1000}@contoh.id" if self.phone_prefix is None
            else f"{self.phone_prefix}{uuid.uuid4().int % 10**7:07d}",
        }

    def file_web(self, index):
        cookies = urllib.request.HTTPCookieProcessor()
        opener = urllib.request.build_opener(cookies, NoRedirect)
        status, _, body = self.open(urllib.request.Request(self.base + "/lapor"), opener)
        if status != 200:
            return
        page = body.decode("utf-8", "replace")
        action = re.search(r'action="(/lapor\?_csrf=[^"]+)"', page)
        key = re.search(r'name="kirim" value="([^"]+)"', page)
        if not action or not key:
            return
        title, fields = self.draft(index)
        fields["kirim"] = key.group(1)
        # The form would first show similar reports and ask again; a citizen who files anyway says so.
        fields["confirm"] = "on"
        data, content_type = multipart(fields, [PHOTO])
        request = urllib.request.Request(self.base + action.group(1).replace("&amp;", "&"), data=data, method="POST")
        request.add_header("Content-Type", content_type)
        status, headers, _ = self.open(request, opener)
        location = headers.get("Location", "") if headers else ""
        number = re.search(r"/laporan/([A-Z]+-\d{4}-\d+)", location)
        if status == 303 and number:
            self.ack(number.group(1), 1, title)

    def file_api(self, index):
        title, fields = self.draft(index)
        request = urllib.request.Request(
            self.base + "/api/v1/reports", data=json.dumps(fields).encode(), method="POST")
        request.add_header("Content-Type", "application/json")
        request.add_header("Idempotency-Key", str(uuid.uuid4()))
        status, _, body = self.open(request)
        if status != 201:
            return
        answer = json.loads(body)
        number = answer["number"]
        self.ack(number, 0, title)
        key = re.search(r"kunci=([^&]+)", answer.get("followUrl") or "")
        if not key:
            return
        data, content_type = multipart({}, [PHOTO])
        request = urllib.request.Request(
            f"{self.base}/api/v1/reports/{number}/photos?kunci={key.group(1)}", data=data, method="POST")
        request.add_header("Content-Type", content_type)
        status, _, _ = self.open(request)
        if status == 201:
            self.ack(number, 1, title)

    def work(self, seed):
        index = seed
        while not self.stop.is_set():
            index += self.threads
            if ((index // self.threads) * self.web_share) % 1 < self.web_share:
                self.file_web(index)
            else:
                self.file_api(index)
            if self.statuses.get(0, 0) and not self.stop.is_set():
                time.sleep(0.01)  # the server is down: do not spin

    def start(self):
        self.workers = [threading.Thread(target=self.work, args=(n,), daemon=True) for n in range(self.threads)]
        for worker in self.workers:
            worker.start()

    def finish(self):
        self.stop.set()
        for worker in self.workers:
            worker.join(timeout=30)


def wait_until_serving(base, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return True
        except Exception:
            pass
        time.sleep(0.1)
    return False


def check_reports(rows, acknowledged):
    """Problems with `rows` (number → (title, photos stored)) against what clients were told was stored."""
    problems = []
    for number, entry in acknowledged.items():
        if number not in rows:
            problems.append(f"{number}: acknowledged but missing")
        elif rows[number][0] != entry["title"]:
            problems.append(f"{number}: another report under its number")
        elif rows[number][1] < entry["photos"]:
            problems.append(f"{number}: {entry['photos']} photos acknowledged, {rows[number][1]} stored")
    titles = {}
    for number, (title, _) in rows.items():
        titles[title] = titles.get(title, 0) + 1
    problems += [f"{title}: stored {count} times" for title, count in titles.items()
                 if count > 1 and title.startswith("Uji ketahanan ")]
    return problems


REPORT_ROWS = ("SELECT r.number, r.title, (SELECT COUNT(*) FROM report_photos p WHERE p.report_id = r.id) "
               "FROM reports r")


def postgres_rows(url):
    """number → (title, photos) read with psql (`SIGAP_PG_BIN`) from the database at `url`."""
    import subprocess
    psql = os.path.join(os.environ["SIGAP_PG_BIN"], "psql")
    output = subprocess.run([psql, url, "-AtF", "\t", "-c", REPORT_ROWS], capture_output=True, text=True, check=True)
    rows = {}
    for line in output.stdout.splitlines():
        number, title, photos = line.split("\t")
        rows[number] = (title, int(photos))
    return rows


def check_store(data_dir, acknowledged, orphans=True):
    """Problems found in the SQLite store of `data_dir` (an empty list when all is well): integrity, every
    acknowledged report present once with at least its acknowledged photos, each photo's file on disk, no
    title filed twice, and no upload file that no row names."""
    problems = []
    database = sqlite3.connect(f"file:{data_dir}/sigap.sqlite?mode=ro", uri=True)
    integrity = database.execute("PRAGMA integrity_check").fetchone()[0]
    if integrity != "ok":
        problems.append(f"integrity_check: {integrity}")
    rows = {number: (title, photos) for number, title, photos in database.execute(REPORT_ROWS)}
    problems += check_reports(rows, acknowledged)
    named = {name for (name,) in database.execute("SELECT stored_name FROM report_photos")}
    folder = os.path.join(data_dir, "uploads", "reports")
    for name in named:
        if not os.path.exists(os.path.join(folder, name)):
            problems.append(f"photo file missing: {name}")
    for root, _, files in os.walk(folder) if orphans else []:
        for file in files:
            relative = os.path.relpath(os.path.join(root, file), folder)
            original = re.sub(r"\.w\d+\.jpg$", "", relative)  # a display copy belongs to its original
            if relative not in named and original not in named:
                problems.append(f"orphan upload: {relative}")
    database.close()
    return problems


class Server:
    """One `sigap serve` process on loopback, its output in `data_dir/../server-N.log`."""

    def __init__(self, binary, data_dir, port, env=None):
        import subprocess
        self.subprocess = subprocess
        self.binary = binary
        self.data_dir = data_dir
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.env = dict(os.environ)
        self.env.update({
            "SIGAP_DATA_DIR": data_dir, "SIGAP_PORT": str(port), "SIGAP_HOST": "127.0.0.1",
            "SIGAP_FILINGS_PER_ADDRESS_HOUR": "0", "SIGAP_FILINGS_PER_CONTACT_DAY": "0",
            "SIGAP_MESSAGES_PER_CONTACT_DAY": "0", "SIGAP_BCRYPT_COST": "4", "LOG_LEVEL": "warning",
            "SIGAP_PUBLISH_REPORTS": "on_filing",
        })
        self.env.update(env or {})
        self.process = None
        self.starts = 0
        import atexit
        atexit.register(self.kill)  # a failed check never leaves a server behind

    def start(self, wait=True):
        self.starts += 1
        self.log_path = os.path.join(os.path.dirname(self.data_dir), f"server-{self.port}-{self.starts}.log")
        log = open(self.log_path, "w")
        self.process = self.subprocess.Popen(
            [self.binary, "serve"], env=self.env, stdout=log, stderr=self.subprocess.STDOUT)
        if wait and not wait_until_serving(self.base, 60):
            self.kill()
            raise SystemExit(f"the server on {self.port} did not start:\n{self.log_tail()}")

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def terminate(self, seconds=15):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=seconds)
            except self.subprocess.TimeoutExpired:
                self.process.kill()
                raise SystemExit(f"the server on {self.port} did not stop within {seconds} s of SIGTERM")
        return self.process.returncode if self.process else None

    def log_tail(self, lines=30):
        if os.environ.get("SIGAP_FAULT_LOG"):
            shutil_copy = __import__("shutil").copy
            shutil_copy(self.log_path, os.environ["SIGAP_FAULT_LOG"])
        with open(self.log_path, errors="replace") as log:
            return "".join(log.readlines()[-lines:])

    def command(self, *arguments, env=None):
        environment = dict(self.env)
        environment.update(env or {})
        return self.subprocess.run(
            [self.binary, *arguments], env=environment, capture_output=True, text=True, timeout=300)
