"""The address a server is asked to listen on, checked before anything starts."""

from __future__ import annotations

import socket


class BindError(Exception):
    pass


def checked(bind: str) -> str:
    """The address as host:port, once a socket could listen there; else why it cannot."""
    host, _, port_text = bind.strip().rpartition(":")
    host = host.strip("[]")
    if not host or not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
        raise BindError(f"--bind must be HOST:PORT with a port from 1 to 65535, not {bind!r}")
    try:
        infos = socket.getaddrinfo(host, int(port_text), type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise BindError(f"Cannot listen on {bind}: unknown host {host!r} ({error.strerror})"
                        ) from None
    family, kind, protocol, _, address = infos[0]
    with socket.socket(family, kind, protocol) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            raise BindError(f"Cannot listen on {bind}: {error.strerror}") from None
    return bind.strip()
