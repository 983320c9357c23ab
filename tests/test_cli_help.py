"""Every command and subcommand has help text (sqlite-utils' convention); commands load lazily."""
import subprocess
import sys

import click
from click.testing import CliRunner

from rasd.cli import main


def _walk(cmd, path=()):
    yield path, cmd
    if isinstance(cmd, click.Group):
        ctx = click.Context(cmd)
        for name in cmd.list_commands(ctx):
            yield from _walk(cmd.get_command(ctx, name), path + (name,))


def test_every_command_has_help():
    runner = CliRunner()
    paths = []
    for path, cmd in _walk(main):
        paths.append(path)
        assert (cmd.help or "").strip(), f"rasd {' '.join(path)} has no help text"
        result = runner.invoke(main, [*path, "--help"])
        assert result.exit_code == 0, result.output
    top = {p[0] for p in paths if p}
    assert {"extract", "ingest", "serve", "eval", "ner", "lexicon", "watch"} <= top


def test_top_level_help_lists_every_command():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in ("duplicates", "eval", "events", "explain", "export", "extract", "ingest", "lexicon", "ner",
                 "reliability", "reprocess", "serve", "watch"):
        assert f"  {name} " in result.output, name


def test_unknown_command_is_a_usage_error():
    result = CliRunner().invoke(main, ["no-such-command"])
    assert result.exit_code == 2 and "No such command" in result.output


def test_a_command_imports_only_its_own_module():
    """`rasd lexicon ...` must not pay for the store, the web server or trafilatura."""
    code = ("import sys; from rasd.cli import main\n"
            "try:\n    main(['lexicon', '--help'])\nexcept SystemExit:\n    pass\n"
            "mods = [m for m in ('rasd.commands.serve', 'rasd.commands.ingest', 'rasd.store', 'fastapi',"
            " 'trafilatura', 'pyarrow') if m in sys.modules]\n"
            "print('LOADED', mods)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "LOADED []" in out, out


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and "rasd" in result.output
