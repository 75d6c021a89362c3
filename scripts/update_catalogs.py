"""Extract the messages of src/ and bring the catalogs up to date.

    python scripts/update_catalogs.py          # update src/govreport/locale/*/LC_MESSAGES/govreport.po
    python scripts/update_catalogs.py --check  # exit 1 when a catalog is out of date or incomplete

The same as ``pybabel extract -F babel.cfg`` followed by ``pybabel update --no-fuzzy-matching``
(see babel.cfg), without a template file. Existing translations are kept, messages no longer in the
source are dropped, new ones are added untranslated: fill in their ``msgstr`` in the ``en`` catalog.
The ``zh_CN`` catalog may leave ``msgstr`` empty — the msgid is already the Chinese text.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from govreport.i18n import DOMAIN, LOCALES, catalog_path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"


HEADER = """\
# {language} messages of govreport (msgid: the Chinese text in the source).
# Updated by scripts/update_catalogs.py; tests/test_i18n.py checks it is complete.
# This file is distributed under the same license as the govreport project (MIT)."""


def _new_catalog(locale: str | None) -> Catalog:
    language = {"en": "English", "zh_CN": "Chinese (Simplified)", None: "Template for the"}[locale]
    return Catalog(
        locale=locale,
        domain=DOMAIN,
        header_comment=HEADER.format(language=language),
        project="govreport",
        version="",
        copyright_holder="govreport contributors",
        msgid_bugs_address="",
        last_translator="govreport contributors",
        language_team="govreport",
        fuzzy=False,
    )


def extract() -> Catalog:
    """Every message marked in src/ (per babel.cfg), as a template catalog."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    template = _new_catalog(None)
    for filename, lineno, message, comments, context in extract_from_dir(
        SRC, method_map, options_map, strip_comment_tags=True
    ):
        path = (SRC / filename).relative_to(ROOT).as_posix()
        template.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    return template


def catalog_file(locale: str) -> Path:
    return catalog_path(locale)


def updated(locale: str, template: Catalog) -> Catalog:
    path = catalog_file(locale)
    if path.is_file():
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=locale, domain=DOMAIN)
    else:
        catalog = _new_catalog(locale)
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    catalog.obsolete.clear()
    catalog.fuzzy = False
    return catalog


def render(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, catalog, width=110, sort_output=True, include_lineno=False, omit_header=False,
             ignore_obsolete=True)
    # The header's creation/revision dates change on every run; keep the file stable.
    # Babel's version and placeholders would churn or mislead; drop them.
    volatile = (b'"POT-Creation-Date:', b'"PO-Revision-Date:', b'"Generated-By:', b'"Report-Msgid-Bugs-To:')
    lines = [ln for ln in buf.getvalue().split(b"\n") if not ln.startswith(volatile)]
    lines = [b'"Project-Id-Version: govreport\\n"' if ln.startswith(b'"Project-Id-Version:') else ln for ln in lines]
    return b"\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report whether the catalogs are up to date")
    args = parser.parse_args(argv)
    template = extract()
    stale = []
    for locale in LOCALES:
        path = catalog_file(locale)
        data = render(updated(locale, template))
        current = path.read_bytes() if path.is_file() else b""
        if data == current:
            continue
        stale.append(path.relative_to(ROOT).as_posix())
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    if args.check and stale:
        print("out of date (run python scripts/update_catalogs.py):", ", ".join(stale), file=sys.stderr)
        return 1
    for path_name in stale:
        print("updated", path_name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
