"""Shared test set-up: no test touches a real folder, Qt runs offscreen, a small valid form to hand."""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
MILD = ROOT / "forms" / "mild.toml"


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point every folder the kiosk might write to at this test's own temporary directory."""
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "config" / "kiosk.toml"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/ui needs Qt: mark it, so `-m "not gui"` runs the core suite alone."""
    for item in items:
        if "ui" in Path(str(item.fspath)).relative_to(ROOT / "tests").parts[:1]:
            item.add_marker(pytest.mark.gui)


_SMALL_FORM: dict[str, Any] = {
    "id": "small",
    "version": "0.1",
    "title": "A small procedure",
    "full_name": "A small procedure used in tests",
    "summary": "Two steps and two risks.",
    "about": {"id": "about", "title": "About", "body": "What it is.\n\nWhy it is done."},
    "steps": [
        {"id": "step-one", "title": "Step one", "body": "First."},
        {"id": "step-two", "title": "Step two", "body": "Second."},
    ],
    "risks": [
        {"id": "risk-a", "title": "Risk A", "body": "A can happen."},
        {"id": "risk-b", "title": "Risk B", "body": "B can happen."},
    ],
    "options": {
        "id": "options",
        "title": "If it does not help",
        "intro": "There are choices.",
        "items": [{"id": "option-rest", "title": "Rest", "body": "Rest more."}],
    },
    "precautions": {
        "id": "precautions",
        "title": "Afterwards",
        "intro": "Take care.",
        "items": [{"id": "precaution-lifting", "title": "No lifting", "body": "Do not lift."}],
    },
    "questions": [
        {
            "id": f"q-{n}",
            "prompt": f"Question {n}?",
            "answer": "a",
            "teaches": teaches,
            "choices": [{"id": "a", "text": "Right"}, {"id": "b", "text": "Wrong"}],
        }
        for n, teaches in enumerate(["risk-a", "step-one", "options", "precautions"], start=1)
    ],
    "signing": {"id": "signing", "statement": "I read it."},
    "closing": {"id": "closing", "body": "Please wait for staff."},
}


@pytest.fixture
def form_data() -> dict[str, Any]:
    """A fresh copy of a small valid form as parsed TOML would give it; edit it freely."""
    return copy.deepcopy(_SMALL_FORM)
