"""``python -m transformer``: the msrefactor command, for an environment whose scripts folder is not on PATH."""

from .cli import main

main(prog_name="msrefactor")
