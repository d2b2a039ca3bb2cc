"""The bounded reader refuses hostile JSON/YAML with one Dutch line, never another exception."""

from __future__ import annotations

import pytest

from app.core.bounded import InputError, ascii_int, load_yaml, loads_json, one_line


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000,
        '{"a":' * 50_000,
        "[1" + "0" * 5000 + "]",
        "[1." + "0" * 5000 + "]",
        "[1e400]",
        "[NaN]",
        "[-Infinity]",
        '["\\udcff"]',
        '{"\\ud800": 1}',
        '"' + "a" * 200_000 + '"',
        "[1, 2",
        "",
        b"\xff\xfe",
    ],
)
def test_hostile_json_is_one_line_refusal(text):
    with pytest.raises(InputError) as caught:
        loads_json(text)
    message = str(caught.value)
    assert message and "\n" not in message and len(message) < 120


def test_ordinary_json_passes_unchanged():
    assert loads_json('{"a": [1, 2.5, "x", null, true], "b": "\\ud83d\\ude00"}') == {
        "a": [1, 2.5, "x", None, True],
        "b": "😀",
    }
    assert loads_json(b'\xef\xbb\xbf{"a": 1}') == {"a": 1}  # Excel-style BOM


def test_brackets_inside_strings_do_not_count_as_nesting():
    assert loads_json('["' + "[" * 1000 + '\\"' + '"]') == ["[" * 1000 + '"']


def test_size_limit():
    with pytest.raises(InputError, match="te groot"):
        loads_json("[" + "1," * 600 + "1]", max_bytes=1000)


def test_max_size_json_is_read():
    text = "[" + ",".join('{"a": "xxxxxxxxxx", "b": [1, 2.5]}' for _ in range(50_000)) + "]"
    assert len(text) < 2_000_000
    assert len(loads_json(text)) == 50_000


@pytest.mark.parametrize(
    "text",
    [
        "a: 1" + "0" * 5000,
        "a: 2026-13-45",
        "? [a, b]\n: 1\n",
        "a: [1, 2",
        "a: .inf",
        "a: !!python/object:os.system {}",
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join('*' + chr(97 + i) for _ in range(10))}]\n"
            for i in range(6)
        ),
    ],
)
def test_hostile_yaml_is_one_line_refusal(text):
    with pytest.raises(InputError) as caught:
        load_yaml(text)
    assert "\n" not in str(caught.value)


def test_ascii_int_refuses_what_isdigit_allows():
    assert ascii_int(" 2026 ", max_digits=4) == 2026
    assert ascii_int("²", max_digits=4) is None
    assert ascii_int("٣", max_digits=4) is None
    assert ascii_int("20266", max_digits=4) is None
    assert ascii_int("9" * 5000, max_digits=4) is None
    assert ascii_int("-1", max_digits=4) is None


def test_one_line_escapes_and_shortens():
    assert one_line("a\nb\r\x00c") == "a\\nb\\r\\x00c"
    assert one_line("x" * 10_000, 20) == "x" * 19 + "…"
    assert "\n" not in one_line("\u2028\n" * 1000)


def test_whole_numbers_only_where_the_vault_writes_only_whole_numbers():
    """The backup manifest and the key-slot file read through loads_json(floats=False)."""
    assert loads_json('{"n": 12}', floats=False) == {"n": 12}
    for text in ('{"n": 1.5}', '{"n": 1e3}', '{"n": NaN}'):
        with pytest.raises(InputError):
            loads_json(text, floats=False)
    assert loads_json('{"n": 1.5}') == {"n": 1.5}
