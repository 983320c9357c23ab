"""``rasd serve``: the HTTP API and the dashboard over a store (uvicorn)."""
from __future__ import annotations

import logging
from typing import Optional

import click

from ..errors import StoreError
from ..store.cli_options import db_option

TOKEN_VARIABLE = "RASD_API_TOKEN"


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 makes it reachable from other machines).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--token", default=None, envvar=TOKEN_VARIABLE, show_envvar=True,
              help="API token for write endpoints (ingest, alerts); without one, writes are refused.")
@click.option("--read-only", is_flag=True, help="Refuse every write, even with the token.")
def command(db: Optional[str], host: str, port: int, token: Optional[str], read_only: bool) -> None:
    """Serve the API under /api/ and the dashboard at / (open the printed address in a browser)."""
    import uvicorn

    from ..api import create_app

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        app = create_app(db, token=token, read_only=read_only)
    except StoreError as e:
        raise click.ClickException(str(e))
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
    click.echo(f"rasd: serving {app.state.database.writer.url}", err=True)
    click.echo(f"rasd: dashboard at http://{shown}:{port}/  (API: http://{shown}:{port}/api/, "
               f"OpenAPI: http://{shown}:{port}/openapi.json)", err=True)
    if read_only:
        click.echo("rasd: read-only", err=True)
    elif not token:
        click.echo(f"rasd: writes disabled (give --token or ${TOKEN_VARIABLE} to enable ingest and alerts)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
