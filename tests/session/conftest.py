"""What the screen model's tests share: the procedure they walk and a clock they move by hand."""

from __future__ import annotations

import pytest

from kiosk.content import Form, load_form
from tests.conftest import MILD
from tests.session.fakes import FakeClock


@pytest.fixture(scope="module")
def form() -> Form:
    return load_form(MILD)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
