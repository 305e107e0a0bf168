"""`warbrief extract`: every input kind gives schema-valid output; bad input gives a one-line
error naming the input, exit status 3, and the other inputs are still processed."""

from __future__ import annotations

import http.server
import io
import json
import sys
import threading
import time

import pytest

from helpers import make_pdf, validate
from warbrief.cli import main

pytestmark = pytest.mark.model

TEXT = ("Russian forces recently advanced near Kupyansk, the Ukrainian General Staff said on "
        "October 30. Russian President Vladimir Putin met Serbian President Aleksandar Vučić.")
HTML = f"""<!doctype html><html><head><title>Front update</title>
<meta name="date" content="2024-11-01"><meta property="og:site_name" content="Example Desk"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Front update</h1><p>{TEXT}</p>
<p>Ukrainian troops regained positions near Kurakhove, the General Staff reported on Thursday.</p></article>
<footer>Copyright Example Desk</footer></body></html>"""


def run_cli(capsys, *argv: str, stdin: bytes | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = main(["extract", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def parse_out(out: str) -> list[dict]:
    out = out.strip()
    if not out:
        return []
    if out.startswith("{\n"):
        return [json.loads(out)]
    return [json.loads(line) for line in out.splitlines()]


def test_text_file_keeps_text_exactly(tmp_path, capsys):
    p = tmp_path / "report.txt"
    raw = "  " + TEXT + "\r\n\nSecond paragraph.\n"
    p.write_bytes(raw.encode("utf-8"))
    code, out, err = run_cli(capsys, str(p), "--published", "2024-11-01", "--source", "ISW")
    assert code == 0, err
    [a] = parse_out(out)
    validate(a)
    assert a["document"]["text"] == raw
    assert a["document"]["source"] == "ISW"
    assert a["document"]["published"] == "2024-11-01"


def test_markdown_file(tmp_path, capsys):
    p = tmp_path / "note.md"
    p.write_text("# Update\n\n" + TEXT, encoding="utf-8")
    code, out, _ = run_cli(capsys, str(p))
    assert code == 0
    [a] = parse_out(out)
    validate(a)
    assert a["document"]["published"] is None


def test_stdin_is_read_when_no_input(capsys, monkeypatch):
    code, out, _ = run_cli(capsys, "--published", "2024-11-01", stdin=TEXT.encode(), monkeypatch=monkeypatch)
    assert code == 0
    [a] = parse_out(out)
    validate(a)
    assert a["document"]["text"] == TEXT


def test_html_main_text_and_metadata(tmp_path, capsys):
    p = tmp_path / "page.html"
    p.write_text(HTML, encoding="utf-8")
    code, out, err = run_cli(capsys, str(p))
    assert code == 0, err
    [a] = parse_out(out)
    validate(a)
    assert "Kupyansk" in a["document"]["text"]
    assert "Home" not in a["document"]["text"]  # navigation dropped
    assert a["document"]["title"] == "Front update"
    assert a["document"]["published"] == "2024-11-01"


def test_published_option_wins_over_page_metadata(tmp_path, capsys):
    p = tmp_path / "page.html"
    p.write_text(HTML, encoding="utf-8")
    _, out, _ = run_cli(capsys, str(p), "--published", "2024-10-31")
    assert parse_out(out)[0]["document"]["published"] == "2024-10-31"


def test_pdf_text_and_metadata(tmp_path, capsys):
    p = tmp_path / "report.pdf"
    p.write_bytes(make_pdf(["Russian forces advanced near Kupyansk on October 30.",
                            "Putin met Vucic in Moscow."], title="PDF report"))
    code, out, err = run_cli(capsys, str(p))
    assert code == 0, err
    [a] = parse_out(out)
    validate(a)
    assert "Kupyansk" in a["document"]["text"]
    assert a["document"]["title"] == "PDF report"
    assert a["document"]["published"] == "2024-11-01"


def test_jsonl_batch_line_fields_win(tmp_path, capsys):
    p = tmp_path / "batch.jsonl"
    lines = [{"text": TEXT, "published": "2024-11-01", "source": "Line Source", "id": "a"},
             {"text": "Zelensky met Biden in Washington on Tuesday."}]
    p.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, str(p), "--source", "CLI Source", "--published", "2024-10-01")
    assert code == 0
    docs = parse_out(out)
    assert [d["document"]["source"] for d in docs] == ["Line Source", "CLI Source"]
    assert [d["document"]["published"] for d in docs] == ["2024-11-01", "2024-10-01"]
    for d in docs:
        validate(d)


def test_jsonl_text_may_hold_unicode_line_separators(tmp_path, capsys):
    """JSON leaves U+2028, U+2029 and U+0085 unescaped (ensure_ascii=False): only \n ends a line."""
    p = tmp_path / "batch.jsonl"
    texts = ["Shelling hit Kharkiv.\u2028Two people were hurt.", "Zelensky spoke in Kyiv.\x85Then he left.",
             "A third report from Odesa."]
    p.write_text("\r\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in texts) + "\r\n",
                 encoding="utf-8")
    code, out, err = run_cli(capsys, str(p))
    assert code == 0, err
    assert [d["document"]["text"] for d in parse_out(out)] == texts


def test_directory_is_read_recursively(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "two.md").write_text("Zelensky spoke in Kyiv.", encoding="utf-8")
    (tmp_path / "ignore.bin").write_bytes(b"\x00\x01")
    code, out, _ = run_cli(capsys, str(tmp_path))
    assert code == 0
    assert len(parse_out(out)) == 2


def test_document_id_is_content_hash(tmp_path, capsys):
    import hashlib

    p = tmp_path / "x.txt"
    p.write_text(TEXT, encoding="utf-8")
    _, out, _ = run_cli(capsys, str(p))
    assert parse_out(out)[0]["document"]["id"] == "sha256:" + hashlib.sha256(TEXT.encode()).hexdigest()


# ------------------------------------------------------------------ bad input

BAD_FILES = {
    "empty.txt": b"",
    "blank.txt": b"   \n\t\n",
    "binary.txt": bytes(range(256)) * 4,
    "latin1.txt": "Kyiv \u2013 caf\u00e9".encode("cp1252"),
    "broken.pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage",
    "fake.pdf": b"this is not a pdf",
    "nav.html": b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
    "empty.html": b"",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_one_line_error_exit_3_others_processed(tmp_path, capsys, name):
    bad = tmp_path / name
    bad.write_bytes(BAD_FILES[name])
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    code, out, err = run_cli(capsys, str(bad), str(good))
    assert code == 3
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and str(bad) in lines[0], err
    assert len(parse_out(out)) == 1  # the good input still printed


def test_missing_file(tmp_path, capsys):
    code, out, err = run_cli(capsys, str(tmp_path / "nope.txt"))
    assert code == 3 and "no such file" in err and out == ""


def test_huge_text_refused(tmp_path, capsys):
    p = tmp_path / "huge.txt"
    with p.open("wb") as f:
        line = (TEXT + "\n").encode()
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            f.write(line)
    code, out, err = run_cli(capsys, str(p))
    assert code == 3 and "limit" in err and out == ""
    assert len(err.strip().splitlines()) == 1


def test_text_over_character_limit_refused(capsys, monkeypatch):
    from warbrief.pipeline import MAX_CHARS

    code, out, err = run_cli(capsys, stdin=b"a " * (MAX_CHARS // 2 + 10), monkeypatch=monkeypatch)
    assert code == 3 and "limit" in err and out == ""


@pytest.mark.parametrize("line,reason", [
    ("not json", "not valid JSON"),
    ('{"title": "no text"}', 'missing "text"'),
    ('["a list"]', "expected a JSON object"),
    ('{"text": ""}', "empty"),
])
def test_malformed_jsonl_line(tmp_path, capsys, line, reason):
    p = tmp_path / "batch.jsonl"
    p.write_text(json.dumps({"text": TEXT}) + "\n" + line + "\n" + json.dumps({"text": "Kyiv is calm."}) + "\n",
                 encoding="utf-8")
    code, out, err = run_cli(capsys, str(p))
    assert code == 3
    assert f"{p}:2" in err and reason in err
    assert len(parse_out(out)) == 2


def test_a_line_with_an_unreadable_date_is_analysed_undated(tmp_path, capsys):
    """Issue 18: a date inside a file is read leniently; what cannot be read leaves the
    document undated, with a warning, never refused."""
    p = tmp_path / "batch.jsonl"
    p.write_text(json.dumps({"text": TEXT, "published": "last Tuesday"}) + "\n"
                 + json.dumps({"text": "Kyiv is calm.", "published": "Dec 17, 2016"}) + "\n", encoding="utf-8")
    code, out, err = run_cli(capsys, str(p))
    assert code == 0
    assert [a["document"]["published"] for a in parse_out(out)] == [None, "2016-12-17"]
    assert f"warning: {p}:1: published 'last Tuesday' is not a date" in err and f"{p}:2" not in err


def test_bad_published_is_usage_error(capsys):
    code, _, err = run_cli(capsys, "--published", "yesterday", "x.txt")
    assert code == 2 and "--published" in err


def test_unknown_format_is_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["extract", "--format", "xml", "x.txt"])
    assert exc.value.code == 2


# ------------------------------------------------------------------ URLs


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):  # noqa: N802 - http.server API
        routes = {
            "/page": (200, "text/html; charset=utf-8", HTML.encode()),
            "/plain": (200, "text/plain", TEXT.encode()),
            "/doc.pdf": (200, "application/pdf", make_pdf(["Russian forces shelled Kharkiv on Monday."])),
            "/image": (200, "image/png", b"\x89PNG\r\n\x1a\n"),
            "/big": (200, "text/plain", b"x" * 5000),
            "/missing": (404, "text/plain", b"nope"),
        }
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/page")
            self.end_headers()
            return
        status, ctype, body = routes.get(self.path, (404, "text/plain", b"nope"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.mark.parametrize("path,needle", [("/page", "Kupyansk"), ("/plain", "Kupyansk"),
                                         ("/doc.pdf", "Kharkiv"), ("/redirect", "Kupyansk")])
def test_url_kinds(server, capsys, path, needle):
    code, out, err = run_cli(capsys, server + path, "--allow-private-urls")
    assert code == 0, err
    [a] = parse_out(out)
    validate(a)
    assert needle in a["document"]["text"]
    assert a["document"]["url"].startswith(server)


def test_private_url_refused_by_default(server, capsys):
    code, out, err = run_cli(capsys, server + "/page")
    assert code == 3 and out == ""
    assert "private" in err and "--allow-private-urls" in err


@pytest.mark.parametrize("path,reason", [("/missing", "HTTP 404"), ("/image", "unsupported content type")])
def test_url_errors(server, capsys, path, reason):
    code, _, err = run_cli(capsys, server + path, "--allow-private-urls")
    assert code == 3 and reason in err


def test_url_timeout(server, capsys):
    code, _, err = run_cli(capsys, server + "/slow", "--allow-private-urls", "--timeout", "0.3")
    assert code == 3 and "timed out" in err


def test_url_size_cap(server):
    from warbrief.errors import InputError
    from warbrief.ingest import ReadOptions
    from warbrief.ingest.url import fetch

    got = fetch(server + "/big", ReadOptions(allow_private=True, max_bytes=1000))
    assert isinstance(got, InputError) and "limit" in got.reason


def test_unsupported_scheme(capsys):
    code, _, err = run_cli(capsys, "ftp://example.org/x.txt")
    assert code == 3 and "scheme" in err


def test_api_matches_cli(tmp_path, capsys):
    import warbrief

    p = tmp_path / "r.txt"
    p.write_text(TEXT, encoding="utf-8")
    _, out, _ = run_cli(capsys, str(p), "--published", "2024-11-01", "--source", "ISW")
    api = warbrief.analyze(TEXT, published="2024-11-01", source="ISW").to_dict()
    assert parse_out(out)[0] == json.loads(json.dumps(api))


def test_roundtrip_from_dict():
    import warbrief
    from warbrief.analysis import Analysis

    a = warbrief.analyze(TEXT, published="2024-11-01").to_dict()
    assert Analysis.from_dict(a).to_dict() == a


def test_analyze_many_keeps_order_and_reports_errors():
    import warbrief
    from warbrief.pipeline import DocumentInput

    errors = []
    out = list(warbrief.analyze_many([DocumentInput("Kyiv is calm.", id="1"), DocumentInput("", id="2"),
                                      "Zelensky spoke."], on_error=errors.append))
    assert [a.document.text for a in out] == ["Kyiv is calm.", "Zelensky spoke."]
    assert len(errors) == 1 and errors[0].source == "2"


def test_sample_corpus_validates(pipeline):
    from warbrief.cli.demo import sample_documents
    from warbrief.pipeline import analyze_stream

    docs = sample_documents()
    assert len(docs) >= 5
    for _item, a in analyze_stream(docs):
        data = a.to_dict()
        validate(data)
        assert a.document.text != ""


def test_no_stage_errors_on_sample_corpus(pipeline):
    from warbrief.cli.demo import sample_documents

    for item in sample_documents():
        doc = pipeline.nlp(pipeline.make_doc(item))
        assert not doc._.wb.notes.get("stage_errors"), doc._.wb.notes["stage_errors"]


def test_no_input_files_means_stdin_usage_documented():
    from warbrief.cli import build_parser

    text = build_parser()._subparsers._group_actions[0].choices["extract"].format_help()  # type: ignore[union-attr]
    assert "Example" in text and "--published" in text


def test_schema_file_is_valid():
    import jsonschema

    from helpers import SCHEMA

    jsonschema.Draft202012Validator.check_schema(SCHEMA)




def test_json_lines_output_escapes_unicode_line_separators():
    from warbrief.jsonl import dumps_line

    obj = {"text": "a\u2028b\u2029c\x85d — Київ"}
    line = dumps_line(obj, compact=True)
    assert len(line.splitlines()) == 1 and "Київ" in line
    assert json.loads(line) == obj
