"""A TCP proxy that a test or the fault bench can cut and restore, putting a real database or Redis out of reach.

`cut("refuse")` closes the listening socket and every open connection, as a stopped server does: new connections
are refused at once. `cut("blackhole")` keeps accepting but forwards nothing, as a lost network does: clients wait
until their own timeouts. `restore()` listens on the same port again and forwards as before.
"""

import socket
import threading


class FaultProxy:
    def __init__(self, target_host: str, target_port: int, *, port: int = 0):
        self.target = (target_host, int(target_port))
        self.port = port
        self.mode = "down"
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None
        self._clients: set[socket.socket] = set()
        self._upstreams: set[socket.socket] = set()

    def __enter__(self) -> "FaultProxy":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        self.port = listener.getsockname()[1]
        with self._lock:
            self._listener, self.mode = listener, "up"
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self, mode: str = "refuse") -> None:
        """Stop forwarding: "refuse" as a stopped server, "blackhole" as a network that drops every packet."""
        if mode not in {"refuse", "blackhole"}:
            raise ValueError(mode)
        with self._lock:
            self.mode = mode
            # A blackhole leaves clients connected to nothing; a refusal hangs up on them.
            sockets, self._upstreams = self._upstreams, set()
            if mode == "refuse":
                sockets |= self._clients
                self._clients = set()
            listener = self._listener if mode == "refuse" else None
            if listener is not None:
                self._listener = None
        for sock in sockets:
            _close(sock)
        if listener is not None:
            _close(listener)

    def restore(self) -> None:
        with self._lock:
            listening = self._listener is not None
            # Connections held in a blackhole are dead: hang up so that their clients connect again.
            held, self._clients = (self._clients, set()) if self.mode == "blackhole" else (set(), self._clients)
            self.mode = "up"
        for sock in held:
            _close(sock)
        if not listening:
            self.start()

    def stop(self) -> None:
        self.cut("refuse")
        self.mode = "down"

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            with self._lock:
                mode = self.mode
                self._clients.add(client)
            if mode == "up":
                threading.Thread(target=self._connect, args=(client,), daemon=True).start()
            # In a blackhole the client stays connected and hears nothing until the proxy is cut again or stopped.

    def _connect(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(self.target, timeout=5)
        except OSError:
            _close(client)
            return
        upstream.settimeout(None)
        with self._lock:
            if self.mode != "up":
                _close(upstream)
                return
            self._upstreams.add(upstream)
        threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()
        threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                if self.mode != "up":
                    return  # a blackhole swallows what is on its way
                sink.sendall(data)
        except OSError:
            pass
        finally:
            if self.mode == "up":
                with self._lock:
                    for sock in (source, sink):
                        self._clients.discard(sock)
                        self._upstreams.discard(sock)
                _close(source)
                _close(sink)


def _close(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()
