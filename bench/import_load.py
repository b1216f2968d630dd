#!/usr/bin/env python3
"""Activity-data import benchmark, driven over HTTP like a person using the inventory page.

Used by bench/import-load.sh (which publishes and starts the app). Signs in as the demo user, creates an
inventory, a facility and three sources (electricity, diesel, R-410A), then for each format (.csv, .xlsx) uploads a
file of ROWS activity rows to the page's import form and times the request until the answer (the import is
all-or-nothing: every row is read, checked cell by cell and by the engine, then stored in one transaction).
Each format imports into its own fresh inventory; the inventory page is then fetched and timed too, and the rows it
lists are counted against ROWS, so a figure is only printed for an import that really stored every row.

Standard library only (urllib, zipfile) so that it runs on a fresh Debian with python3.
"""
import html as html_lib
import http.cookiejar
import io
import re
import sys
import time
import urllib.parse
import urllib.request
import uuid
import zipfile
from xml.sax.saxutils import escape

BASE = sys.argv[1]
EMAIL = sys.argv[2]
PASSWORD = sys.argv[3]
ROWS = int(sys.argv[4]) if len(sys.argv) > 4 else 50_000
FORMATS = sys.argv[5].split(",") if len(sys.argv) > 5 else ["csv", "xlsx"]
WARMUP = int(sys.argv[6]) if len(sys.argv) > 6 else 0

COLUMNS = ["排放源 source", "期間起 from", "期間迄 to", "數量 quantity", "單位 unit",
           "尖峰度數 peak_kwh", "半尖峰度數 semi_peak_kwh", "週六半尖峰度數 saturday_semi_peak_kwh", "離峰度數 off_peak_kwh",
           "契約容量 contract_kw", "單據 reference"]
SOURCES = [("2.1", "electricity.grid.tw", "bench 全廠用電", "kWh"), ("1.1", "fuel.diesel", "bench 發電機柴油", "L"),
           ("1.4", "refrigerant.R-410A", "bench 冷氣冷媒", "kg")]

jar = http.cookiejar.CookieJar()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())


def request(method, path, data=None, content_type=None):
    req = urllib.request.Request(BASE + path, data=data, method=method)
    if content_type:
        req.add_header("Content-Type", content_type)
    req.add_header("Accept-Language", "en")
    try:
        with opener.open(req, timeout=600) as r:
            return r.status, r.headers, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode("utf-8", "replace")


def token(html):
    m = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', html) or \
        re.search(r'name="__RequestVerificationToken"[^>]*value="([^"]+)"', html)
    if not m:
        sys.exit("no antiforgery token on the page")
    return html_lib.unescape(m.group(1))


