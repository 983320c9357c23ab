"""The ``rasd`` command: a thin adapter over the Python API.

Every module in ``rasd.commands`` exposes ``command`` (a click command or group) named like the
module, so a new command is a new module and nothing else. Modules are imported when their
command runs, not at start-up: the commands between them pull in the store, the web server,
trafilatura, pyarrow ... (about 120 MB and most of a second), and one run needs one of them.
"""
from __future__ import annotations

import importlib
import logging
import pkgutil
from typing import Optional

import click

from . import __version__, commands


class LazyCommands(click.Group):
    """A group whose subcommands are the modules of ``rasd.commands``, imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(info.name for info in pkgutil.iter_modules(commands.__path__))

    def get_command(self, ctx: click.Context, name: str) -> Optional[click.Command]:
        if name not in self.commands:
            if name not in self.list_commands(ctx):
                return None
            command = importlib.import_module(f"{commands.__name__}.{name}").command
            if command.name != name:  # the convention this lookup relies on
                raise RuntimeError(f"rasd.commands.{name} defines the command {command.name!r}, not {name!r}")
            self.add_command(command)
        return self.commands[name]


@click.group(cls=LazyCommands, help="rasd (رصد): Arabic news to PLOVER event data.")
@click.version_option(__version__, prog_name="rasd")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
def main(verbose: int) -> None:
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
