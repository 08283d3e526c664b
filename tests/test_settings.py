"""Settings come from the environment; production refuses to start unsafely."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent


def settings_value(module, expression, **env):
    """Evaluate an expression against a settings module in a fresh interpreter."""
    clean = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            f"import config.settings.{module} as s; print({expression})",
        ],
        cwd=ROOT,
        env={**clean, "PERSONAL_DATA_KEYS": Fernet.generate_key().decode(), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result


def test_production_refuses_to_start_without_a_secret_key():
    result = settings_value("production", "s.DEBUG", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_reads_secret_key_and_allowed_hosts():
    result = settings_value(
        "production",
        "s.SECRET_KEY, s.ALLOWED_HOSTS, s.DEBUG",
        SECRET_KEY="from-the-environment",
        ALLOWED_HOSTS="stories.example, www.stories.example",
    )
    assert result.stdout.strip() == (
        "from-the-environment ['stories.example', 'www.stories.example'] False"
    )


def test_production_serves_hashed_compressed_static_files():
    result = settings_value("production", "s.STORAGES['staticfiles']['BACKEND']", SECRET_KEY="x")
    assert result.stdout.strip() == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_every_settings_module_honours_database_url_and_redis_url():
    for module in ("dev", "test", "production"):
        result = settings_value(
            module,
            "s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND']",
            SECRET_KEY="x",
            DATABASE_URL="postgres://postgres@127.0.0.1:5432/test",
            REDIS_URL="redis://127.0.0.1:6379/0",
        )
        assert result.stdout.split() == [
            "django.db.backends.postgresql",
            "django_redis.cache.RedisCache",
        ], (module, result.stderr)


def test_without_urls_the_embedded_defaults_are_used():
    result = settings_value(
        "dev", "s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND']"
    )
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "django.core.cache.backends.locmem.LocMemCache",
    ]


def test_every_storage_can_be_named_to_a_background_task():
    """Wagtail deletes files in a task that serialises the storage's options."""
    for module in ("dev", "production"):
        result = settings_value(
            module,
            "__import__('json').dumps(s.STORAGES) and 'ok'",
            SECRET_KEY="x",  # noqa: S106
            ALLOWED_HOSTS="example.org",
            AWS_PRIVATE_BUCKET_NAME="private-bucket" if module == "production" else "",
        )
        assert result.stdout.strip() == "ok", result.stderr


def test_production_keeps_each_workers_database_connection_between_requests():
    for database in ({"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test"}, {}):
        result = settings_value(
            "production",
            "s.DATABASES['default']['CONN_MAX_AGE'], s.DATABASES['default']['CONN_HEALTH_CHECKS']",
            SECRET_KEY="x",
            **database,
        )
        assert result.stdout.strip() == "600 True", result.stderr


def test_postgresql_runs_the_sites_short_queries_without_compiling_them():
    """JIT compilation cost the gate's whole-archive queries 160 ms each at 10,000 stories."""
    for module in ("dev", "test", "production"):
        result = settings_value(
            module,
            "s.DATABASES['default']['OPTIONS']['options']",
            SECRET_KEY="x",
            DATABASE_URL="postgres://postgres@127.0.0.1:5432/test",
        )
        assert result.stdout.strip() == "-c jit=off", (module, result.stderr)


@pytest.mark.django_db
def test_the_connection_to_postgresql_has_jit_off():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
