"""Python source read with libcst (transformer/pysource.py), and the decisions of the python pass that
depend on it: a setup.py's install_requires and extensions name the runtime's libraries; a Django
STATIC_ROOT the settings write out makes collectstatic a build step whose folder the runtime copies."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from transformer import refactor
from transformer.pysource import (
    DjangoSettings,
    Extension,
    django_settings,
    read_setup_py,
    settings_module_of,
)

# ---------------------------------------------------------------- setup.py


def test_setup_py_literal_arguments() -> None:
    found = read_setup_py(
        "from setuptools import setup, Extension\n"
        "setup(\n    name='app',\n"
        "    install_requires=['psycopg2>=2.9', 'Flask[async]', \"requests ; python_version>'3'\"],\n"
        "    ext_modules=[Extension('app._speed', ['src/speed.c'], libraries=['pq', 'xml2'])],\n"
        "    entry_points={'console_scripts': ['app = app.main:run', 'app-admin=app.admin:main']},\n)\n")
    assert found is not None
    assert found.install_requires == ("psycopg2", "Flask", "requests")
    assert found.ext_modules == (Extension("app._speed", ("pq", "xml2")),)
    assert found.console_scripts == ("app", "app-admin")


def test_setup_py_names_assigned_at_the_top_are_followed() -> None:
    found = read_setup_py(
        "import setuptools\nREQUIRES = ['mysqlclient', 'django']\nEXT = setuptools.Extension(name='m', sources=[])\n"
        "ENTRY = '''\n[console_scripts]\nserve = m:serve\n[gui_scripts]\ngui = m:gui\n'''\n"
        "if __name__ == '__main__':\n    setuptools.setup(install_requires=REQUIRES, ext_modules=[EXT], "
        "entry_points=ENTRY)\n")
    assert found is not None
    assert found.install_requires == ("mysqlclient", "django")
    assert found.ext_modules == (Extension("m", ()),)
    assert found.console_scripts == ("serve",)


def test_setup_py_computed_values_are_unknown() -> None:
    found = read_setup_py(
        "from setuptools import setup\nfrom Cython.Build import cythonize\n"
        "setup(install_requires=open('requirements.txt').read().splitlines(), ext_modules=cythonize('*.pyx'))\n")
    assert found is not None
    assert found.install_requires is None and found.ext_modules is None and found.console_scripts == ()


def test_setup_py_with_nothing_to_read() -> None:
    found = read_setup_py("from setuptools import setup\nsetup(name='pure')\n")
    assert found is not None and found.install_requires == () and found.ext_modules == ()
    assert read_setup_py("print('no setup call')\n") is None
    assert read_setup_py("setup(\n") is None  # does not parse: unknown, never an exception
    assert read_setup_py("from setuptools import setup\nsetup()\nsetup()\n") is None  # which one runs?


# ---------------------------------------------------------------- Django settings


def files_reader(files: dict[str, str]) -> Callable[[str], str | None]:
    """A reader of image paths, for files under /code."""
    return lambda path: files.get(path.removeprefix("/code/"))


MANAGE = ("import os, sys\nif __name__ == '__main__':\n"
          "    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site1.settings')\n")


@pytest.mark.parametrize(("settings", "root"), [
    ("from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\n"
     "STATIC_ROOT = BASE_DIR / 'staticfiles'\n", "/code/staticfiles"),
    ("import os\nBASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))\n"
     "STATIC_ROOT = os.path.join(BASE_DIR, 'static')\n", "/code/static"),
    ("from os.path import join, dirname\nSTATIC_ROOT = join(dirname(dirname(__file__)), 'public', 'static')\n",
     "/code/public/static"),
    ("import pathlib\nSTATIC_ROOT = str(pathlib.Path(__file__).resolve().parents[1].joinpath('assets'))\n",
     "/code/assets"),
    ("STATIC_ROOT = '/var/www/static/'\n", "/var/www/static/"),
    ("STATIC_ROOT = 'collected'\n", "collected"),  # relative: to where collectstatic runs
])
def test_static_root_as_the_settings_compute_it(settings: str, root: str) -> None:
    read = files_reader({"manage.py": MANAGE, "site1/settings.py": settings})
    assert django_settings(read, "/code/manage.py", "/code") == DjangoSettings(
        "/code/site1/settings.py", root, None)


@pytest.mark.parametrize("settings", [
    "import os\nSTATIC_ROOT = os.environ.get('STATIC_ROOT', '/static')\n",
    "STATIC_ROOT = '/a'\nif DEBUG:\n    STATIC_ROOT = '/b'\n",
    "STATIC_ROOT = '/a'\nSTATIC_ROOT += '/b'\n",
    "STATIC_ROOT, MEDIA_ROOT = '/a', '/b'\n",
    "STATIC_ROOT = f'{BASE}/static'\n",
    "STATIC_ROOT = '/a'\nfrom .local import *\n",  # a module the context does not have may set it again
    "STATIC_URL = '/static/'\n",
])
def test_static_root_that_is_not_written_out_is_unknown(settings: str) -> None:
    found = django_settings(files_reader({"site1/settings.py": settings}), "/code/manage.py", "/code",
                            "site1.settings")
    assert found is not None and found.static_root is None


def test_settings_split_in_modules_are_followed() -> None:
    read = files_reader({
        "site1/settings/__init__.py": "from .base import *\nDEBUG = False\n",
        "site1/settings/base.py": "from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent.parent\n"
                                  "STATIC_ROOT = BASE_DIR / 'static'\n",
    })
    found = django_settings(read, "/code/manage.py", "/code", "site1.settings")
    assert found is not None and found.static_root == "/code/static"
    assert found.path == "/code/site1/settings/__init__.py"


@pytest.mark.parametrize(("settings", "storage"), [
    ("STATICFILES_STORAGE = 'storages.backends.s3boto3.S3StaticStorage'\n",
     "storages.backends.s3boto3.S3StaticStorage"),
    ("STORAGES = {'default': {},\n"
     "            'staticfiles': {'BACKEND': 'whitenoise.storage.CompressedManifestStaticFilesStorage'}}\n",
     "whitenoise.storage.CompressedManifestStaticFilesStorage"),
    ("import os\nSTATICFILES_STORAGE = os.environ['STORAGE']\n", "unknown"),
])
def test_the_static_files_storage_is_read(settings: str, storage: str) -> None:
    read = files_reader({"site1/settings.py": "STATIC_ROOT = '/static'\n" + settings})
    found = django_settings(read, "/code/manage.py", "/code", "site1.settings")
    assert found is not None and found.static_storage == storage


def test_the_settings_module_manage_py_names() -> None:
    assert settings_module_of(MANAGE) == "site1.settings"
    assert settings_module_of("import os\nos.environ['X'] = '1'\n") is None
    assert django_settings(files_reader({}), "/code/manage.py", "/code") is None


# ---------------------------------------------------------------- the python pass's decisions


def reader(files: dict[str, str]) -> Callable[[str], str | None]:
    return files.get


def runner(text: str, files: dict[str, str]) -> str:
    result = refactor(text, read_context=reader(files))
    assert result.changed, result.skipped
    return result.text.split("AS runner")[1]


PIP_DOT = "FROM python:3.11-bookworm\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir .\nCMD [\"app\"]\n"
SETUP_REQUIRES = "from setuptools import setup\nsetup(name='app', install_requires=['psycopg2>=2.9', 'flask'])\n"


def test_install_requires_of_setup_py_names_the_runtime_libraries() -> None:
    """`pip install .` builds psycopg2 against the full image's libpq: the slim runtime needs libpq5."""
    assert "libpq5" in runner(PIP_DOT, {"setup.py": SETUP_REQUIRES})
    assert "libpq5" not in runner(PIP_DOT, {"setup.py": "from setuptools import setup\nsetup(name='app')\n"})
    assert "apt-get" not in runner(PIP_DOT, {})  # no setup.py in the context: nothing known


