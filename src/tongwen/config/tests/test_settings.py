"""Settings come from the environment and fail loudly; production passes check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tongwen.config import env


def test_bool_reader_rejects_what_it_cannot_read(monkeypatch):
    monkeypatch.setenv("TONGWEN_X", "maybe")
    with pytest.raises(env.ImproperlyConfiguredEnv, match="TONGWEN_X must be true or false"):
        env.env_bool("TONGWEN_X", True)
    monkeypatch.setenv("TONGWEN_X", "off")
    assert env.env_bool("TONGWEN_X", True) is False


def test_int_and_choice_readers(monkeypatch):
    monkeypatch.setenv("TONGWEN_N", "12x")
    with pytest.raises(env.ImproperlyConfiguredEnv, match="whole number"):
        env.env_int("TONGWEN_N", 1)
    monkeypatch.setenv("TONGWEN_P", "staging")
    with pytest.raises(env.ImproperlyConfiguredEnv, match="one of"):
        env.env_choice("TONGWEN_P", "development", {"development", "production"})


def test_secret_key_is_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("TONGWEN_SECRET_KEY", raising=False)
    first = env.secret_key("TONGWEN_SECRET_KEY", tmp_path)
    assert len(first) >= 50
    assert env.secret_key("TONGWEN_SECRET_KEY", tmp_path) == first
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"


def _manage(tmp_path: Path, *args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("TONGWEN_")}
    environ.update(TONGWEN_DATA_DIR=str(tmp_path), **extra_env)
    manage = Path(__file__).resolve().parents[4] / "manage.py"
    return subprocess.run(
        [sys.executable, str(manage), *args],
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_profile_passes_check_deploy(tmp_path):
    result = _manage(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        TONGWEN_PROFILE="production",
        TONGWEN_ALLOWED_HOSTS="tongwen.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_bad_value_stops_start_up(tmp_path):
    result = _manage(tmp_path, "check", TONGWEN_DEBUG="sometimes")
    assert result.returncode != 0
    assert "TONGWEN_DEBUG must be true or false, not 'sometimes'" in result.stderr
