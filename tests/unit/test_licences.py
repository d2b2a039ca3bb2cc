"""The licence list comes from the installed distributions' metadata, not from a typed table."""

from __future__ import annotations

from email.message import Message
from importlib import metadata

from app.licences import bundled_distributions, components, declared_licence, licence_text
from app.shipped import load_shipped


def _meta(**fields) -> Message:
    message = Message()
    for key, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            message[key.replace("_", "-")] = item
    return message


def test_the_closure_holds_what_the_app_needs_and_not_the_test_tools():
    names = {d.metadata["Name"].lower().replace("_", "-") for d in bundled_distributions()}
    assert bundled_distributions()[0].metadata["Name"] == "vindplaats"
    for needed in (
        "pyside6-essentials",
        "shiboken6",
        "sqlcipher3",
        "reportlab",
        "babel",
        "argon2-cffi",
        "cryptography",
        "pikepdf",
        "uharfbuzz",
        "python-bidi",
    ):
        assert needed in names, needed
    for tool in ("pytest", "pypdf", "hypothesis", "ruff", "mypy", "pip"):
        assert tool not in names, tool


def test_each_entry_is_its_distributions_own_metadata():
    listed = {c.name: c for c in components(load_shipped())}
    for dist in bundled_distributions():
        entry = listed[dist.metadata["Name"]]
        assert entry.version == dist.version
        assert entry.licence == declared_licence(dist.metadata)
    assert listed["vindplaats"].licence == "EUPL-1.2"
    assert "LGPL-3.0-only" in listed["PySide6_Essentials"].licence
    sqlcipher = listed["SQLCipher"]
    assert sqlcipher.version.startswith("4.") and sqlcipher.distribution == "sqlcipher3"
    assert "Permission is granted" in licence_text(
        sqlcipher, load_shipped()
    )  # the wheel's own licence file
    fonts = listed["DejaVu Sans"]
    assert fonts.version == "2.37" and "Bitstream" in licence_text(fonts, load_shipped())


def test_which_field_names_the_licence():
    assert declared_licence(_meta(License_Expression="MIT", License="BSD")) == "MIT"
    assert declared_licence(_meta(License="Apache License 2.0")) == "Apache License 2.0"
    long_text = "Copyright (c) 2004\n\nPermission is hereby granted, free of charge, ..."
    classifier = "License :: OSI Approved :: BSD License"
    assert declared_licence(_meta(License=long_text, Classifier=[classifier])) == "BSD License"
    assert declared_licence(_meta(License=long_text)) == "Copyright (c) 2004"
    assert declared_licence(_meta()) == ""
    assert metadata.version("vindplaats")
