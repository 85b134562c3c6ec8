"""A full disk, an unwritable file and the network: the workbook is left as it was, the
owner gets a sentence instead of a traceback, and nothing ever opens a socket."""

from __future__ import annotations

import socket
import sqlite3
from pathlib import Path

import pytest

from cscoach.cli import main
from cscoach.model import demo, team
from cscoach.model import questionnaire as qn
from cscoach.model.errors import describe_failure
from cscoach.model.workbook import Workbook


def test_full_disk_rolls_back_the_whole_action(workbook: Workbook) -> None:
    people = [team.add_member(workbook, f"Person {n}") for n in range(3)]
    round_id = qn.create_round(workbook, "March", "2026-03-01")
    rqs = qn.round_questions(workbook, round_id)
    pages = workbook.conn.execute("PRAGMA page_count").fetchone()[0]
    workbook.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    big = {rq.id: "x" * 19_000 for rq in rqs}  # far more than two pages
    with pytest.raises(sqlite3.OperationalError, match="full") as caught:
        qn.save_response(workbook, round_id, people[0], big)
    assert qn.list_responses(workbook, round_id) == []  # not one answer of the form
    message = describe_failure(caught.value)
    assert "disk is full" in message and "Nothing was changed" in message
    workbook.conn.execute("PRAGMA max_page_count = 1073741823")
    qn.save_response(workbook, round_id, people[0], {rqs[0].id: "fits now"})


def test_cli_reports_a_read_only_file_in_one_line(tmp_path: Path, capsys, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr("cscoach.model.workbook.Workbook.create", refuse)
    assert main(["new", str(tmp_path / "x.cscoach"), "--business", "Cafe"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "cannot be written to" in err


def test_an_unexpected_error_is_explained_not_dumped() -> None:
    text = describe_failure(KeyError("boom"))
    assert "KeyError" in text and "Your workbook is safe" in text


def test_nothing_opens_a_socket(tmp_path: Path, monkeypatch) -> None:
    """Create the demo, print every document: no network anywhere."""

    def no_network(*args, **kwargs):
        raise AssertionError("CS Coach must never use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket.socket, "connect_ex", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    from cscoach.printing.documents import DOCUMENTS, PrintRequest, render

    path = tmp_path / "demo.cscoach"
    demo.create_demo(path)
    with Workbook.open(path) as wb:
        for name in DOCUMENTS:
            assert render(wb, PrintRequest(name)).pdf.startswith(b"%PDF")