def test_setup_py_install_and_a_project_folder() -> None:
    text = PIP_DOT.replace("pip install --no-cache-dir .", "python setup.py install")
    assert "libpq5" in runner(text, {"setup.py": SETUP_REQUIRES})
    text = PIP_DOT.replace("pip install --no-cache-dir .", "pip install --no-cache-dir ./server[extra]")
    assert "libpq5" in runner(text, {"server/setup.py": SETUP_REQUIRES})


def test_extensions_link_against_the_libraries_they_name() -> None:
    setup = ("from setuptools import Extension, setup\n"
             "setup(name='app', ext_modules=[Extension('app._xml', ['x.c'], libraries=['xml2'])])\n")
    text = runner(PIP_DOT, {"setup.py": setup})
    assert "apt-get install -y --no-install-recommends libxml2 " in text
    assert "gcc" not in text  # the compiler stays in the builder
    libc = setup.replace("['xml2']", "['m', 'pthread', 'crypto']")
    assert "apt-get install -y --no-install-recommends libssl3 " in runner(PIP_DOT, {"setup.py": libc})


def test_an_extension_library_of_no_known_package_keeps_the_file() -> None:
    setup = ("from setuptools import Extension, setup\n"
             "setup(name='app', ext_modules=[Extension('app._x', ['x.c'], libraries=['acme'])])\n")
    result = refactor(PIP_DOT, read_context=reader({"setup.py": setup}))
    assert not result.changed
    assert "links against libacme-dev, a library whose run-time package is not known" in (result.skipped or "")


