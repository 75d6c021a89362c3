"""The ``govreport serve`` command: a plain function typer registers (``app.command("serve")(serve)``)."""

from __future__ import annotations

import gc
import secrets
import sys
from pathlib import Path
from typing import Annotated

import typer

from govreport.i18n import N_, _

TOKEN_ENV = "GOVREPORT_TOKEN"
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


def serve(
    host: Annotated[
        str, typer.Option("--host", help=N_("监听地址；不是本机地址时必须给出访问令牌。"))
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help=N_("端口。"))] = 8000,
    data: Annotated[Path, typer.Option("--data", help=N_("草稿数据库所在目录。"))] = Path("govreport-data"),
    token: Annotated[
        str | None,
        typer.Option("--token", envvar=TOKEN_ENV, help=N_("访问令牌（也可用环境变量 GOVREPORT_TOKEN）。")),
    ] = None,
    allow_host: Annotated[
        list[str] | None, typer.Option("--allow-host", help=N_("另外接受的主机名（Host 头），可重复。"))
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", min=0, max=32, help=N_("排版进程数（0：在服务进程内排版）。"))
    ] = 2,
    max_size: Annotated[int, typer.Option("--max-size", min=1024, help=N_("请求与上传文件的大小上限（字节）。"))] = (
        10 * 1024 * 1024
    ),
) -> None:
    """Start the web app and HTTP API."""
    try:
        import uvicorn

        from govreport.serve.app import allowed_hosts, create_app
    except ImportError as exc:
        message = _("缺少服务所需的库（{error}）：请安装 pip install 'govreport[serve]'")
        sys.stderr.write(message.format(error=exc) + "\n")
        raise typer.Exit(3) from None
    gc.enable()  # a resident process: the collector must run (the command's entry point pauses it)
    if host not in _LOOPBACK and not token:
        sys.stderr.write(
            _("监听 {host} 时必须给出访问令牌：--token 或环境变量 {env}。例如：--token {example}").format(
                host=host, env=TOKEN_ENV, example=secrets.token_urlsafe(16)
            )
            + "\n"
        )
        raise typer.Exit(2)
    hosts = allowed_hosts(host, tuple(allow_host or ()))
    app = create_app(data, token=token, hosts=hosts, max_body=max_size, workers=workers)
    shown = f"[{host}]" if ":" in host else host
    sys.stderr.write(_("govreport serve：http://{host}:{port}/ （草稿保存在 {data}）").format(
        host=shown, port=port, data=data) + "\n")
    if token:
        notice = _("需要访问令牌：首次打开 http://{host}:{port}/?token=… ，API 请求带 Authorization: Bearer …")
        sys.stderr.write(notice.format(host=shown, port=port) + "\n")
    sys.stderr.write(_("接受的主机名：{hosts}").format(hosts="、".join(hosts)) + "\n")
    sys.stderr.flush()
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False, server_header=False)


__all__ = ["TOKEN_ENV", "serve"]
