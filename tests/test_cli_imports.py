"""``cscoach kpi import`` and ``cscoach survey import`` through ``cscoach.cli.main``, as the
owner types them: a survey import never stores a figure from a guessed wrong column (a
refusal is one line on stderr, exit 2, the workbook byte-identical and no backup made),
Excel's "Unicode Text" files import, and a big import's report stays short."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.cli import assert_one_error_line, digest
from helpers.surveys import ADMIN_FLAG, JOB_OFFER, PYTHON_SURVEY, STOCKS_SURVEY

from cscoach.cli import main
from cscoach.model import kpi_entries, kpis
from cscoach.model.workbook import Workbook


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    """A workbook alone in its own folder, with one value."""
    folder = tmp_path / "shop"
    folder.mkdir()
    path = folder / "shop.cscoach"
    with Workbook.create(path, "Corner Café") as wb:
        kpi_entries.set_entry(wb, kpis.kpi_by_key(wb, "csat").id, "2019-02", 81, "")
    return path


def refused(capsys, shop: Path, args: list[str], *fragments: str) -> str:
    before = digest(shop)
    files = sorted(p.name for p in shop.parent.iterdir())
    code, out, err = cli(capsys, *args)
    assert (code, out) == (2, ""), err
    line = assert_one_error_line(err, *fragments)
    assert digest(shop) == before, "the workbook changed"
    assert sorted(p.name for p in shop.parent.iterdir()) == files, "a file was made"
    return line


def values(path: Path) -> dict[tuple[str, str], float]:
    with Workbook.open(path, read_only=True) as wb:
        keys = {k.id: k.key for k in kpis.list_kpis(wb)}
        return {(keys[e.kpi_id], e.month): e.value for e in kpi_entries.list_entries(wb)}


WRONG_COLUMNS = [
    ("CSAT 0.0 from “Python 2 or 3?”", PYTHON_SURVEY, "“Python 2 or 3?”"),
    ("NPS from a share of savings in stocks", STOCKS_SURVEY, "savings is in stocks"),
    ("NPS −100 from is_admin, not score", ADMIN_FLAG, "“is_admin”, “score”"),
]


@pytest.mark.parametrize(
    ("text", "named"), [w[1:] for w in WRONG_COLUMNS], ids=[w[0] for w in WRONG_COLUMNS]
)
@pytest.mark.parametrize("replace", [False, True], ids=["keep", "replace"])
def test_no_answer_column_is_guessed_from_its_values(
    capsys, tmp_path: Path, shop: Path, text: str, named: str, replace: bool
) -> None:
    survey = tmp_path / "survey.csv"
    survey.write_text(text, encoding="utf-8")
    args = ["survey", "import", "--workbook", str(shop), str(survey)] + ["--replace"] * replace
    refused(
        capsys,
        shop,
        args,
        "CS Coach cannot tell which columns of survey.csv to read",
        "no column's heading asks",
        named,
        "--nps-column NAME",
        "--csat-column NAME",
    )


def test_the_answer_column_named_imports(capsys, tmp_path: Path, shop: Path) -> None:
    survey = tmp_path / "survey.csv"
    survey.write_text(ADMIN_FLAG, encoding="utf-8")
    args = ["survey", "import", "--workbook", str(shop), str(survey), "--nps-column", "score"]
    code, out, err = cli(capsys, *args)
    assert (code, err) == (0, ""), err
    assert "dates from “submitted_at” (the form's own timestamp), NPS from “score”." in out
    assert values(shop)[("nps", "2019-09")] == 50.0


def test_the_forms_timestamp_not_a_typed_date(capsys, tmp_path: Path, shop: Path) -> None:
    survey = tmp_path / "typeform.csv"
    survey.write_text(JOB_OFFER, encoding="utf-8")
    code, out, err = cli(capsys, "survey", "import", "--workbook", str(shop), str(survey))
    assert (code, err) == (0, ""), err
    assert "dates from “Submit Date (UTC)” (the form's own timestamp)" in out
    assert {k: v for k, v in values(shop).items() if k[0] == "nps"} == {
        ("nps", "2019-10"): 100.0,
        ("nps", "2019-11"): -50.0,
    }


UNSURE = [
    (
        "two recommend questions",
        "Timestamp,How likely are you to recommend our café to a friend?,"
        "How likely are you to recommend our catering to a friend?\n2019-10-01 10:00:00,9,7\n",
        ["2 columns ask how likely", "--nps-column NAME"],
    ),
    (
        "Yes/No/Maybe answers",
        "Timestamp,Would you recommend us to a friend?\n2019-10-01 10:00:00,Yes\n"
        "2019-10-02 10:00:00,No\n2019-10-03 10:00:00,Maybe\n",
        ["“Would you recommend us to a friend?” has answers like “Yes”, “No”, “Maybe”"],
    ),
    (
        "the only date column not fully readable",
        "When did you visit?,How likely are you to recommend us?\n2019-10-03,9\nlately,7\n",
        ["“When did you visit?”", "line 3: “lately”", "--date-column NAME"],
    ),
    (
        "a heading on two lines",
        'Timestamp,"Would you recommend us?\n(Yes or No)"\n2019-10-01 10:00:00,Yes\n',
        ["“Would you recommend us? (Yes or No)”"],
    ),
]


@pytest.mark.parametrize(("text", "fragments"), [u[1:] for u in UNSURE], ids=[u[0] for u in UNSURE])
def test_unsure_is_refused_in_one_line(
    capsys, tmp_path: Path, shop: Path, text: str, fragments: list[str]
) -> None:
    survey = tmp_path / "survey.csv"
    survey.write_text(text, encoding="utf-8")
    refused(capsys, shop, ["survey", "import", "--workbook", str(shop), str(survey)], *fragments)


# -- Excel's "Unicode Text" ------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be-with-bom"])
def test_unicode_text_files_import(capsys, tmp_path: Path, shop: Path, encoding: str) -> None:
    def save(path: Path, text: str) -> None:
        text = text.replace("\n", "\r\n")
        if encoding == "utf-16":
            path.write_bytes(text.encode("utf-16"))
        else:
            path.write_bytes(b"\xfe\xff" + text.encode("utf-16-be"))

    kpi_file = tmp_path / "values.txt"
    save(
        kpi_file,
        "month\tkpi\tvalue\tnote\n2019-03\tCustomer satisfaction (CSAT)\t85,5\tBusy, warm\n",
    )
    code, out, err = cli(capsys, "kpi", "import", "--workbook", str(shop), str(kpi_file))
    assert (code, err) == (0, ""), err
    assert "Imported 1 new value." in out
    survey = tmp_path / "survey.txt"
    save(
        survey,
        "Respondent ID\tStart Date\tEnd Date\tHow likely is it that you would recommend us to a "
        "friend, or a colleague?\tOverall, how satisfied are you?\n"
        "\t\t\tResponse\tResponse\n"
        "1\t10/31/2019 11:58:00 PM\t11/01/2019 12:02:00 AM\t10\t5\n",
    )
    code, out, err = cli(capsys, "survey", "import", "--workbook", str(shop), str(survey))
    assert (code, err) == (0, ""), err
    assert "dates from “End Date” (the form's own timestamp)" in out
    found = values(shop)
    assert found[("csat", "2019-03")] == 85.5
    assert (found[("nps", "2019-11")], found[("csat", "2019-11")]) == (100.0, 100.0)


def test_a_damaged_unicode_text_file_is_refused(capsys, tmp_path: Path, shop: Path) -> None:
    kpi_file = tmp_path / "values.txt"
    kpi_file.write_bytes("month\tkpi\tvalue\n2019-03\tcsat\t85\n".encode("utf-16")[:-1])
    refused(capsys, shop, ["kpi", "import", "--workbook", str(shop), str(kpi_file)], "cut short")


# -- the report of a big import ----------------------------------------------------------------


def test_a_ten_thousand_row_replace_is_reported_in_a_few_lines(
    capsys, tmp_path: Path, shop: Path
) -> None:
    with Workbook.open(shop) as wb:
        for n in range(4):
            kpis.add_kpi(wb, kpis.KpiInput(f"Own measure {n + 1}", "count"), 10)
        names = [k.name for k in kpis.list_kpis(wb)]
    months = [f"{year}-{month:02d}" for year in range(1900, 2026) for month in range(1, 13)]
    rows = [(month, name) for month in months for name in names][:10_000]
    source = tmp_path / "values.csv"
    for value in (40, 41):
        lines = ["month,kpi,value,note", *(f'{m},"{name}",{value},' for m, name in rows)]
        source.write_text("\n".join(lines) + "\n", encoding="utf-8")
        code, out, err = cli(
            capsys, "kpi", "import", "--workbook", str(shop), str(source), "--replace"
        )
        assert (code, err) == (0, ""), err
    assert out.splitlines()[0] == "Imported 0 new values and replaced 10,000."
    assert len(out) < 1500, out
    replaced = out.splitlines()[1]
    assert replaced.startswith("Replaced: 10,000 values — Customer satisfaction (CSAT), 1,250 ")
    assert "months from 1900-01 to 2004-02" in replaced
    # without --replace the months kept are summarised the same way
    source.write_text("\n".join(lines).replace(",41,", ",42,") + "\n", encoding="utf-8")
    code, out, err = cli(capsys, "kpi", "import", "--workbook", str(shop), str(source))
    assert (code, err) == (0, "") and len(out) < 1500
    assert "Kept 10,000 existing values (import with replace to overwrite them): " in out
