"""Third-party Open311 clients from PyPI against a running Sigap (scripts/open311-check).

- `georeport` (0.3, Python 3, requests + xmltodict) reads: services, a service definition, requests, one request,
  in JSON and in XML.
- `open311` (1.1, the Python wrapper modelled on the Ruby one) posts requests, in JSON and in XML, and looks a
  token up. It was written for Python 2, so it is loaded with three shims that change none of its request
  building: its modules import each other as top-level modules (`from api import API`), it posts a `str`
  (Python 3's urlopen wants bytes), and its bundled XML reader uses `Element.getchildren`, gone since Python 3.9
  (replaced by xmltodict, which georeport uses too).

Usage: clients.py BASE_URL API_KEY MEDIA_URL
"""

import importlib.util
import json
import os
import sys
import urllib.request

import georeport
import xmltodict

base, api_key, media_url = sys.argv[1], sys.argv[2], sys.argv[3]
endpoint = base + "/open311/v2"


def check(condition, message):
    if not condition:
        print("open311-check: " + message, file=sys.stderr)
        sys.exit(1)


def load_open311():
    package = os.path.join(os.path.dirname(os.path.dirname(georeport.__file__)), "open311")
    check(os.path.isdir(package), "the open311 package is not installed next to georeport")
    sys.path.insert(0, os.path.join(package, "api", "xml2dict"))  # `from object_dict import object_dict`
    sys.path.insert(0, os.path.join(package, "api"))  # `from xml2dict import xml2dict`

    def load(name, path):
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        return module

    api = load("api", os.path.join(package, "api", "api.py"))
    sys.modules["api.api"] = api
    api.api = api
    client = load("open311_client", os.path.join(package, "open311.py"))

    def urlopen(url, data=None):
        return urllib.request.urlopen(url, data.encode("utf-8") if isinstance(data, str) else data)

    client.urlopen = urlopen
    api.urlopen = urlopen
    api.API._xml_to_dict = lambda self, xml: xmltodict.parse(xml)
    return client.Open311


# Reading with georeport, both formats.
for fmt in ("json", "xml"):
    reader = georeport.GeoReport(endpoint, output_format=fmt)
    services = reader.get_service_list()
    codes = [s["service_code"] for s in services]
    check("jalan" in codes and "sampah" in codes, f"georeport ({fmt}) found no jalan/sampah service: {codes}")
    roads = next(s for s in services if s["service_code"] == "jalan")
    check(roads["type"] == "realtime", f"georeport ({fmt}): type {roads['type']!r}")
    definition = reader.get_service_definition("jalan")
    attributes = definition["attributes"] if fmt == "json" else definition["attributes"]["attribute"]
    check([a["code"] for a in attributes] == ["judul", "privasi"], f"georeport ({fmt}): attributes {attributes}")
print("open311-check: georeport read the services and a service definition as JSON and as XML")

# Posting with open311, both formats.
Open311 = load_open311()
posted = {}
for fmt in ("json", "xml"):
    poster = Open311(endpoint=endpoint, api_key=api_key, format=fmt)
    answer = poster.post_service_request(
        service_code="jalan", lat="3.6031", long="98.4821", email="warga@contoh.id",
        description=f"Lubang besar di depan sekolah ({fmt}), sudah dua motor jatuh.",
        media_url=media_url, **{"attribute[judul]": f"Lubang di depan SD 3 ({fmt})"})
    request = answer[0] if fmt == "json" else answer["service_requests"]["request"]
    number, token = request["service_request_id"], request["token"]
    check(number.startswith("SGP-"), f"open311 ({fmt}) got no report number: {request}")
    posted[number] = token
    # Its token look-up reads the XML shape whatever the format (`data['service_requests']['request']`).
    found = Open311(endpoint=endpoint, format="xml").request_id_from_token(token)
    check(found["service_request_id"] == number, f"open311: token {token} gave {found}")
print("open311-check: open311 posted a request as JSON and as XML and looked its token up: " + ", ".join(posted))

# The posted requests read back with georeport, media included.
for fmt in ("json", "xml"):
    reader = georeport.GeoReport(endpoint, output_format=fmt)
    listed = reader.get_service_requests(service_code="jalan")
    listed = listed if isinstance(listed, list) else [listed]
    numbers = {r["service_request_id"] for r in listed}
    check(set(posted) <= numbers, f"georeport ({fmt}) requests lack the posted ones: {numbers}")
    for number in posted:
        one = reader.get_service_request(number)
        check(one["service_request_id"] == number and one["status"] == "open", f"georeport ({fmt}): {one}")
        check(one["media_url"], f"georeport ({fmt}): {number} has no media_url")
        photo = urllib.request.urlopen(one["media_url"]).read()
        check(photo[:2] == b"\xff\xd8", f"{one['media_url']} is not a JPEG")
        check(b"Exif\x00\x00" not in photo, f"{one['media_url']} still carries its EXIF data (GPS)")
print("open311-check: georeport read the posted requests back as JSON and as XML, with their scrubbed photos")
