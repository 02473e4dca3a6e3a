"""Screenshots of the main pages at phone and desktop width, for anyone to see the product.

Runs the demo (a temporary SQLite database filled by ``dvcq load-demo``) under gunicorn on
loopback, opens each page in headless Chromium (Playwright, Debian's /usr/bin/chromium) and
saves ``docs/screenshots/<page>-<phone|desktop>.png``, reduced to a 256-colour palette so
each file stays small. ``make screenshots`` runs it.
"""

import argparse
import io
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SIZES = {"phone": (360, 740), "desktop": (1366, 900)}
PASSWORD = "demo-dvcq-2023"  # noqa: S105 -- the demo's published password
MAX_BYTES = 200 * 1024

# (file name, user or None, path, or "first link matching" on a list page)
PAGES = [
    ("01-dang-nhap", None, "/tai-khoan/dang-nhap/", None),
    ("02-tong-quan", "vanphong", "/", None),
    ("03-chuong-trinh", "vanphong", "/chuong-trinh/", r"^/chuong-trinh/\d+/$"),
    ("04-danh-sach-nhiem-vu", "vanphong", "/nhiem-vu/", None),
    ("05-nhiem-vu", "vanphong", "/nhiem-vu/", r"^/nhiem-vu/\d+/$"),
    ("06-ban-chi-dao", "vanphong", "/ban-chi-dao/", None),
    ("07-hop", "vanphong", "/hop/", None),
    ("08-don-thu", "vanphong", "/cong-dan/bang-theo-doi/", None),
    ("09-hoat-dong", "vanphong", "/hoat-dong/", None),
    ("10-bao-cao-tinh", "tinh", "/bao-cao/", None),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def dvcq(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True)  # noqa: S603


def serve(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603 -- our own gunicorn
        [str(Path(sys.executable).with_name("gunicorn")), "dvcq.wsgi", f"--bind=127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
    )
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


def save_small(png: bytes, target: Path) -> int:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    for colours in (256, 128, 64):
        out = io.BytesIO()
        image.quantize(colors=colours, method=Image.Quantize.MEDIANCUT).save(
            out, "PNG", optimize=True
        )
        if out.tell() <= MAX_BYTES:
            break
    target.write_bytes(out.getvalue())
    return out.tell()


def shoot(base: str, output: Path) -> list[tuple[str, int]]:
    saved = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for size_name, (width, height) in SIZES.items():
            contexts = {}
            for name, user, path, link in PAGES:
                if user not in contexts:
                    context = browser.new_context(
                        viewport={"width": width, "height": height}, locale="vi-VN"
                    )
                    page = context.new_page()
                    if user:
                        page.goto(base + "/tai-khoan/dang-nhap/")
                        page.fill("input[name=username]", user)
                        page.fill("input[name=password]", PASSWORD)
                        page.click("form:has(input[name=password]) [type=submit]")
                        page.wait_for_load_state()
                        if "/dang-nhap/" in page.url:
                            raise SystemExit(f"could not log in as {user}")
                    contexts[user] = page
                page = contexts[user]
                page.goto(base + path)
                if link:
                    hrefs = page.eval_on_selector_all(
                        "a[href]", "els => els.map(e => e.getAttribute('href'))"
                    )
                    target = next((h for h in hrefs if re.match(link, h)), None)
                    if target is None:
                        print(f"skipped {name}: no link like {link} on {path}", file=sys.stderr)
                        continue
                    page.goto(base + target)
                page.wait_for_load_state("networkidle")
                file = output / f"{name}-{size_name}.png"
                saved.append((file.name, save_small(page.screenshot(), file)))
        browser.close()
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dvcq-shots-") as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp}/demo.sqlite3",
            "DVCQ_DATA_DIR": tmp,
            "DVCQ_EVIDENCE_ROOT": f"{tmp}/evidence",
            "DVCQ_QUEUE_URL": "",
            "DEBUG": "true",
            # The demo's accounts have no authenticator app; show the pages, not enrolment.
            "DVCQ_REQUIRE_2FA": "false",
        }
        dvcq(env, "migrate", "--noinput", "-v", "0")
        dvcq(env, "load-demo")
        port = free_port()
        server = serve(env, port)
        try:
            saved = shoot(f"http://127.0.0.1:{port}", args.output)
        finally:
            server.terminate()
            server.wait(timeout=15)
    for name, size in saved:
        print(f"{name}: {size // 1024} KB")


if __name__ == "__main__":
    main()
