"""The ``rasd`` command: a thin adapter over the Python API.

Every module in ``rasd.commands`` exposes ``command`` (a click command or group); it is added
here, so a new command is a new module and nothing else.
"""
from __future__ import annotations

import importlib
import logging
import pkgutil

import click

from . import __version__, commands


@click.group(help="rasd (رصد): Arabic news to PLOVER event data.")
@click.version_option(__version__, prog_name="rasd")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
def main(verbose: int) -> None:
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


for _info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
    _module = importlib.import_module(f"{commands.__name__}.{_info.name}")
    main.add_command(_module.command)