def post_form(path, fields, page=None):
    _, _, html = request("GET", page or path)
    fields = dict(fields, __RequestVerificationToken=token(html))
    return request("POST", path, urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded")


def post_file(path, page, name, payload):
    _, _, html = request("GET", page)
    boundary = "----bench" + uuid.uuid4().hex
    body = io.BytesIO()
    body.write(f'--{boundary}\r\nContent-Disposition: form-data; name="__RequestVerificationToken"\r\n\r\n{token(html)}\r\n'.encode())
    body.write(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode())
    body.write(payload)
    body.write(f"\r\n--{boundary}--\r\n".encode())
    return request("POST", path, body.getvalue(), f"multipart/form-data; boundary={boundary}")


def rows(year, count):
    # Monthly records cycling through the three sources; each month's days are valid for any year.
    for i in range(count):
        category, activity, description, unit = SOURCES[i % 3]
        month = (i // 3) % 12 + 1
        quantity = {"kWh": 1000 + i % 9000, "L": 10 + i % 500, "kg": (i % 50) / 10 + 0.1}[unit]
        yield [description, f"{year}-{month:02d}-01", f"{year}-{month:02d}-28", f"{quantity}", unit, "", "", "", "", "", f"R-{i}"]


def csv_file(year, count):
    out = io.StringIO()
    out.write(",".join(COLUMNS) + "\n")
    for r in rows(year, count):
        out.write(",".join(r) + "\n")
    return out.getvalue().encode("utf-8")


def col(n):
    s = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        s = chr(65 + rem) + s
    return s


def xlsx_file(year, count):
    # A minimal workbook (inline strings, numbers as numbers) with the template's sheet name.
    sheet = io.StringIO()
    sheet.write('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')

    def row(number, values):
        sheet.write(f'<row r="{number}">')
        for c, v in enumerate(values):
            if v == "":
                continue
            ref = f"{col(c)}{number}"
            if c == 3 and number > 1:
                sheet.write(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                sheet.write(f'<c r="{ref}" t="inlineStr"><is><t>{escape(v)}</t></is></c>')
        sheet.write("</row>")

    row(1, COLUMNS)
    for n, r in enumerate(rows(year, count), start=2):
        row(n, r)
    sheet.write("</sheetData></worksheet>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="活動數據" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", sheet.getvalue())
    return out.getvalue()


def entry_count(html):
    # The page says how many entries the inventory holds ("50,000 筆" / "50,000 entries"); failing that, count rows.
    m = re.search(r'data-testid="entry-count"[^>]*>\s*([0-9,]+)', html)
    return int(m.group(1).replace(",", "")) if m else html.count("handler=Delete")


def main():
    status, _, _ = post_form("/login", {"Account": EMAIL, "Password": PASSWORD})
    if status != 302:
        sys.exit(f"sign-in answered {status}")
    status, headers, html = post_form("/inventory/register?handler=Facility", {"FacilityName": "bench 廠區", "FacilityAddress": "台中市"}, page="/inventory/register")
    status = status if status != 302 else 200
    if status != 200:
        sys.exit(f"facility answered {status}")
    _, _, html = request("GET", "/inventory/register")
    facility = re.search(r'name="Source.FacilityId"[^>]*>.*?<option value="([0-9a-f-]{36})"', html, re.S)
    if not facility:
        sys.exit("no facility to choose on the register page")
    for category, activity, description, _ in SOURCES:
        status, _, _ = post_form("/inventory/register?handler=Source", {"Source.FacilityId": facility.group(1), "Source.Category": category, "Source.Activity": activity, "Source.Description": description}, page="/inventory/register")
        if status not in (200, 302):
            sys.exit(f"source {activity} answered {status}")

    print(f"rows={ROWS} warm-up rows={WARMUP}")
    year = 2024
    if WARMUP:
        # A server that has served imports before: the first import after start also pays for JIT compilation.
        for fmt in FORMATS:
            seconds, _, _, _ = import_one(fmt, year, WARMUP)
            print(f"warm-up {fmt}: {WARMUP} rows in {seconds:.2f}s")
            year -= 1
    for fmt in FORMATS:
        seconds, page_seconds, size, html = import_one(fmt, year, ROWS)
        year -= 1
        stored = entry_count(html)
        if stored != ROWS:
            sys.exit(f"{fmt}: the inventory lists {stored} entries, not {ROWS}")
        print(f"{fmt}: file={size} bytes  import={seconds:.2f}s ({ROWS / seconds:,.0f} rows/s)  inventory page={page_seconds:.2f}s ({len(html):,} chars)  entries={stored}")


def import_one(fmt, year, count):
    status, headers, _ = post_form("/inventory", {"Year": str(year), "Boundary": "OperationalControl"})
    if status != 302:
        sys.exit(f"creating the {year} inventory answered {status}")
    detail = headers["Location"]
    payload = csv_file(year, count) if fmt == "csv" else xlsx_file(year, count)
    started = time.perf_counter()
    status, headers, html = post_file(f"{detail}?handler=Import", detail, f"bench.{fmt}", payload)
    seconds = time.perf_counter() - started
    if status not in (200, 302) or "import-errors" in html:
        errors = re.findall(r"<li><code>([^<]*)</code>([^<]*)</li>", html)[:5]
        sys.exit(f"{fmt} import answered {status}: {errors or html[:500]}")
    started = time.perf_counter()
    status, _, html = request("GET", detail)
    return seconds, time.perf_counter() - started, len(payload), html

main()
