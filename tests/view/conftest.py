"""Fixtures of the analyst's page tests: a real headless Chromium, and a folder that keeps screenshots."""

from __future__ import annotations

import os
import pathlib
import shutil

import pytest

from fieldreport.service.view import browser

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def chromium() -> str:
    binary = browser.find()
    if binary is None:
        pytest.skip("no chromium binary on PATH (Debian: apt-get install chromium; .ci/run installs it)")
    return binary


@pytest.fixture(scope="session")
def artifacts() -> pathlib.Path:
    """Screenshots are kept here after the run: $FIELDREPORT_TEST_ARTIFACTS, else test-artifacts/ (ignored by git)."""
    folder = pathlib.Path(os.environ.get("FIELDREPORT_TEST_ARTIFACTS") or ROOT / "test-artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture()
def keep(artifacts):
    """keep(png) copies a screenshot made in a test's tmp_path to the artifacts folder."""

    def copy(png: pathlib.Path) -> pathlib.Path:
        target = artifacts / png.name
        shutil.copyfile(png, target)
        return target

    return copy
