"""Typed readers for settings taken from the environment.

Every reader fails loudly on a value it cannot understand: a typo in a deployment must
stop the process at start-up, not surface later as a surprising default.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


class ImproperlyConfiguredEnv(RuntimeError):
    """An environment variable holds a value Tongwen cannot use."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfiguredEnv(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int, *, minimum: int = 0, maximum: int = 2**31) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfiguredEnv(f"{name} must be a whole number, not {raw!r}") from None
    if not minimum <= value <= maximum:
        raise ImproperlyConfiguredEnv(f"{name} must be between {minimum} and {maximum}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: set[str]) -> str:
    value = os.environ.get(name) or default
    if value not in choices:
        raise ImproperlyConfiguredEnv(f"{name} must be one of {sorted(choices)}, not {value!r}")
    return value


def data_dir(name: str, default: str) -> Path:
    path = Path(os.environ.get(name) or default).resolve()
    if path.exists() and not path.is_dir():
        raise ImproperlyConfiguredEnv(f"{name} points at {path}, which is not a directory")
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key(name: str, directory: Path) -> str:
    """The key from the environment, or one generated on first run and kept in the data dir."""
    from_env = os.environ.get(name)
    if from_env:
        if len(from_env) < 50:
            raise ImproperlyConfiguredEnv(f"{name} must be at least 50 characters long")
        return from_env
    path = directory / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(64))
    return path.read_text().strip()
