"""On a terminal a new passphrase is asked twice (hidden); a mismatch creates nothing."""

from __future__ import annotations

import argparse
import getpass
import io
import sys

import pytest

from app.cli import UserError, vault_cmd, wire
from app.store import keyslots
from app.store.vault import Vault


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def typed(monkeypatch):
    answers: list[str] = []
    prompts: list[str] = []

    def fake_getpass(prompt=""):
        prompts.append(prompt)
        return answers.pop(0)

    monkeypatch.setattr(sys, "stdin", _Terminal())
    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    # cheap KDF: this test is about the dialogue, not the cost
    monkeypatch.setattr(vault_cmd, "_vault", lambda args: Vault(args.data_dir, keyslots.TEST_KDF))
    return answers, prompts


def test_init_on_a_terminal_asks_twice(typed, tmp_path, capsys):
    answers, prompts = typed
    answers += ["fictieve kluis lamp wolk", "fictieve kluis lamp wolk"]
    code = vault_cmd._init(wire(argparse.Namespace(data_dir=tmp_path / "v")))
    assert code == 0
    assert len(prompts) == 2
    assert "Herstelcode" in capsys.readouterr().out


def test_init_on_a_terminal_with_two_different_answers_makes_nothing(typed, tmp_path):
    answers, _ = typed
    answers += ["fictieve kluis lamp wolk", "fictieve kluis lamp wol"]
    with pytest.raises(UserError, match="niet gelijk"):
        vault_cmd._init(wire(argparse.Namespace(data_dir=tmp_path / "v")))
    assert not (tmp_path / "v").exists()
