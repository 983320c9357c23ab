"""Every command and subcommand has help text (sqlite-utils' convention)."""
import click
from click.testing import CliRunner

from rasd.cli import main


def _walk(cmd, path=()):
    yield path, cmd
    if isinstance(cmd, click.Group):
        for name, sub in cmd.commands.items():
            yield from _walk(sub, path + (name,))


def test_every_command_has_help():
    runner = CliRunner()
    for path, cmd in _walk(main):
        assert (cmd.help or "").strip(), f"rasd {' '.join(path)} has no help text"
        result = runner.invoke(main, [*path, "--help"])
        assert result.exit_code == 0, result.output


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and "rasd" in result.output