SETTINGS = ("from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\n"
            "STATIC_ROOT = BASE_DIR / 'staticfiles'\n")
DJANGO = ("FROM python:3.11\nENV DJANGO_SETTINGS_MODULE=mysite.settings\nWORKDIR /code\nCOPY . .\n"
          "RUN pip install -r requirements.txt\nRUN python manage.py collectstatic --noinput\n"
          "CMD [\"gunicorn\", \"mysite.wsgi\"]\n")


def test_collectstatic_with_a_known_static_root_is_copied_not_repeated() -> None:
    files = {"requirements.txt": "django\n", "mysite/settings.py": SETTINGS}
    text = runner(DJANGO, files)
    assert "COPY --from=builder /code/staticfiles /code/staticfiles\n" in text
    assert "collectstatic" not in text
    # no settings in the context: the runtime gathers the files again, as before
    assert "RUN python manage.py collectstatic --noinput\n" in runner(DJANGO, {"requirements.txt": "django\n"})


def test_collectstatic_into_a_remote_storage_is_repeated() -> None:
    settings = SETTINGS + "STATICFILES_STORAGE = 'storages.backends.s3boto3.S3StaticStorage'\n"
    text = runner(DJANGO, {"requirements.txt": "django\n", "mysite/settings.py": settings})
    assert "RUN python manage.py collectstatic --noinput\n" in text and "/code/staticfiles" not in text


def test_collectstatic_follows_the_settings_manage_py_names() -> None:
    files = {"requirements.txt": "django\n", "manage.py": MANAGE, "site1/settings.py": "STATIC_ROOT = 'public'\n"}
    text = runner(DJANGO.replace("ENV DJANGO_SETTINGS_MODULE=mysite.settings\n", ""), files)
    assert "COPY --from=builder /code/public /code/public\n" in text
    other = DJANGO.replace("--noinput", "--noinput --settings=site1.settings")
    files = {"requirements.txt": "django\n", "site1/settings.py": "STATIC_ROOT = '/srv/static'\n"}
    assert "COPY --from=builder /srv/static /srv/static\n" in runner(other, files)
